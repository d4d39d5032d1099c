#include "ontonet/train/adamw.hpp"

#include "ontonet/train/option_checks.hpp"

namespace ontonet {

template <typename Scalar>
AdamW<Scalar>::AdamW(ParameterGroup<Scalar> parameters, const AdamWOptions& options)
    : Adam<Scalar>(std::move(parameters), options.adam, "adamw"),
      weight_decay_(options.weight_decay) {
  check_non_negative(weight_decay_, this->name_, "weight_decay");
}

template <typename Scalar>
void AdamW<Scalar>::step() {
  const Scalar shrink = static_cast<Scalar>(1.0 - this->learning_rate_ * weight_decay_);
  for (Parameter<Scalar>* parameter : this->parameters_) parameter->value *= shrink;
  Adam<Scalar>::step();
}

template class AdamW<float>;
template class AdamW<double>;

}  // namespace ontonet
