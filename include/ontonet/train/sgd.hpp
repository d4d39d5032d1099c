// Stochastic gradient descent with optional momentum, Nesterov momentum and coupled L2 weight
// decay, following PyTorch's torch.optim.SGD (dampening 0). With g the gradient plus
// weight_decay * p, and a velocity v that starts at zero:
//   v <- momentum * v + g
//   p <- p - lr * (g + momentum * v)   with Nesterov
//   p <- p - lr * v                     without
// This is PyTorch's form, not Sutskever's (v <- momentum * v - lr * g): the learning rate
// multiplies the velocity instead of living inside it, so changing lr mid-run rescales the whole
// step at once. With momentum 0 both reduce to p <- p - lr * g.
#pragma once

#include <vector>

#include "ontonet/train/optimizer.hpp"

namespace ontonet {

struct SgdOptions {
  double learning_rate = 0.01;
  double momentum = 0.0;      // in [0, 1)
  bool nesterov = false;      // requires momentum > 0
  double weight_decay = 0.0;  // coupled: weight_decay * p is added to the gradient
};

template <typename Scalar>
class Sgd : public Optimizer<Scalar> {
 public:
  // Throws ConfigError for momentum outside [0, 1), Nesterov without momentum, or a negative or
  // non-finite learning rate or weight decay.
  Sgd(ParameterGroup<Scalar> parameters, const SgdOptions& options);

  void step() override;
  // The velocity of every parameter.
  std::vector<Vector<Scalar>*> state_buffers() override;

 private:
  SgdOptions options_;
  std::vector<Vector<Scalar>> velocity_;  // one per parameter, same size
};

}  // namespace ontonet
