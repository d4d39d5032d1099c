#include "ontonet/train/step_decay_schedule.hpp"

#include <cmath>
#include <string>

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"

namespace ontonet {

StepDecaySchedule::StepDecaySchedule(double base_lr, int step_size, double gamma)
    : base_lr_(base_lr), step_size_(step_size), gamma_(gamma) {
  check_non_negative(base_lr, "step_decay_schedule", "base_lr");
  if (step_size < 1) {
    throw ConfigError("step_decay_schedule.step_size",
                      "must be >= 1, got " + std::to_string(step_size));
  }
  if (!(gamma > 0.0 && gamma <= 1.0)) {
    throw ConfigError("step_decay_schedule.gamma", "must be in (0, 1], got " + std::to_string(gamma));
  }
}

double StepDecaySchedule::learning_rate_for(int epoch) const {
  ONTONET_CHECK(epoch >= 0, "step_decay_schedule: negative epoch " + std::to_string(epoch));
  return base_lr_ * std::pow(gamma_, epoch / step_size_);
}

}  // namespace ontonet
