// A step learning-rate schedule, as PyTorch's StepLR: the rate starts at base_lr and is multiplied by
// gamma every step_size epochs, lr(epoch) = base_lr * gamma^floor(epoch / step_size), epochs counted
// from 0. The training loop sets the optimizer's rate to learning_rate_for(epoch) before each epoch.
#pragma once

namespace ontonet {

class StepDecaySchedule {
 public:
  // Throws ConfigError unless base_lr is finite and >= 0, step_size >= 1 and gamma in (0, 1].
  StepDecaySchedule(double base_lr, int step_size, double gamma);

  // Requires epoch >= 0 (InternalError otherwise).
  double learning_rate_for(int epoch) const;

 private:
  double base_lr_;
  int step_size_;
  double gamma_;
};

}  // namespace ontonet
