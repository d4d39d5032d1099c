// Runs an op's row-wise work on [features, batch] buffers across OpenMP threads: the rows are cut
// into runs, a few per thread, that the threads take as they finish one (the cores of a shared VM
// run at different speeds), and every row is computed by one thread exactly as it would be alone,
// so results do not depend on the thread count. Small buffers stay serial, where a parallel region
// costs more than it saves.
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
#ifdef _OPENMP
  const Index n_runs = parallel ? 4 * omp_get_max_threads() : 1;
#else
  const Index n_runs = 1;
#endif
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (Index run = 0; run < n_runs; ++run) body(n_rows * run / n_runs, n_rows * (run + 1) / n_runs);
}

}  // namespace ontonet::detail
