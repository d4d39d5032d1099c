// AdamW (Loshchilov & Hutter 2019): Adam plus weight decay that is decoupled from the gradient, as
// PyTorch's torch.optim.AdamW. Each step first shrinks every weight,
//   p <- p - lr * weight_decay * p,
// then applies the Adam update of adam.hpp, which does not see the decay. weight_decay is its own
// hyperparameter: the decay applied per step is lr * weight_decay * p, never lr * lr * p (passing the
// learning rate where the weight decay belongs is a bug seen in published VNN code).
#pragma once

#include "ontonet/train/adam.hpp"

namespace ontonet {

struct AdamWOptions {
  AdamOptions adam;
  double weight_decay = 0.01;  // PyTorch's AdamW default
};

template <typename Scalar>
class AdamW : public Adam<Scalar> {
 public:
  // Throws ConfigError for a negative or non-finite weight_decay, or a bad Adam option.
  AdamW(ParameterGroup<Scalar> parameters, const AdamWOptions& options);

  void step() override;

  double weight_decay() const { return weight_decay_; }

 private:
  double weight_decay_;
};

}  // namespace ontonet
