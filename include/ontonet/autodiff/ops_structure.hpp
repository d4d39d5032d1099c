// Ops that move activations around without learning anything: stacking and cutting feature blocks
// (rows of a [features, batch] activation), wiring by index lists, and elementwise sums and scales.
// In a visible network they join the outputs of child terms into a parent's input and route gene
// features to the terms annotated with them.
#pragma once

#include "ontonet/autodiff/tape.hpp"

#include <vector>

namespace ontonet::ops {

// Stacks feature blocks: parts[i]: [n_i, batch] -> y: [sum n_i, batch], parts in order.
// Requires at least one part and equal batch sizes.
template <typename Scalar>
NodeId concat_rows(Tape<Scalar>& tape, const std::vector<NodeId>& parts);

// The feature block x.rows(begin .. begin + count): x: [n, batch] -> y: [count, batch].
template <typename Scalar>
NodeId slice_rows(Tape<Scalar>& tape, NodeId x, Index begin, Index count);

// y.row(i) = x.row(indices[i]); indices may repeat. x: [n, batch] -> y: [indices.size(), batch].
template <typename Scalar>
NodeId gather_rows(Tape<Scalar>& tape, NodeId x, const std::vector<Index>& indices);

// y.row(indices[i]) += x.row(i), y starting at zero; the adjoint of gather_rows.
// x: [indices.size(), batch] -> y: [n_rows, batch].
template <typename Scalar>
NodeId scatter_add_rows(Tape<Scalar>& tape, NodeId x, const std::vector<Index>& indices,
                        Index n_rows);

// y = a + b. a, b: [n, batch] -> y: [n, batch].
template <typename Scalar>
NodeId add(Tape<Scalar>& tape, NodeId a, NodeId b);

// y = factor * x. x: [n, batch] -> y: [n, batch].
template <typename Scalar>
NodeId scale(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> factor);

}  // namespace ontonet::ops
