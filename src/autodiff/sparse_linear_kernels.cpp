#include "ontonet/autodiff/sparse_linear_kernels.hpp"

namespace ontonet {

namespace {
// Below this many multiply-adds a parallel region costs more than it saves.
constexpr Index kMinParallelWork = 1 << 15;
}  // namespace

template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const Matrix<Scalar>& x, const SparsePattern& pattern,
                           const Vector<Scalar>& w) {
  const Index* offsets = pattern.row_offsets().data();
  const Index* cols = pattern.col_indices().data();
  const Index n_out = pattern.rows();
  const bool parallel = pattern.nnz() * x.cols() >= kMinParallelWork;
  // Parallel axis: output rows; row r is written only by the thread that owns r.
#pragma omp parallel for schedule(static) if (parallel)
  for (Index r = 0; r < n_out; ++r) {
    auto y_row = y.row(r);
    y_row.setZero();
    for (Index k = offsets[r]; k < offsets[r + 1]; ++k) y_row += w[k] * x.row(cols[k]);
  }
}

template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, const Matrix<Scalar>& dy,
                                    const Matrix<Scalar>& x, const SparsePattern& pattern) {
  const Index* offsets = pattern.row_offsets().data();
  const Index* cols = pattern.col_indices().data();
  const Index n_out = pattern.rows();
  const bool parallel = pattern.nnz() * x.cols() >= kMinParallelWork;
  // Parallel axis: output rows; the entries of row r (and so their dw) belong to one thread.
#pragma omp parallel for schedule(static) if (parallel)
  for (Index r = 0; r < n_out; ++r) {
    const auto dy_row = dy.row(r);
    for (Index k = offsets[r]; k < offsets[r + 1]; ++k) dw[k] += dy_row.dot(x.row(cols[k]));
  }
}

template <typename Scalar>
void sparse_linear_backward_input(Matrix<Scalar>& dx, const Matrix<Scalar>& dy,
                                  const SparsePattern& pattern, const Vector<Scalar>& w) {
  const Index* offsets = pattern.col_offsets().data();
  const Index* rows = pattern.transposed_rows().data();
  const Index* entries = pattern.transposed_entries().data();
  const Index n_in = pattern.cols();
  const bool parallel = pattern.nnz() * dy.cols() >= kMinParallelWork;
  // Parallel axis: input rows; input row c gathers from its own column of W, in row order.
#pragma omp parallel for schedule(static) if (parallel)
  for (Index c = 0; c < n_in; ++c) {
    auto dx_row = dx.row(c);
    for (Index e = offsets[c]; e < offsets[c + 1]; ++e) dx_row += w[entries[e]] * dy.row(rows[e]);
  }
}

#define ONTONET_INSTANTIATE_SPARSE_KERNELS(Scalar)                                                \
  template void sparse_linear_forward<Scalar>(Matrix<Scalar>&, const Matrix<Scalar>&,             \
                                              const SparsePattern&, const Vector<Scalar>&);        \
  template void sparse_linear_backward_weights<Scalar>(Vector<Scalar>&, const Matrix<Scalar>&,    \
                                                       const Matrix<Scalar>&,                      \
                                                       const SparsePattern&);                      \
  template void sparse_linear_backward_input<Scalar>(Matrix<Scalar>&, const Matrix<Scalar>&,      \
                                                     const SparsePattern&, const Vector<Scalar>&);

ONTONET_INSTANTIATE_SPARSE_KERNELS(float)
ONTONET_INSTANTIATE_SPARSE_KERNELS(double)

}  // namespace ontonet
