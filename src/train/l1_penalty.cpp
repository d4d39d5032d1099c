#include "ontonet/train/l1_penalty.hpp"

#include <cmath>

#include "ontonet/train/option_checks.hpp"
#include "parameter_chunks.hpp"

namespace ontonet {

template <typename Scalar>
L1Penalty<Scalar>::L1Penalty(ParameterGroup<Scalar> parameters, double strength)
    : parameters_(std::move(parameters)), strength_(strength) {
  check_parameter_group(parameters_, "l1_penalty");
  check_non_negative(strength_, "l1_penalty", "strength");
}

template <typename Scalar>
Scalar L1Penalty<Scalar>::penalty() const {
  double sum_of_magnitudes = 0.0;
  for (const Parameter<Scalar>* parameter : parameters_) {
    sum_of_magnitudes += parameter->value.template cast<double>().template lpNorm<1>();
  }
  return static_cast<Scalar>(strength_ * sum_of_magnitudes);
}

template <typename Scalar>
Scalar L1Penalty<Scalar>::add_penalty_and_gradient() const {
  const Scalar strength = static_cast<Scalar>(strength_);
  for (Parameter<Scalar>* parameter : parameters_) {
    // Eigen's sign() is -1, 0 or +1, so a weight at exactly zero gets no push.
    parameter->grad.array() += strength * parameter->value.array().sign();
  }
  return penalty();
}

template <typename Scalar>
void L1Penalty<Scalar>::apply_proximal_step(double learning_rate) const {
  check_non_negative(learning_rate, "l1_penalty", "learning_rate");
  const Scalar threshold = static_cast<Scalar>(learning_rate * strength_);
  for (Parameter<Scalar>* parameter : parameters_) {
    Scalar* values = parameter->value.data();
    detail::for_parameter_chunks(parameter->size(), [&](Index begin, Index end) {
      for (Index k = begin; k < end; ++k) {
        // Written so that a NaN weight stays NaN instead of being hidden as a zero.
        if (std::abs(values[k]) <= threshold) {
          values[k] = Scalar{0};
        } else {
          values[k] -= std::copysign(threshold, values[k]);
        }
      }
    });
  }
}

template class L1Penalty<float>;
template class L1Penalty<double>;

}  // namespace ontonet
