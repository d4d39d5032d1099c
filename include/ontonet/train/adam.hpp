// Adam (Kingma & Ba 2015) with bias correction, computed as PyTorch's torch.optim.Adam does. With
// g the gradient, t the 1-based step count and m, v zero at the start:
//   m <- beta1 * m + (1 - beta1) * g
//   v <- beta2 * v + (1 - beta2) * g^2
//   p <- p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
// eps is added after the square root and after the bias correction of v, as in PyTorch (the paper's
// Algorithm 1 writes the same thing). There is no weight decay here: use AdamW for decoupled decay,
// or an L2Penalty for decay coupled through the gradient.
#pragma once

#include <vector>

#include "ontonet/train/optimizer.hpp"

namespace ontonet {

struct AdamOptions {
  double learning_rate = 1e-3;
  double beta1 = 0.9;    // in [0, 1)
  double beta2 = 0.999;  // in [0, 1)
  double eps = 1e-8;     // > 0
};

template <typename Scalar>
class Adam : public Optimizer<Scalar> {
 public:
  // Throws ConfigError for betas outside [0, 1), eps <= 0 or a bad learning rate.
  Adam(ParameterGroup<Scalar> parameters, const AdamOptions& options);

  void step() override;

  // Number of step() calls so far (t in the formula above).
  long steps_taken() const { return steps_taken_; }

  // m of every parameter, then v of every parameter.
  std::vector<Vector<Scalar>*> state_buffers() override;
  long step_count() const override { return steps_taken_; }
  void set_step_count(long steps) override { steps_taken_ = steps; }

 protected:
  // For AdamW, which names itself in its errors.
  Adam(ParameterGroup<Scalar> parameters, const AdamOptions& options, std::string name);

 private:
  AdamOptions options_;
  long steps_taken_ = 0;
  std::vector<Vector<Scalar>> first_moment_;   // m, one per parameter
  std::vector<Vector<Scalar>> second_moment_;  // v, one per parameter
};

}  // namespace ontonet
