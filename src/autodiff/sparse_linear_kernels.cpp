#include "ontonet/autodiff/sparse_linear_kernels.hpp"

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace ontonet {

namespace {

// Below this many multiply-adds a parallel region costs more than it saves.
constexpr Index kMinParallelWork = 1 << 15;

// Input rows are gathered in the pattern's order, which is random in memory (the SNPs of a gene
// lie anywhere, and most genes have a few): fetching the row of the entry a few places ahead, in
// this row or the next ones, hides the latency of those reads. An entry ahead may lie in another
// segment, so its row may be outside `x`: the address is formed as an integer, and a prefetch of
// any address is harmless.
constexpr Index kPrefetchDistance = 8;

template <typename Element>
void prefetch_row(const Element* x, Index row, Index batch) {
  constexpr Index kLine = 64 / sizeof(Element);
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(x) +
                               static_cast<std::uintptr_t>(row * batch) * sizeof(Element);
  for (Index b = 0; b < batch; b += kLine) {
    __builtin_prefetch(reinterpret_cast<const void*>(start + b * sizeof(Element)));
  }
}

// The rows [first, end) of `offsets` (a CSR or CSC offset array over [begin, end)) that thread
// `thread` of `n_threads` takes: the run holding its equal share of the entries.
struct RowRange {
  Index first;
  Index end;
};

RowRange balanced_rows(const Index* offsets, Index begin, Index end, int thread, int n_threads) {
  const Index first_entry = offsets[begin];
  const Index entries = offsets[end] - first_entry;
  const auto row_at_share = [&](int t) {
    if (t == 0) return begin;
    if (t == n_threads) return end;
    const Index target = first_entry + entries * t / n_threads;
    return static_cast<Index>(std::lower_bound(offsets + begin, offsets + end, target) - offsets);
  };
  return {row_at_share(thread), row_at_share(thread + 1)};
}

// Runs body(first, end) over the rows [begin, end) of `offsets`, split by nonzeros between the
// threads when the work is large enough.
template <typename Body>
void for_balanced_rows(const Index* offsets, Index begin, Index end, Index batch, Body body) {
  const bool parallel = (offsets[end] - offsets[begin]) * batch >= kMinParallelWork;
#pragma omp parallel if (parallel)
  {
    const RowRange range =
        balanced_rows(offsets, begin, end, omp_get_thread_num(), omp_get_num_threads());
    body(range.first, range.end);
  }
}

// Sums `batch` values f(i) in kLanes interleaved partial sums and then pairwise: a fixed order (so
// thread-independent) that the compiler turns into one vector operation per step.
template <typename Scalar, typename Term>
Scalar lane_sum(Index batch, Term term) {
  constexpr Index kLanes = 16;
  Scalar partial[kLanes] = {};
  Index i = 0;
  for (; i + kLanes <= batch; i += kLanes) {
    for (Index lane = 0; lane < kLanes; ++lane) partial[lane] += term(i + lane);
  }
  for (Index lane = 0; i < batch; ++i, ++lane) partial[lane] += term(i);
  for (Index width = kLanes / 2; width > 0; width /= 2) {
    for (Index lane = 0; lane < width; ++lane) partial[lane] += partial[lane + width];
  }
  return partial[0];
}

// a . b over `batch` values.
template <typename Scalar, typename Element>
Scalar dot(const Scalar* a, const Element* b, Index batch) {
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

}  // namespace

template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const std::vector<SourceRows<Scalar>>& sources,
                           const SparsePattern& pattern, const Vector<Scalar>& w,
                           const Scalar* bias) {
  const Index* cols = pattern.col_indices().data();
  const Index* bounds = pattern.segment_boundaries().data();
  const auto n_segments = static_cast<Index>(sources.size());
  const Index nnz = pattern.nnz();
  const Index batch = y.cols();
  for_balanced_rows(pattern.row_offsets().data(), 0, pattern.rows(), batch,
                    [&](Index first, Index end) {
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
                      }
                    });
}

template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, Scalar* bias_grad, const Matrix<Scalar>& dy,
                                    const std::vector<SourceRows<Scalar>>& sources,
                                    const SparsePattern& pattern) {
  const Index* cols = pattern.col_indices().data();
  const Index* bounds = pattern.segment_boundaries().data();
  const auto n_segments = static_cast<Index>(sources.size());
  const Index nnz = pattern.nnz();
  const Index batch = dy.cols();
  for_balanced_rows(
      pattern.row_offsets().data(), 0, pattern.rows(), batch, [&](Index first, Index end) {
        for (Index r = first; r < end; ++r) {
          const Scalar* dy_row = dy.data() + r * batch;
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
void sparse_linear_backward_input(Matrix<Scalar>& dx, Index segment, const Matrix<Scalar>& dy,
                                  const SparsePattern& pattern, const Vector<Scalar>& w) {
  const Index* offsets = pattern.col_offsets().data();
  const Index* rows = pattern.transposed_rows().data();
  const Index* entries = pattern.transposed_entries().data();
  const Index begin = pattern.segment_boundaries()[static_cast<std::size_t>(segment)];
  const Index end = pattern.segment_boundaries()[static_cast<std::size_t>(segment) + 1];
  const Index batch = dy.cols();
  for_balanced_rows(offsets, begin, end, batch, [&](Index first, Index last) {
    for (Index c = first; c < last; ++c) {
      Scalar* dx_row = dx.data() + (c - begin) * batch;
      for (Index e = offsets[c]; e < offsets[c + 1]; ++e) {
        const Scalar* dy_row = dy.data() + rows[e] * batch;
        const Scalar weight = w[entries[e]];
#pragma omp simd
        for (Index b = 0; b < batch; ++b) dx_row[b] += weight * dy_row[b];
      }
    }
  });
}

#define ONTONET_INSTANTIATE_SPARSE_KERNELS(Scalar)                                             \
  template void sparse_linear_forward<Scalar>(                                                 \
      Matrix<Scalar>&, const std::vector<SourceRows<Scalar>>&, const SparsePattern&,           \
      const Vector<Scalar>&, const Scalar*);                                                   \
  template void sparse_linear_backward_weights<Scalar>(                                        \
      Vector<Scalar>&, Scalar*, const Matrix<Scalar>&, const std::vector<SourceRows<Scalar>>&, \
      const SparsePattern&);                                                                   \
  template void sparse_linear_backward_input<Scalar>(                                          \
      Matrix<Scalar>&, Index, const Matrix<Scalar>&, const SparsePattern&, const Vector<Scalar>&);

ONTONET_INSTANTIATE_SPARSE_KERNELS(float)
ONTONET_INSTANTIATE_SPARSE_KERNELS(double)

}  // namespace ontonet
