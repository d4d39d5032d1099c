// Runs an op's row-wise work on [features, batch] buffers across OpenMP threads: each thread takes
// a contiguous run of rows (schedule static) and every row is computed by one thread exactly as it
// would be alone, so results do not depend on the thread count. Small buffers stay serial, where a
// parallel region costs more than it saves.
#pragma once

#ifdef _OPENMP
#include <omp.h>
#endif

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet::detail {

constexpr Index kMinParallelElements = 1 << 16;

// body(first_row, end_row) over [0, n_rows), split between threads when n_rows * batch is large.
template <typename Body>
void for_row_blocks(Index n_rows, Index batch, Body body) {
  const bool parallel = n_rows * batch >= kMinParallelElements;
#pragma omp parallel if (parallel)
  {
#ifdef _OPENMP
    const Index threads = omp_get_num_threads();
    const Index thread = omp_get_thread_num();
#else
    const Index threads = 1;
    const Index thread = 0;
#endif
    body(n_rows * thread / threads, n_rows * (thread + 1) / threads);
  }
}

}  // namespace ontonet::detail
