// Elementwise optimizer and penalty steps over a parameter, split between OpenMP threads in fixed
// chunks: every value is computed by the same code path for any thread count (a chunk boundary
// decides where Eigen's vector loop starts and ends), so results do not depend on the number of
// threads. A serial step left the second core idle for 4% of W1's training step.
#pragma once

#include <algorithm>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet::detail {

// body(begin, end) over [0, n) in chunks of 16,384 values (64 KiB of floats).
template <typename Body>
void for_parameter_chunks(Index n, Body body) {
  constexpr Index kChunk = Index{1} << 14;
  const Index n_chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(dynamic, 1) if (n_chunks > 1)
  for (Index c = 0; c < n_chunks; ++c) body(c * kChunk, std::min(n, (c + 1) * kChunk));
}

}  // namespace ontonet::detail
