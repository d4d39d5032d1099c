#include "ontonet/train/optimizer.hpp"

#include "ontonet/core/error.hpp"

#include "ontonet/train/option_checks.hpp"

namespace ontonet {

template <typename Scalar>
Optimizer<Scalar>::Optimizer(ParameterGroup<Scalar> parameters, double learning_rate,
                             std::string name)
    : parameters_(std::move(parameters)), learning_rate_(0.0), name_(std::move(name)) {
  check_parameter_group(parameters_, name_);
  set_learning_rate(learning_rate);
}

template <typename Scalar>
void Optimizer<Scalar>::zero_grad() {
  for (Parameter<Scalar>* parameter : parameters_) parameter->zero_grad();
}

template <typename Scalar>
void Optimizer<Scalar>::set_learning_rate(double learning_rate) {
  check_non_negative(learning_rate, name_, "learning_rate");
  learning_rate_ = learning_rate;
}

template <typename Scalar>
void Optimizer<Scalar>::check_sizes_unchanged(const std::vector<Vector<Scalar>>& state) const {
  ONTONET_CHECK(state.size() == parameters_.size(), name_ + ": state/parameter count mismatch");
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    ONTONET_CHECK(parameters_[i]->value.size() == state[i].size() &&
                      parameters_[i]->grad.size() == state[i].size(),
                  name_ + ": parameter '" + parameters_[i]->name +
                      "' changed size after the optimizer was built");
  }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace ontonet
