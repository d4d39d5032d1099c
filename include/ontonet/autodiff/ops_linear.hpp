// The linear ops of the tape: a sparse layer with a fixed connectivity pattern (the visible-network
// layer, e.g. genes -> GO terms), a dense layer and a bias add. Activations are [features, batch]
// row-major. Each op records one node whose backward rule adds into its input's gradient and into
// the grad of its Parameters. Weights are Parameters owned by the caller and must outlive the
// tape's backward pass; shape mismatches throw Error naming the op and both shapes.
#pragma once

#include <vector>

#include "ontonet/autodiff/activation.hpp"
#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tape.hpp"

namespace ontonet::ops {

// y = W x with W = pattern filled with weights.value (one value per entry, CSR order).
// x: [n_in, batch] -> y: [n_out, batch]. Requires weights.size() == pattern.nnz().
// Backward: weights.grad only on stored entries; x's grad += W^T dy. OpenMP, deterministic.
template <typename Scalar>
NodeId sparse_linear(Tape<Scalar>& tape, NodeId x, const SparsePattern& pattern,
                     Parameter<Scalar>& weights);
// The same with x given as the pattern's column segments: sources[s] is [width of segment s,
// batch] (SparsePattern::set_column_segments), and, unless bias is null, y = W x + b with b [n_out,
// 1] broadcast over the batch, and y = activation(W x + b): the bias and the activation applied in
// the product's own pass, as a compiled model's levels use them, so neither needs a node (and a
// pass over the level) of its own. Each source's grad gets its rows of W^T dz, dz = d loss /
// d (W x + b), when it needs grad. A pattern whose entries are exactly one whole segment (a dense
// layer) is multiplied with Eigen's GEMM.
template <typename Scalar>
NodeId sparse_linear(Tape<Scalar>& tape, const std::vector<NodeId>& sources,
                     const SparsePattern& pattern, Parameter<Scalar>& weights,
                     Parameter<Scalar>* bias = nullptr,
                     Activation activation = Activation::kIdentity);

// y = W x with weights.value holding W row-major [rows = n_out, cols = n_in].
// x: [n_in, batch] -> y: [n_out, batch].
template <typename Scalar>
NodeId dense_linear(Tape<Scalar>& tape, NodeId x, Parameter<Scalar>& weights);

// y = x + b, b broadcast over the batch. bias: [n, 1]; x: [n, batch] -> y: [n, batch].
template <typename Scalar>
NodeId bias_add(Tape<Scalar>& tape, NodeId x, Parameter<Scalar>& bias);

}  // namespace ontonet::ops
