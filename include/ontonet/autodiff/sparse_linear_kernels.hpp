// The kernels of a sparse linear layer y = activation(W x + b) with a fixed SparsePattern, in
// llm.c style: the forward product, the weight gradient and the input gradient, each a plain
// function over buffers. They never densify W: the weight gradient is formed only on stored
// entries. The bias and the activation are applied to each row inside the pass that sums it.
//
// x is given as its column segments (SparsePattern::set_column_segments): sources[s] holds the
// rows of segment s, [width of segment s, batch] row-major, as floats or as integer codes, so a
// layer reads the model's inputs and earlier levels where they are, without a concatenated copy.
//
// The backward pass comes in two walks with bitwise the same result. Walking the outputs, a row of
// dz at a time, gathers the input rows each entry reads: right for a layer with many outputs (W1's
// 20,000 genes over 100,000 SNPs). Walking the inputs, a row of x at a time, gathers rows of dz
// instead: right for a layer whose dz stays in the cache while many more inputs stream past (W1's
// 2,000 pathways over the genes); sparse_backward_walks_inputs chooses.
//
// Work is split between OpenMP threads in runs of output rows (input rows for the input gradient,
// and for the backward pass walked by inputs) holding equal shares of the nonzeros, since gene and
// term sizes are very uneven; there are several runs per thread, taken as threads come free. Every
// output element is summed by one thread in a fixed order, so results are bitwise identical for
// any thread count. Shapes are the caller's responsibility (ops::sparse_linear checks them).
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

// Whether a layer's backward should walk its inputs: when dz, [n_out, batch], fits in the L2 cache
// and the layer reads at least twice as many rows as it has. The input rows are then read once, in
// order, instead of gathered by the weight gradient (and the input gradient's rows written in the
// same pass): a quarter faster for W1's pathways. The forward pass gains nothing from the same walk
// (each thread would read every input row for its share of the outputs): a third slower there.
bool sparse_backward_walks_inputs(const SparsePattern& pattern, Index batch, Index scalar_bytes);

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

// The layer's dz, formed whole from what reaches it from above: written to *dz ([n_out, batch],
// sized by the caller, overwritten) unless dz is null, which the identity allows (dz = dy); and,
// unless null, bias_grad: [n_out], added to: the row sums of dz.
template <typename Scalar>
void sparse_linear_output_grad(Scalar* bias_grad, const OutputGrad<Scalar>& grad,
                               Matrix<Scalar>* dz);

// The backward of one source segment walking its input rows by the transposed pattern, for a layer
// whose dz stays in the cache: every entry k of the segment gets dw[k] += dz.row(r) . x.row(c),
// the sum sparse_linear_backward_weights adds, and unless dx is null (it must be for codes), dx
// gets what sparse_linear_backward_input gives, from the same read of x.row(c).
template <typename Scalar>
void sparse_linear_backward_by_inputs(Vector<Scalar>& dw, Matrix<Scalar>* dx, bool overwrite,
                                      Index segment, const Matrix<Scalar>& dz,
                                      const SourceRows<Scalar>& x, const SparsePattern& pattern,
                                      const Vector<Scalar>& w);

}  // namespace ontonet
