// Pieces shared by the loss ops: validating sample weights and the backward rule that scales the
// gradient a loss computed during its forward pass.
#pragma once

#include "ontonet/autodiff/tape.hpp"
#include "op_checks.hpp"

#include <string>

namespace ontonet::detail {

// Writes the per-sample weights (all 1 when `given` is empty) into `weights`, after checking
// their count against the batch and that they are >= 0.
template <typename Scalar>
void fill_sample_weights(const char* op, const Vector<Scalar>& given, Index batch,
                         Vector<Scalar>& weights) {
  if (given.size() == 0) {
    weights.setOnes(batch);
    return;
  }
  if (given.size() != batch) {
    throw_op_error(op, std::to_string(given.size()) + " sample weights for a batch of " +
                           std::to_string(batch));
  }
  for (Index b = 0; b < batch; ++b) {
    if (!(given[b] >= Scalar(0)) || !std::isfinite(given[b])) {
      throw_op_error(op, "sample weight " + std::to_string(b) + " is " + std::to_string(given[b]) +
                             ", expected a finite value >= 0");
    }
  }
  weights = given;
}

template <typename Scalar>
Scalar require_positive_total(const char* op, Scalar total) {
  if (!(total > Scalar(0))) throw_op_error(op, "the weights of the batch sum to 0");
  return total;
}

// Backward rule of a loss whose forward pass left d loss / d input in node.saved.
template <typename Scalar>
void scale_saved_gradient(Tape<Scalar>& tape, const Node<Scalar>& node) {
  tape.grad(node.inputs[0]) += node.grad(0, 0) * node.saved;
}

}  // namespace ontonet::detail
