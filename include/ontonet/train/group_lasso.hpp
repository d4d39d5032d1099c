// A group-lasso penalty over disjoint index groups of one parameter (ParsVNN-style sparsity: a group
// is, say, all the weights from one gene into one term, so a whole connection is kept or dropped):
//   penalty = strength * sum over groups g of sqrt(|g|) * ||w_g||_2,
// where |g| is the group's size, so large and small groups are penalised alike per weight. Indices
// of the parameter that are in no group are not penalised. Like L1Penalty it is used one way per run:
//  - subgradient: add strength * sqrt(|g|) * w_g / ||w_g|| to the grads of group g (0 if w_g = 0);
//  - proximal: after each optimizer step, block soft-threshold every group,
//      w_g <- w_g * max(0, 1 - lr * strength * sqrt(|g|) / ||w_g||),
//    which sets a whole group exactly to zero when its norm is at most lr * strength * sqrt(|g|).
#pragma once

#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

template <typename Scalar>
class GroupLasso {
 public:
  // `groups` holds each group's indices into parameter->value. Throws InternalError if the
  // parameter is null, a group is empty, an index is out of range or an index is in two groups;
  // throws ConfigError unless strength is finite and >= 0.
  GroupLasso(Parameter<Scalar>* parameter, const std::vector<std::vector<Index>>& groups,
             double strength);

  // strength * sum_g sqrt(|g|) * ||w_g||; the grads are not touched.
  Scalar penalty() const;

  // Adds the subgradient above to the grads and returns penalty().
  Scalar add_penalty_and_gradient() const;

  // Block soft-threshold of every group (see above). Throws ConfigError unless learning_rate is
  // finite and >= 0.
  void apply_proximal_step(double learning_rate) const;

  Index group_count() const { return static_cast<Index>(group_begin_.size()) - 1; }
  double strength() const { return strength_; }

 private:
  double group_norm(Index group) const;

  Parameter<Scalar>* parameter_;
  // Group g's indices are indices_[group_begin_[g] .. group_begin_[g + 1]), CSR-style.
  std::vector<Index> indices_;
  std::vector<Index> group_begin_;
  std::vector<double> group_weight_;  // sqrt(|g|)
  double strength_;
};

}  // namespace ontonet
