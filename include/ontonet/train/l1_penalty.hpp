// An L1 (lasso) penalty on a parameter group, penalty = strength * sum of |w|, usable in one of two
// ways per run (not both):
//  - subgradient: add_penalty_and_gradient() adds strength * sign(w) to each grad, with sign(0) = 0,
//    and the optimizer does the rest. Weights hover around zero but rarely land on it.
//  - proximal: after each optimizer step, apply_proximal_step(lr) soft-thresholds every weight,
//    w <- sign(w) * max(|w| - lr * strength, 0), so small weights become exactly zero and larger
//    ones shrink by lr * strength. This is the exact proximal operator for an SGD step; after an
//    Adam step it is the usual approximation (the per-weight Adam scaling is ignored).
#pragma once

#include "ontonet/train/parameter_group.hpp"

namespace ontonet {

template <typename Scalar>
class L1Penalty {
 public:
  // Requires a valid group; throws ConfigError unless strength is finite and >= 0.
  L1Penalty(ParameterGroup<Scalar> parameters, double strength);

  // strength * sum of |w|; the grads are not touched. In proximal use, add this to the loss.
  Scalar penalty() const;

  // Adds strength * sign(w) to every grad (0 where w == 0) and returns penalty().
  Scalar add_penalty_and_gradient() const;

  // Soft-thresholds every weight by learning_rate * strength (see above). Throws ConfigError unless
  // learning_rate is finite and >= 0.
  void apply_proximal_step(double learning_rate) const;

  double strength() const { return strength_; }

 private:
  ParameterGroup<Scalar> parameters_;
  double strength_;
};

}  // namespace ontonet
