// A batch's samples, each a contiguous row of features (how data sources hold them), transposed
// into the activation layout [features, batch] row-major that a model reads, in SIMD tiles: 8 x 8
// floats in AVX registers, 16 x 16 int8 codes (genotypes) in SSE registers.
// Threads take blocks of features as they come free; every element is a copy, so the result does
// not depend on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

// out: [n_features, samples.size()] row-major, overwritten; samples[j] points at sample j's
// n_features values.
void transpose_batch(const std::vector<const float*>& samples, Index n_features, float* out);
void transpose_batch(const std::vector<const std::int8_t*>& samples, Index n_features,
                     std::int8_t* out);
// Codes converted to floats on the way.
void transpose_batch(const std::vector<const std::int8_t*>& samples, Index n_features, float* out);

}  // namespace ontonet
