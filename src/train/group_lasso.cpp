#include "ontonet/train/group_lasso.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"
#include "ontonet/train/parameter_group.hpp"

namespace ontonet {

template <typename Scalar>
GroupLasso<Scalar>::GroupLasso(Parameter<Scalar>* parameter,
                               const std::vector<std::vector<Index>>& groups, double strength)
    : parameter_(parameter), strength_(strength) {
  ONTONET_CHECK(parameter_ != nullptr, "group_lasso: null parameter");
  check_parameter_group(ParameterGroup<Scalar>{parameter_}, "group_lasso");
  check_non_negative(strength_, "group_lasso", "strength");
  std::vector<bool> in_a_group(static_cast<std::size_t>(parameter_->size()), false);
  group_begin_.push_back(0);
  for (const std::vector<Index>& group : groups) {
    ONTONET_CHECK(!group.empty(), "group_lasso: empty group");
    for (Index index : group) {
      ONTONET_CHECK(index >= 0 && index < parameter_->size(),
                    "group_lasso: index " + std::to_string(index) + " outside parameter '" +
                        parameter_->name + "' of size " + std::to_string(parameter_->size()));
      ONTONET_CHECK(!in_a_group[static_cast<std::size_t>(index)],
                    "group_lasso: index " + std::to_string(index) + " is in two groups");
      in_a_group[static_cast<std::size_t>(index)] = true;
      indices_.push_back(index);
    }
    group_begin_.push_back(static_cast<Index>(indices_.size()));
    group_weight_.push_back(std::sqrt(static_cast<double>(group.size())));
  }
}

template <typename Scalar>
double GroupLasso<Scalar>::group_norm(Index group) const {
  double sum_of_squares = 0.0;
  for (Index k = group_begin_[group]; k < group_begin_[group + 1]; ++k) {
    const double w = static_cast<double>(parameter_->value[indices_[k]]);
    sum_of_squares += w * w;
  }
  return std::sqrt(sum_of_squares);
}

template <typename Scalar>
Scalar GroupLasso<Scalar>::penalty() const {
  double total = 0.0;
  for (Index g = 0; g < group_count(); ++g) total += group_weight_[g] * group_norm(g);
  return static_cast<Scalar>(strength_ * total);
}

template <typename Scalar>
Scalar GroupLasso<Scalar>::add_penalty_and_gradient() const {
  for (Index g = 0; g < group_count(); ++g) {
    const double norm = group_norm(g);
    if (norm == 0.0) continue;  // the subgradient 0 is the one that keeps a dropped group at rest
    const Scalar scale = static_cast<Scalar>(strength_ * group_weight_[g] / norm);
    for (Index k = group_begin_[g]; k < group_begin_[g + 1]; ++k) {
      parameter_->grad[indices_[k]] += scale * parameter_->value[indices_[k]];
    }
  }
  return penalty();
}

template <typename Scalar>
void GroupLasso<Scalar>::apply_proximal_step(double learning_rate) const {
  check_non_negative(learning_rate, "group_lasso", "learning_rate");
  for (Index g = 0; g < group_count(); ++g) {
    const double norm = group_norm(g);
    const double threshold = learning_rate * strength_ * group_weight_[g];
    const Scalar keep = norm <= threshold ? Scalar{0} : static_cast<Scalar>(1.0 - threshold / norm);
    for (Index k = group_begin_[g]; k < group_begin_[g + 1]; ++k) {
      parameter_->value[indices_[k]] *= keep;
    }
  }
}

template class GroupLasso<float>;
template class GroupLasso<double>;

}  // namespace ontonet
