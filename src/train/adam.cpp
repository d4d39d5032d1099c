#include "ontonet/train/adam.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"
#include "parameter_chunks.hpp"

namespace ontonet {

template <typename Scalar>
Adam<Scalar>::Adam(ParameterGroup<Scalar> parameters, const AdamOptions& options)
    : Adam(std::move(parameters), options, "adam") {}

template <typename Scalar>
Adam<Scalar>::Adam(ParameterGroup<Scalar> parameters, const AdamOptions& options, std::string name)
    : Optimizer<Scalar>(std::move(parameters), options.learning_rate, std::move(name)),
      options_(options) {
  check_unit_interval(options.beta1, this->name_, "beta1");
  check_unit_interval(options.beta2, this->name_, "beta2");
  if (!(std::isfinite(options.eps) && options.eps > 0.0)) {
    throw ConfigError(this->name_ + ".eps",
                      "must be finite and > 0, got " + std::to_string(options.eps));
  }
  first_moment_.reserve(this->parameters_.size());
  second_moment_.reserve(this->parameters_.size());
  for (const Parameter<Scalar>* parameter : this->parameters_) {
    first_moment_.push_back(Vector<Scalar>::Zero(parameter->size()));
    second_moment_.push_back(Vector<Scalar>::Zero(parameter->size()));
  }
}

template <typename Scalar>
void Adam<Scalar>::step() {
  this->check_sizes_unchanged(first_moment_);
  ++steps_taken_;
  // The bias corrections are formed in double, then rounded once to Scalar.
  const double t = static_cast<double>(steps_taken_);
  const Scalar step_size =
      static_cast<Scalar>(this->learning_rate_ / (1.0 - std::pow(options_.beta1, t)));
  const Scalar inverse_sqrt_correction2 =
      static_cast<Scalar>(1.0 / std::sqrt(1.0 - std::pow(options_.beta2, t)));
  const Scalar beta1 = static_cast<Scalar>(options_.beta1);
  const Scalar beta2 = static_cast<Scalar>(options_.beta2);
  const Scalar eps = static_cast<Scalar>(options_.eps);
  for (std::size_t i = 0; i < this->parameters_.size(); ++i) {
    Parameter<Scalar>& parameter = *this->parameters_[i];
    detail::for_parameter_chunks(parameter.size(), [&](Index begin, Index end) {
      const auto g = parameter.grad.segment(begin, end - begin).array();
      auto m = first_moment_[i].segment(begin, end - begin).array();
      auto v = second_moment_[i].segment(begin, end - begin).array();
      m = beta1 * m + (Scalar{1} - beta1) * g;
      v = beta2 * v + (Scalar{1} - beta2) * g.square();
      parameter.value.segment(begin, end - begin).array() -=
          step_size * m / (v.sqrt() * inverse_sqrt_correction2 + eps);
    });
  }
}

template <typename Scalar>
std::vector<Vector<Scalar>*> Adam<Scalar>::state_buffers() {
  std::vector<Vector<Scalar>*> buffers;
  for (Vector<Scalar>& m : first_moment_) buffers.push_back(&m);
  for (Vector<Scalar>& v : second_moment_) buffers.push_back(&v);
  return buffers;
}

template class Adam<float>;
template class Adam<double>;

}  // namespace ontonet
