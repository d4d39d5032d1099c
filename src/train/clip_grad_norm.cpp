#include "ontonet/train/clip_grad_norm.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"

#include "ontonet/train/option_checks.hpp"

namespace ontonet {

template <typename Scalar>
Scalar clip_grad_norm(const ParameterGroup<Scalar>& parameters, double max_norm) {
  check_non_negative(max_norm, "clip_grad_norm", "max_norm");
  double sum_of_squares = 0.0;
  for (const Parameter<Scalar>* parameter : parameters) {
    // Not the full check_parameter_group: its duplicate search allocates, and this runs every step.
    ONTONET_CHECK(parameter != nullptr, "clip_grad_norm: null parameter in group");
    sum_of_squares += parameter->grad.template cast<double>().squaredNorm();
  }
  const double norm = std::sqrt(sum_of_squares);
  if (std::isfinite(norm) && norm > max_norm) {
    const Scalar scale = static_cast<Scalar>(max_norm / norm);
    for (Parameter<Scalar>* parameter : parameters) parameter->grad *= scale;
  }
  return static_cast<Scalar>(norm);
}

template float clip_grad_norm<float>(const ParameterGroup<float>&, double);
template double clip_grad_norm<double>(const ParameterGroup<double>&, double);

}  // namespace ontonet
