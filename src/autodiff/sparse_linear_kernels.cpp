#include "ontonet/autodiff/sparse_linear_kernels.hpp"

#include <omp.h>

#if defined(__AVX512BW__) && defined(__AVX512VL__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "activation_rows.hpp"
#include "parallel_rows.hpp"

namespace ontonet {

namespace {

// Below this many multiply-adds a parallel region costs more than it saves.
constexpr Index kMinParallelWork = 1 << 15;

// Input rows are gathered in the pattern's order, which is random in memory (the SNPs of a gene
// lie anywhere, and most genes have a few): fetching the row of the entry 32 places ahead, in this
// row or the next ones, hides the latency of those reads (8 places ahead hid too little: W1 ran
// ~10% slower on one thread). An entry ahead may lie in another segment, so its row may be outside
// `x`: the address is formed as an integer, and a prefetch of any address is harmless.
constexpr Index kPrefetchDistance = 32;
// Rows of a layer's gradient, read in order, are fetched this many rows ahead.
constexpr Index kRowsAhead = 4;
// The forward pass activates its rows this many at a time, while they are in the L1 cache
// (activate_rows; one call per row, W1's 22,000 rows spent 7% of the step in tanh).
constexpr Index kRowsPerActivation = 8;

template <typename Element>
void prefetch_row(const Element* x, Index row, Index batch) {
  constexpr Index kLine = 64 / sizeof(Element);
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(x) +
                               static_cast<std::uintptr_t>(row * batch) * sizeof(Element);
  for (Index b = 0; b < batch; b += kLine) {
    __builtin_prefetch(reinterpret_cast<const void*>(start + b * sizeof(Element)));
  }
}

// The rows [first, end) of `offsets` (a CSR or CSC offset array over [begin, end)) in run `run` of
// `n_runs`: the run holding its equal share of the work, counted as the row's entries plus one for
// the row's own pass over the batch (bias, activation, first write), which matters where most rows
// hold one or two entries.
struct RowRange {
  Index first;
  Index end;
};

RowRange balanced_rows(const Index* offsets, Index begin, Index end, Index run, Index n_runs) {
  const auto work_before = [&](Index row) { return offsets[row] - offsets[begin] + row - begin; };
  const Index total = work_before(end);
  const auto row_at_share = [&](Index r) {
    if (r == 0) return begin;
    if (r == n_runs) return end;
    const Index target = total * r / n_runs;
    Index low = begin;
    Index high = end;
    while (low < high) {  // the first row whose work before it reaches the target
      const Index mid = low + (high - low) / 2;
      if (work_before(mid) < target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  };
  return {row_at_share(run), row_at_share(run + 1)};
}

// Runs of equal work per thread: threads take the next run as they finish one, since the two
// cores of a shared VM often run at different speeds (in one W1 profile the main thread took 45%
// more samples than the other for the same work, and the other waited at every barrier). Each row
// is still computed whole by one thread, so which thread takes a run changes nothing in the result.
constexpr Index kRunsPerThread = 8;

// Runs body(first, end) over the rows [begin, end) of `offsets`, in runs of equal nonzeros taken
// by the threads when the work is large enough.
template <typename Body>
void for_balanced_rows(const Index* offsets, Index begin, Index end, Index batch, Body body) {
  const bool parallel = (offsets[end] - offsets[begin]) * batch >= kMinParallelWork;
  const Index n_runs = parallel ? kRunsPerThread * omp_get_max_threads() : 1;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (Index run = 0; run < n_runs; ++run) {
    const RowRange range = balanced_rows(offsets, begin, end, run, n_runs);
    body(range.first, range.end);
  }
}

// Walking the inputs, the entries are read in transposed order, where the rows of dz they read
// and their weights and weight gradients lie anywhere: both are fetched for the entry
// kPrefetchDistance places ahead.
template <typename Scalar>
void prefetch_entry_ahead(const Scalar* dz, const Scalar* w, const Index* rows,
                          const Index* entries, Index e, Index nnz, Index batch) {
  if (e + kPrefetchDistance >= nnz) return;
  prefetch_row(dz, rows[e + kPrefetchDistance], batch);
  __builtin_prefetch(w + entries[e + kPrefetchDistance]);
}

// Sums `batch` values f(i) in kLanes interleaved partial sums and then pairwise: a fixed order (so
// thread-independent) that the compiler turns into one vector operation per step. The partial
// sums are only ever indexed by constants, which keeps them in a register: the tail goes through
// an array of its own.
template <typename Scalar, typename Term>
Scalar lane_sum(Index batch, Term term) {
  constexpr Index kLanes = 16;
  Scalar partial[kLanes] = {};
  const Index full = batch / kLanes * kLanes;
  for (Index i = 0; i < full; i += kLanes) {
#pragma omp simd
    for (Index lane = 0; lane < kLanes; ++lane) partial[lane] += term(i + lane);
  }
  if (full < batch) {
    Scalar tail[kLanes] = {};
    for (Index i = full; i < batch; ++i) tail[i - full] = term(i);
#pragma omp simd
    for (Index lane = 0; lane < kLanes; ++lane) partial[lane] += tail[lane];
  }
#pragma GCC unroll 4
  for (Index width = kLanes / 2; width > 0; width /= 2) {
#pragma omp simd
    for (Index lane = 0; lane < width; ++lane) partial[lane] += partial[lane + width];
  }
  return partial[0];
}

#if defined(__AVX512BW__) && defined(__AVX512VL__)
// 16 values of b as floats.
__m512 load_lanes(const float* b) { return _mm512_loadu_ps(b); }
__m512 load_lanes(const std::int8_t* b) {
  return _mm512_cvtepi32_ps(
      _mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b))));
}
// The first lanes of `mask`, the others zero.
__m512 load_lanes(const float* b, __mmask16 mask) { return _mm512_maskz_loadu_ps(mask, b); }
__m512 load_lanes(const std::int8_t* b, __mmask16 mask) {
  return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(mask, b)));
}

