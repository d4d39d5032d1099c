// The three kernels of a sparse linear layer y = W x with a fixed SparsePattern, in llm.c style:
// the forward product, the weight gradient and the input gradient, each a plain function over
// buffers. They never densify W: the weight gradient is formed only on stored entries.
//
// x is given as its column segments (SparsePattern::set_column_segments): sources[s] holds the
// rows of segment s, [width of segment s, batch] row-major, as floats or as integer codes, so a
// layer reads the model's inputs and earlier levels where they are, without a concatenated copy.
// Work is split between OpenMP threads statically, each taking a run of output rows (input rows for
// the input gradient) holding an equal share of the nonzeros, since gene and term sizes are very
// uneven. Every output element is summed by one thread in a fixed order, so results are bitwise
// identical for any thread count. Shapes are the caller's responsibility (ops::sparse_linear checks
// them).
#pragma once

#include <vector>

#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

// sources, w: [nnz], bias: [n_out] or null -> y = W x + bias: [n_out, batch], overwritten.
template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const std::vector<SourceRows<Scalar>>& sources,
                           const SparsePattern& pattern, const Vector<Scalar>& w,
                           const Scalar* bias);

// dy: [n_out, batch] -> dw: [nnz], added to: dw[k] += dy.row(r) . x.row(c); and, unless null,
// bias_grad: [n_out], added to: the row sums of dy.
template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, Scalar* bias_grad, const Matrix<Scalar>& dy,
                                    const std::vector<SourceRows<Scalar>>& sources,
                                    const SparsePattern& pattern);

// dy: [n_out, batch], w: [nnz] -> dx: [width of segment, batch], added to: the rows of W^T dy in
// that segment, via the transposed pattern, so each input row is owned by one thread.
template <typename Scalar>
void sparse_linear_backward_input(Matrix<Scalar>& dx, Index segment, const Matrix<Scalar>& dy,
                                  const SparsePattern& pattern, const Vector<Scalar>& w);

}  // namespace ontonet
