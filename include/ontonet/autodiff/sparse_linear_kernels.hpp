// The three kernels of a sparse linear layer y = activation(W x + b) with a fixed SparsePattern, in
// llm.c style: the forward product, the weight gradient and the input gradient, each a plain
// function over buffers. They never densify W: the weight gradient is formed only on stored
// entries. The bias and the activation are applied to each row inside the pass that sums it.
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

#include "ontonet/autodiff/activation.hpp"
#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

// sources, w: [nnz], bias: [n_out] or null -> y = activation(W x + bias): [n_out, batch],
// overwritten; each row is activated as soon as it is summed, while it is in the cache.
template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const std::vector<SourceRows<Scalar>>& sources,
                           const SparsePattern& pattern, const Vector<Scalar>& w,
                           const Scalar* bias, Activation activation);

// What reaches a layer y = activation(W x + b) from above: dy = d loss / d y, and y, from which
// dz = d loss / d (W x + b) is formed row by row (y is unused for the identity, where dz = dy).
template <typename Scalar>
struct OutputGrad {
  const Matrix<Scalar>& dy;  // [n_out, batch]
  const Matrix<Scalar>& y;   // [n_out, batch]
  Activation activation;
};

// dw: [nnz], added to: dw[k] += dz.row(r) . x.row(c); and, unless null, bias_grad: [n_out], added
// to: the row sums of dz. Unless null (or the activation is the identity), dz is also stored in
// *dz ([n_out, batch], sized by the caller, overwritten) for sparse_linear_backward_input.
template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, Scalar* bias_grad,
                                    const OutputGrad<Scalar>& grad,
                                    const std::vector<SourceRows<Scalar>>& sources,
                                    const SparsePattern& pattern, Matrix<Scalar>* dz);

// dz: [n_out, batch], w: [nnz] -> dx: [width of segment, batch], added to (or, with overwrite,
// set to) the rows of W^T dz in that segment, via the transposed pattern, so each input row is
// owned by one thread.
template <typename Scalar>
void sparse_linear_backward_input(Matrix<Scalar>& dx, Index segment, const Matrix<Scalar>& dz,
                                  const SparsePattern& pattern, const Vector<Scalar>& w,
                                  bool overwrite);

}  // namespace ontonet