// The 16 lanes summed in lane_sum's pairwise tree: lane i + 8 added to lane i, then i + 4, i + 2
// and i + 1 (the order of _mm512_reduce_add_ps, whose extracts GCC 12 flags as reading an
// uninitialized register; its vector extensions say the same without one).
float sum_lanes(__m512 v) {
  using Lanes16 = float __attribute__((vector_size(64)));
  using Lanes8 = float __attribute__((vector_size(32)));
  using Lanes4 = float __attribute__((vector_size(16)));
  const Lanes16 all = v;
  const Lanes8 eight = __builtin_shufflevector(all, all, 0, 1, 2, 3, 4, 5, 6, 7) +
                       __builtin_shufflevector(all, all, 8, 9, 10, 11, 12, 13, 14, 15);
  const Lanes4 four = __builtin_shufflevector(eight, eight, 0, 1, 2, 3) +
                      __builtin_shufflevector(eight, eight, 4, 5, 6, 7);
  const Lanes4 two = four + __builtin_shufflevector(four, four, 2, 3, 0, 1);
  return two[0] + two[1];
}

// lane_sum's sums for a float dot product, written out in AVX-512: the compiler vectorizes the
// int8 case four lanes at a time. Same lanes, same tail (a product added), same pairwise tree.
template <typename Element>
float dot_avx512(const float* a, const Element* b, Index batch) {
  __m512 partial = _mm512_setzero_ps();
  const Index full = batch / 16 * 16;
  for (Index i = 0; i < full; i += 16) {
    partial = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), load_lanes(b + i), partial);
  }
  if (full < batch) {
    const auto mask = static_cast<__mmask16>((1U << (batch - full)) - 1U);
    partial = _mm512_add_ps(
        partial, _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, a + full), load_lanes(b + full, mask)));
  }
  return sum_lanes(partial);
}
#endif

// a . b over `batch` values.
template <typename Scalar, typename Element>
Scalar dot(const Scalar* a, const Element* b, Index batch) {
#if defined(__AVX512BW__) && defined(__AVX512VL__)
  if constexpr (std::is_same_v<Scalar, float>) return dot_avx512(a, b, batch);
#endif
  return lane_sum<Scalar>(batch, [&](Index i) { return a[i] * static_cast<Scalar>(b[i]); });
}

