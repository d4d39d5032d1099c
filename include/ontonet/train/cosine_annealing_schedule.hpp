// Cosine annealing of the learning rate from base_lr down to min_lr over total_epochs epochs, in the
// closed form of PyTorch's CosineAnnealingLR (no warm restarts):
//   lr(epoch) = min_lr + (base_lr - min_lr) * (1 + cos(pi * epoch / total_epochs)) / 2,
// epochs counted from 0, so lr(0) = base_lr and lr(total_epochs) = min_lr. Past total_epochs the
// rate stays at min_lr (PyTorch would let the cosine climb back up).
#pragma once

namespace ontonet {

class CosineAnnealingSchedule {
 public:
  // Throws ConfigError unless 0 <= min_lr <= base_lr (both finite) and total_epochs >= 1.
  CosineAnnealingSchedule(double base_lr, double min_lr, int total_epochs);

  // Requires epoch >= 0 (InternalError otherwise).
  double learning_rate_for(int epoch) const;

 private:
  double base_lr_;
  double min_lr_;
  int total_epochs_;
};

}  // namespace ontonet
