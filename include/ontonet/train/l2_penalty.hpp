// An L2 (ridge) penalty on a parameter group: penalty = strength * sum of w^2 over every weight of
// the group, whose gradient 2 * strength * w is added to each parameter's grad. The factor 2 is kept
// (no 1/2 in the penalty) so that the number reported in the loss is exactly strength * ||w||^2;
// hence this penalty with strength s matches SGD's coupled weight_decay of 2 * s.
#pragma once

#include "ontonet/train/parameter_group.hpp"

namespace ontonet {

template <typename Scalar>
class L2Penalty {
 public:
  // Requires a valid group; throws ConfigError unless strength is finite and >= 0.
  L2Penalty(ParameterGroup<Scalar> parameters, double strength);

  // strength * sum of w^2; the grads are not touched.
  Scalar penalty() const;

  // Adds 2 * strength * w to every grad and returns penalty(), for the loop to add to the loss.
  // Call after the backward pass of the data loss and before the optimizer step.
  Scalar add_penalty_and_gradient() const;

  double strength() const { return strength_; }

 private:
  ParameterGroup<Scalar> parameters_;
  double strength_;
};

}  // namespace ontonet
