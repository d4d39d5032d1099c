#include "ontonet/train/sgd.hpp"

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"

namespace ontonet {

template <typename Scalar>
Sgd<Scalar>::Sgd(ParameterGroup<Scalar> parameters, const SgdOptions& options)
    : Optimizer<Scalar>(std::move(parameters), options.learning_rate, "sgd"), options_(options) {
  check_non_negative(options.weight_decay, this->name_, "weight_decay");
  check_unit_interval(options.momentum, this->name_, "momentum");
  if (options.nesterov && options.momentum == 0.0) {
    throw ConfigError("sgd.nesterov", "requires momentum > 0");
  }
  velocity_.reserve(this->parameters_.size());
  for (const Parameter<Scalar>* parameter : this->parameters_) {
    velocity_.push_back(Vector<Scalar>::Zero(parameter->size()));
  }
}

template <typename Scalar>
void Sgd<Scalar>::step() {
  this->check_sizes_unchanged(velocity_);
  const Scalar lr = static_cast<Scalar>(this->learning_rate_);
  const Scalar momentum = static_cast<Scalar>(options_.momentum);
  const Scalar decay = static_cast<Scalar>(options_.weight_decay);
  for (std::size_t i = 0; i < this->parameters_.size(); ++i) {
    auto p = this->parameters_[i]->value.array();
    // g is a lazy, element-wise expression: each element is read before that element of p is
    // written, so no temporary is needed and step() allocates nothing.
    const auto g = this->parameters_[i]->grad.array() + decay * p;
    if (options_.momentum == 0.0) {
      p -= lr * g;
      continue;
    }
    auto v = velocity_[i].array();
    v = momentum * v + g;
    if (options_.nesterov) {
      p -= lr * (g + momentum * v);
    } else {
      p -= lr * v;
    }
  }
}

template <typename Scalar>
std::vector<Vector<Scalar>*> Sgd<Scalar>::state_buffers() {
  std::vector<Vector<Scalar>*> buffers;
  for (Vector<Scalar>& v : velocity_) buffers.push_back(&v);
  return buffers;
}

template class Sgd<float>;
template class Sgd<double>;

}  // namespace ontonet
