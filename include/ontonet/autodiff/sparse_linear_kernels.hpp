// The three kernels of a sparse linear layer y = W x with a fixed SparsePattern, in llm.c style:
// the forward product, the weight gradient and the input gradient, each a plain function over
// buffers. They never densify W: the weight gradient is formed only on stored entries. Each is
// parallel with OpenMP over rows of its output, schedule(static), and every output element is
// summed by one thread in a fixed order, so results are bitwise identical for any thread count.
// Shapes are the caller's responsibility (ops::sparse_linear checks them).
#pragma once

#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

// x: [n_in, batch], w: [nnz] -> y: [n_out, batch], overwritten.
template <typename Scalar>
void sparse_linear_forward(Matrix<Scalar>& y, const Matrix<Scalar>& x, const SparsePattern& pattern,
                           const Vector<Scalar>& w);

// dy: [n_out, batch], x: [n_in, batch] -> dw: [nnz], added to. dw[k] += dy.row(r) . x.row(c).
template <typename Scalar>
void sparse_linear_backward_weights(Vector<Scalar>& dw, const Matrix<Scalar>& dy,
                                    const Matrix<Scalar>& x, const SparsePattern& pattern);

// dy: [n_out, batch], w: [nnz] -> dx: [n_in, batch], added to. dx = W^T dy via the transposed
// pattern, so each input row is owned by one thread.
template <typename Scalar>
void sparse_linear_backward_input(Matrix<Scalar>& dx, const Matrix<Scalar>& dy,
                                  const SparsePattern& pattern, const Vector<Scalar>& w);

}  // namespace ontonet
