#include "ontonet/train/l2_penalty.hpp"

#include "ontonet/train/option_checks.hpp"

namespace ontonet {

template <typename Scalar>
L2Penalty<Scalar>::L2Penalty(ParameterGroup<Scalar> parameters, double strength)
    : parameters_(std::move(parameters)), strength_(strength) {
  check_parameter_group(parameters_, "l2_penalty");
  check_non_negative(strength_, "l2_penalty", "strength");
}

template <typename Scalar>
Scalar L2Penalty<Scalar>::penalty() const {
  double sum_of_squares = 0.0;
  for (const Parameter<Scalar>* parameter : parameters_) {
    sum_of_squares += parameter->value.template cast<double>().squaredNorm();
  }
  return static_cast<Scalar>(strength_ * sum_of_squares);
}

template <typename Scalar>
Scalar L2Penalty<Scalar>::add_penalty_and_gradient() const {
  const Scalar slope = static_cast<Scalar>(2.0 * strength_);
  for (Parameter<Scalar>* parameter : parameters_) parameter->grad += slope * parameter->value;
  return penalty();
}

template class L2Penalty<float>;
template class L2Penalty<double>;

}  // namespace ontonet
