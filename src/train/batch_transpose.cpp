#include "ontonet/train/batch_transpose.hpp"

#if defined(__SSE2__) || defined(__AVX__)
#include <immintrin.h>
#endif

#include <algorithm>

namespace ontonet {

namespace {

// Below this many elements a parallel region costs more than the copy.
constexpr Index kMinParallelElements = 1 << 16;

// Each sample's block is one contiguous read; the block's [kBlock, batch] slice of `out` stays in
// the L1 cache while it is written column by column.
template <typename In>
void transpose_in_blocks(const std::vector<const In*>& samples, Index n_features, float* out) {
  const auto batch = static_cast<Index>(samples.size());
  constexpr Index kBlock = 32;
  const Index n_blocks = (n_features + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static) if (n_features * batch >= kMinParallelElements)
  for (Index block = 0; block < n_blocks; ++block) {
    const Index first = block * kBlock;
    const Index end = std::min(first + kBlock, n_features);
    for (Index j = 0; j < batch; ++j) {
      const In* in = samples[static_cast<std::size_t>(j)];
      for (Index f = first; f < end; ++f) out[f * batch + j] = static_cast<float>(in[f]);
    }
  }
}

// The features [first, n_features) of every sample, one by one: the remainder after the tiles (or
// everything, without SIMD).
template <typename T>
void transpose_rest(const std::vector<const T*>& samples, Index first, Index n_features, T* out) {
  const auto batch = static_cast<Index>(samples.size());
  for (Index f = first; f < n_features; ++f) {
    for (Index j = 0; j < batch; ++j) out[f * batch + j] = samples[static_cast<std::size_t>(j)][f];
  }
}

}  // namespace

void transpose_batch(const std::vector<const float*>& samples, Index n_features, float* out) {
#ifdef __AVX__
  // 8 x 8 tiles in AVX registers: unpack pairs, shuffle quads, swap 128-bit halves.
  const auto batch = static_cast<Index>(samples.size());
  const Index full_samples = batch / 8 * 8;
  const Index n_tiles = n_features / 8;
#pragma omp parallel for schedule(static) if (n_features * batch >= kMinParallelElements)
  for (Index tile = 0; tile < n_tiles; ++tile) {
    const Index f = tile * 8;
    for (Index j = 0; j < full_samples; j += 8) {
      __m256 r[8];
      for (Index i = 0; i < 8; ++i) {
        r[i] = _mm256_loadu_ps(samples[static_cast<std::size_t>(j + i)] + f);
      }
      __m256 t[8];
      for (Index i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
      }
      __m256 q[8];
      for (Index i = 0; i < 8; i += 4) {
        q[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
        q[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
        q[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        q[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
      }
      for (Index i = 0; i < 4; ++i) {
        _mm256_storeu_ps(out + (f + i) * batch + j, _mm256_permute2f128_ps(q[i], q[i + 4], 0x20));
        _mm256_storeu_ps(out + (f + i + 4) * batch + j,
                         _mm256_permute2f128_ps(q[i], q[i + 4], 0x31));
      }
    }
    for (Index j = full_samples; j < batch; ++j) {
      for (Index i = 0; i < 8; ++i) {
        out[(f + i) * batch + j] = samples[static_cast<std::size_t>(j)][f + i];
      }
    }
  }
  transpose_rest(samples, n_tiles * 8, n_features, out);
#else
  transpose_in_blocks(samples, n_features, out);
#endif
}

void transpose_batch(const std::vector<const std::int8_t*>& samples, Index n_features,
                     std::int8_t* out) {
#ifdef __SSE2__
  const auto batch = static_cast<Index>(samples.size());
  const Index full_samples = batch / 16 * 16;
  const Index n_tiles = n_features / 16;
#pragma omp parallel for schedule(static) if (n_features * batch >= kMinParallelElements)
  for (Index tile = 0; tile < n_tiles; ++tile) {
    const Index f = tile * 16;
    for (Index j = 0; j < full_samples; j += 16) {
      // 16 x 16 bytes: four rounds interleaving row i with row i + 8 (a perfect shuffle each)
      // leave row i holding column i.
      __m128i rows[16];
      for (Index i = 0; i < 16; ++i) {
        rows[i] = _mm_loadu_si128(
            reinterpret_cast<const __m128i*>(samples[static_cast<std::size_t>(j + i)] + f));
      }
      for (int round = 0; round < 4; ++round) {
        __m128i next[16];
        for (int i = 0; i < 8; ++i) {
          next[2 * i] = _mm_unpacklo_epi8(rows[i], rows[i + 8]);
          next[2 * i + 1] = _mm_unpackhi_epi8(rows[i], rows[i + 8]);
        }
        std::copy(next, next + 16, rows);
      }
      for (Index i = 0; i < 16; ++i) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + (f + i) * batch + j), rows[i]);
      }
    }
    for (Index j = full_samples; j < batch; ++j) {
      for (Index i = 0; i < 16; ++i) {
        out[(f + i) * batch + j] = samples[static_cast<std::size_t>(j)][f + i];
      }
    }
  }
  transpose_rest(samples, n_tiles * 16, n_features, out);
#else
  transpose_rest(samples, 0, n_features, out);
#endif
}

void transpose_batch(const std::vector<const std::int8_t*>& samples, Index n_features, float* out) {
  transpose_in_blocks(samples, n_features, out);
}

}  // namespace ontonet
