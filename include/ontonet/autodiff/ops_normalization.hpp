// Batch normalization: each feature (row) of x: [n, batch] is normalized over the batch, then
// scaled by gamma and shifted by beta. In training mode (Tape::training()) the batch mean and biased
// batch variance normalize, and the running statistics move toward the batch ones:
//   running = (1 - momentum) * running + momentum * batch_statistic,
// with the unbiased batch variance for running_var (as PyTorch does). In inference mode the
// running statistics normalize and nothing is updated.
#pragma once

#include "ontonet/autodiff/tape.hpp"

#include <string>

namespace ontonet {

// The state of one batch-norm layer: its Parameters and running statistics, owned by the model.
template <typename Scalar>
struct BatchNorm {
  // gamma = 1, beta = 0, running_mean = 0, running_var = 1. Parameters are named
  // "<name>.gamma" and "<name>.beta".
  BatchNorm(const std::string& name, Index n_features, Scalar momentum = Scalar(0.1),
            Scalar epsilon = Scalar(1e-5));

  Index n_features() const { return gamma.size(); }

  Parameter<Scalar> gamma;      // [n, 1]
  Parameter<Scalar> beta;       // [n, 1]
  Vector<Scalar> running_mean;  // [n]
  Vector<Scalar> running_var;   // [n]
  Scalar momentum;
  Scalar epsilon;               // added to the variance before the square root
};

namespace ops {

// x: [n, batch] -> y: [n, batch]. Requires n == layer.n_features() and, in training mode,
// batch >= 2. The layer must outlive the tape's backward pass.
template <typename Scalar>
NodeId batch_norm(Tape<Scalar>& tape, NodeId x, BatchNorm<Scalar>& layer);

}  // namespace ops

}  // namespace ontonet
