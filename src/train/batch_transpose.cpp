#include "ontonet/train/batch_transpose.hpp"

#include <algorithm>
#include <cstring>

namespace ontonet {

namespace {

// Below this many elements a parallel region costs more than the copy.
constexpr Index kMinParallelElements = 1 << 16;

// Transposes the 8 x 8 bytes of rows[0..8) (row i = one 64-bit word, byte j = column j) in place:
// three rounds swapping 4 x 4, 2 x 2 and 1 x 1 sub-blocks across the diagonal.
void transpose_8x8(std::uint64_t rows[8]) {
  constexpr std::uint64_t kMask4 = 0x00000000FFFFFFFFULL;
  constexpr std::uint64_t kMask2 = 0x0000FFFF0000FFFFULL;
  constexpr std::uint64_t kMask1 = 0x00FF00FF00FF00FFULL;
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t a = rows[i];
    const std::uint64_t b = rows[i + 4];
    rows[i] = (a & kMask4) | (b << 32);
    rows[i + 4] = (a >> 32) | (b & ~kMask4);
  }
  for (int base = 0; base < 8; base += 4) {
    for (int i = base; i < base + 2; ++i) {
      const std::uint64_t a = rows[i];
      const std::uint64_t b = rows[i + 2];
      rows[i] = (a & kMask2) | ((b & kMask2) << 16);
      rows[i + 2] = ((a >> 16) & kMask2) | (b & ~kMask2);
    }
  }
  for (int i = 0; i < 8; i += 2) {
    const std::uint64_t a = rows[i];
    const std::uint64_t b = rows[i + 1];
    rows[i] = (a & kMask1) | ((b & kMask1) << 8);
    rows[i + 1] = ((a >> 8) & kMask1) | (b & ~kMask1);
  }
}

}  // namespace

void transpose_batch(const std::vector<const float*>& samples, Index n_features, float* out) {
  const auto batch = static_cast<Index>(samples.size());
  // Each sample's block is one contiguous read; the block's [kBlock, batch] slice of `out` stays
  // in the L1 cache while it is written column by column.
  constexpr Index kBlock = 32;
  const Index n_blocks = (n_features + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static) if (n_features * batch >= kMinParallelElements)
  for (Index block = 0; block < n_blocks; ++block) {
    const Index first = block * kBlock;
    const Index end = std::min(first + kBlock, n_features);
    for (Index j = 0; j < batch; ++j) {
      const float* in = samples[static_cast<std::size_t>(j)];
      for (Index f = first; f < end; ++f) out[f * batch + j] = in[f];
    }
  }
}

void transpose_batch(const std::vector<const std::int8_t*>& samples, Index n_features,
                     std::int8_t* out) {
  const auto batch = static_cast<Index>(samples.size());
  const Index full_features = n_features / 8 * 8;
  const Index full_samples = batch / 8 * 8;
  const Index n_tiles = full_features / 8;
#pragma omp parallel for schedule(static) if (n_features * batch >= kMinParallelElements)
  for (Index tile = 0; tile < n_tiles; ++tile) {
    const Index f = tile * 8;
    for (Index j = 0; j < full_samples; j += 8) {
      std::uint64_t rows[8];  // rows[i]: features f .. f + 7 of sample j + i
      for (Index i = 0; i < 8; ++i) {
        std::memcpy(&rows[i], samples[static_cast<std::size_t>(j + i)] + f, 8);
      }
      transpose_8x8(rows);  // rows[i]: samples j .. j + 7 of feature f + i
      for (Index i = 0; i < 8; ++i) std::memcpy(out + (f + i) * batch + j, &rows[i], 8);
    }
    for (Index j = full_samples; j < batch; ++j) {
      for (Index i = 0; i < 8; ++i) {
        out[(f + i) * batch + j] = samples[static_cast<std::size_t>(j)][f + i];
      }
    }
  }
  for (Index f = full_features; f < n_features; ++f) {
    for (Index j = 0; j < batch; ++j) out[f * batch + j] = samples[static_cast<std::size_t>(j)][f];
  }
}

}  // namespace ontonet
