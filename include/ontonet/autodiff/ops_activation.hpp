// Elementwise activation ops of the tape. Each maps x: [n, batch] -> y: [n, batch] and its backward
// rule multiplies the output gradient by the local derivative. At the kinks of ReLU and leaky ReLU
// (x == 0) the derivative taken is that of the left branch.
#pragma once

#include "ontonet/autodiff/tape.hpp"

namespace ontonet::ops {

// y = tanh(x); dy/dx = 1 - y^2.
template <typename Scalar>
NodeId tanh(Tape<Scalar>& tape, NodeId x);

// y = max(x, 0).
template <typename Scalar>
NodeId relu(Tape<Scalar>& tape, NodeId x);

// y = x for x > 0, slope * x otherwise.
template <typename Scalar>
NodeId leaky_relu(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> slope);

// y = 1 / (1 + exp(-x)); dy/dx = y (1 - y).
template <typename Scalar>
NodeId sigmoid(Tape<Scalar>& tape, NodeId x);

// y = log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)) so it never overflows;
// dy/dx = sigmoid(x).
template <typename Scalar>
NodeId softplus(Tape<Scalar>& tape, NodeId x);

}  // namespace ontonet::ops