// y_row += sum over entries [first, end) of w[k] * x.row(cols[k] - base); x is Scalar or int8.
// Until `started`, the first entry assigns instead of adding, which spares zeroing every row.
template <typename Scalar, typename Element>
void accumulate_rows(Scalar* y_row, const Element* x, Index base, Index first, Index end,
                     const Index* cols, Index nnz, const Scalar* w, Index batch, bool& started) {
  for (Index k = first; k < end; ++k) {
    if (k + kPrefetchDistance < nnz) prefetch_row(x, cols[k + kPrefetchDistance] - base, batch);
    const Element* x_row = x + (cols[k] - base) * batch;
    const Scalar weight = w[k];
    if (started) {
#pragma omp simd
      for (Index b = 0; b < batch; ++b) y_row[b] += weight * static_cast<Scalar>(x_row[b]);
    } else {
#pragma omp simd
      for (Index b = 0; b < batch; ++b) y_row[b] = weight * static_cast<Scalar>(x_row[b]);
      started = true;
    }
  }
}

// dw[k] += dy_row . x.row(cols[k] - base) for the entries [first, end); x is Scalar or int8.
template <typename Scalar, typename Element>
void accumulate_dots(Scalar* dw, const Scalar* dy_row, const Element* x, Index base, Index first,
                     Index end, const Index* cols, Index nnz, Index batch) {
  for (Index k = first; k < end; ++k) {
    if (k + kPrefetchDistance < nnz) prefetch_row(x, cols[k + kPrefetchDistance] - base, batch);
    dw[k] += dot(dy_row, x + (cols[k] - base) * batch, batch);
  }
}

// sparse_linear_backward_by_inputs over the input rows [first, last) of segment [begin, ...),
// whose rows x holds (Scalar or int8).
template <typename Scalar, typename Element>
void backward_by_input_rows(Vector<Scalar>& dw, Matrix<Scalar>* dx, bool overwrite, Index begin,
                            Index first, Index last, const Matrix<Scalar>& dz, const Element* x,
                            const SparsePattern& pattern, const Vector<Scalar>& w) {
  const Index* offsets = pattern.col_offsets().data();
  const Index* rows = pattern.transposed_rows().data();
  const Index* entries = pattern.transposed_entries().data();
  const Index nnz = pattern.nnz();
  const Index batch = dz.cols();
  for (Index c = first; c < last; ++c) {
    const Element* x_row = x + (c - begin) * batch;
    Scalar* dx_row = dx != nullptr ? dx->data() + (c - begin) * batch : nullptr;
    bool started = !overwrite;
    for (Index e = offsets[c]; e < offsets[c + 1]; ++e) {
      prefetch_entry_ahead(dz.data(), w.data(), rows, entries, e, nnz, batch);
      const Scalar* dz_row = dz.data() + rows[e] * batch;
      const Index k = entries[e];
      dw[k] += dot(dz_row, x_row, batch);
      if (dx_row == nullptr) continue;
      const Scalar weight = w[k];
      if (started) {
#pragma omp simd
        for (Index b = 0; b < batch; ++b) dx_row[b] += weight * dz_row[b];
      } else {
#pragma omp simd
        for (Index b = 0; b < batch; ++b) dx_row[b] = weight * dz_row[b];
        started = true;
      }
    }
    if (dx_row != nullptr && !started) std::fill(dx_row, dx_row + batch, Scalar{0});
  }
}

}  // namespace

template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const std::vector<SourceRows<Scalar>>& sources,
                           const SparsePattern& pattern, const Vector<Scalar>& w,
                           const Scalar* bias, Activation activation) {
  const Index* cols = pattern.col_indices().data();
  const Index* bounds = pattern.segment_boundaries().data();
  const auto n_segments = static_cast<Index>(sources.size());
  const Index nnz = pattern.nnz();
  const Index batch = y.cols();
  for_balanced_rows(pattern.row_offsets().data(), 0, pattern.rows(), batch,
                    [&](Index first, Index end) {
                      Index unactivated = first;
                      for (Index r = first; r < end; ++r) {
                        Scalar* y_row = y.data() + r * batch;
                        bool started = bias != nullptr;
                        if (started) std::fill(y_row, y_row + batch, bias[r]);
                        for (Index s = 0; s < n_segments; ++s) {
                          const SourceRows<Scalar>& x = sources[static_cast<std::size_t>(s)];
                          const Index k0 = pattern.segment_entry(r, s);
                          const Index k1 = pattern.segment_entry(r, s + 1);
                          if (x.codes != nullptr) {
                            accumulate_rows(y_row, x.codes, bounds[s], k0, k1, cols, nnz, w.data(),
                                            batch, started);
                          } else {
                            accumulate_rows(y_row, x.values, bounds[s], k0, k1, cols, nnz, w.data(),
                                            batch, started);
                          }
                        }
                        if (!started) std::fill(y_row, y_row + batch, Scalar{0});
                        if (r + 1 - unactivated == kRowsPerActivation || r + 1 == end) {
                          detail::activate_rows(activation, y.data() + unactivated * batch,
                                                r + 1 - unactivated, batch);
                          unactivated = r + 1;
                        }
                      }
                    });
}

