#include "ontonet/train/cosine_annealing_schedule.hpp"

#include <cmath>
#include <string>

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"

namespace ontonet {

CosineAnnealingSchedule::CosineAnnealingSchedule(double base_lr, double min_lr, int total_epochs)
    : base_lr_(base_lr), min_lr_(min_lr), total_epochs_(total_epochs) {
  check_non_negative(base_lr, "cosine_annealing_schedule", "base_lr");
  check_non_negative(min_lr, "cosine_annealing_schedule", "min_lr");
  if (min_lr > base_lr) {
    throw ConfigError("cosine_annealing_schedule.min_lr",
                      "must be <= base_lr (" + std::to_string(base_lr) + "), got " +
                          std::to_string(min_lr));
  }
  if (total_epochs < 1) {
    throw ConfigError("cosine_annealing_schedule.total_epochs",
                      "must be >= 1, got " + std::to_string(total_epochs));
  }
}

double CosineAnnealingSchedule::learning_rate_for(int epoch) const {
  ONTONET_CHECK(epoch >= 0, "cosine_annealing_schedule: negative epoch " + std::to_string(epoch));
  if (epoch >= total_epochs_) return min_lr_;
  const double kPi = std::acos(-1.0);
  const double progress = static_cast<double>(epoch) / static_cast<double>(total_epochs_);
  return min_lr_ + (base_lr_ - min_lr_) * (1.0 + std::cos(kPi * progress)) / 2.0;
}

}  // namespace ontonet