bool sparse_backward_walks_inputs(const SparsePattern& pattern, Index batch, Index scalar_bytes) {
  // One core's L2 here: W1's pathways (512 KiB of dz) fit with room for the rows streamed past.
  constexpr Index kCachedBytes = Index{1} << 20;
  return pattern.rows() * batch * scalar_bytes <= kCachedBytes &&
         pattern.cols() >= 2 * pattern.rows();
}

template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, Scalar* bias_grad,
                                    const OutputGrad<Scalar>& grad,
                                    const std::vector<SourceRows<Scalar>>& sources,
                                    const SparsePattern& pattern, Matrix<Scalar>* dz) {
  const Index* cols = pattern.col_indices().data();
  const Index* bounds = pattern.segment_boundaries().data();
  const auto n_segments = static_cast<Index>(sources.size());
  const Index nnz = pattern.nnz();
  const Index batch = grad.dy.cols();
  const bool fused = grad.activation != Activation::kIdentity;
  for_balanced_rows(
      pattern.row_offsets().data(), 0, pattern.rows(), batch, [&](Index first, Index end) {
        // A thread's row of d loss / d (W x + b) when nobody needs it stored.
        thread_local std::vector<Scalar> row_grad;
        if (fused && dz == nullptr) row_grad.resize(static_cast<std::size_t>(batch));
        for (Index r = first; r < end; ++r) {
          // The rows of dy (and y) are read in order, but between them the gathers of the
          // source rows keep the hardware prefetcher from following: they are asked for ahead.
          if (r + kRowsAhead < end) {
            prefetch_row(grad.dy.data(), r + kRowsAhead, batch);
            if (fused) prefetch_row(grad.y.data(), r + kRowsAhead, batch);
          }
          const Scalar* dy_row = grad.dy.data() + r * batch;
          if (fused) {
            Scalar* dz_row = dz != nullptr ? dz->data() + r * batch : row_grad.data();
            detail::activation_grad_row(grad.activation, dy_row, grad.y.data() + r * batch, dz_row,
                                        batch);
            dy_row = dz_row;
          }
          if (bias_grad != nullptr) {
            bias_grad[r] += lane_sum<Scalar>(batch, [&](Index b) { return dy_row[b]; });
          }
          for (Index s = 0; s < n_segments; ++s) {
            const SourceRows<Scalar>& x = sources[static_cast<std::size_t>(s)];
            const Index k0 = pattern.segment_entry(r, s);
            const Index k1 = pattern.segment_entry(r, s + 1);
            if (x.codes != nullptr) {
              accumulate_dots(dw.data(), dy_row, x.codes, bounds[s], k0, k1, cols, nnz, batch);
            } else {
              accumulate_dots(dw.data(), dy_row, x.values, bounds[s], k0, k1, cols, nnz, batch);
            }
          }
        }
      });
}

template <typename Scalar>
void sparse_linear_backward_input(Matrix<Scalar>& dx, Index segment, const Matrix<Scalar>& dz,
                                  const SparsePattern& pattern, const Vector<Scalar>& w,
                                  bool overwrite) {
  const Index* offsets = pattern.col_offsets().data();
  const Index* rows = pattern.transposed_rows().data();
  const Index* entries = pattern.transposed_entries().data();
  const Index begin = pattern.segment_boundaries()[static_cast<std::size_t>(segment)];
  const Index end = pattern.segment_boundaries()[static_cast<std::size_t>(segment) + 1];
  const Index batch = dz.cols();
  for_balanced_rows(offsets, begin, end, batch, [&](Index first, Index last) {
    for (Index c = first; c < last; ++c) {
      Scalar* dx_row = dx.data() + (c - begin) * batch;
      Index e = offsets[c];
      if (overwrite) {
        if (e == offsets[c + 1]) {
          std::fill(dx_row, dx_row + batch, Scalar{0});
          continue;
        }
        const Scalar* dz_row = dz.data() + rows[e] * batch;
        const Scalar weight = w[entries[e]];
#pragma omp simd
        for (Index b = 0; b < batch; ++b) dx_row[b] = weight * dz_row[b];
        ++e;
      }
      for (; e < offsets[c + 1]; ++e) {
        const Scalar* dz_row = dz.data() + rows[e] * batch;
        const Scalar weight = w[entries[e]];
#pragma omp simd
        for (Index b = 0; b < batch; ++b) dx_row[b] += weight * dz_row[b];
      }
    }
  });
}

template <typename Scalar>
void sparse_linear_output_grad(Scalar* bias_grad, const OutputGrad<Scalar>& grad,
                               Matrix<Scalar>* dz) {
  const Index batch = grad.dy.cols();
  detail::for_row_blocks(grad.dy.rows(), batch, [&](Index first, Index end) {
    for (Index r = first; r < end; ++r) {
      const Scalar* dz_row = grad.dy.data() + r * batch;
      if (dz != nullptr) {
        detail::activation_grad_row(grad.activation, dz_row, grad.y.data() + r * batch,
                                    dz->data() + r * batch, batch);
        dz_row = dz->data() + r * batch;
      }
      if (bias_grad != nullptr) {
        bias_grad[r] += lane_sum<Scalar>(batch, [&](Index b) { return dz_row[b]; });
      }
    }
  });
}

template <typename Scalar>
void sparse_linear_backward_by_inputs(Vector<Scalar>& dw, Matrix<Scalar>* dx, bool overwrite,
                                      Index segment, const Matrix<Scalar>& dz,
                                      const SourceRows<Scalar>& x, const SparsePattern& pattern,
                                      const Vector<Scalar>& w) {
  const Index begin = pattern.segment_boundaries()[static_cast<std::size_t>(segment)];
  const Index end = pattern.segment_boundaries()[static_cast<std::size_t>(segment) + 1];
  for_balanced_rows(
      pattern.col_offsets().data(), begin, end, dz.cols(), [&](Index first, Index last) {
        if (x.codes != nullptr) {
          backward_by_input_rows(dw, dx, overwrite, begin, first, last, dz, x.codes, pattern, w);
        } else {
          backward_by_input_rows(dw, dx, overwrite, begin, first, last, dz, x.values, pattern, w);
        }
      });
}

#define ONTONET_INSTANTIATE_SPARSE_KERNELS(Scalar)                                                 \
  template void sparse_linear_forward<Scalar>(                                                     \
      Matrix<Scalar>&, const std::vector<SourceRows<Scalar>>&, const SparsePattern&,               \
      const Vector<Scalar>&, const Scalar*, Activation);                                           \
  template void sparse_linear_backward_weights<Scalar>(                                            \
      Vector<Scalar>&, Scalar*, const OutputGrad<Scalar>&, const std::vector<SourceRows<Scalar>>&, \
      const SparsePattern&, Matrix<Scalar>*);                                                      \
  template void sparse_linear_backward_input<Scalar>(Matrix<Scalar>&, Index,                       \
                                                     const Matrix<Scalar>&, const SparsePattern&,  \
                                                     const Vector<Scalar>&, bool);                 \
  template void sparse_linear_output_grad<Scalar>(Scalar*, const OutputGrad<Scalar>&,              \
                                                  Matrix<Scalar>*);                                \
  template void sparse_linear_backward_by_inputs<Scalar>(                                          \
      Vector<Scalar>&, Matrix<Scalar>*, bool, Index, const Matrix<Scalar>&,                        \
      const SourceRows<Scalar>&, const SparsePattern&, const Vector<Scalar>&);

ONTONET_INSTANTIATE_SPARSE_KERNELS(float)
ONTONET_INSTANTIATE_SPARSE_KERNELS(double)

}  // namespace ontonet
