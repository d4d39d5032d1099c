#include "ontonet/train/reduce_on_plateau_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ontonet/core/error.hpp"
#include "ontonet/train/option_checks.hpp"

namespace ontonet {

namespace {
void check_count(int value, const std::string& field) {
  if (value < 0) {
    throw ConfigError("reduce_on_plateau." + field, "must be >= 0, got " + std::to_string(value));
  }
}
}  // namespace

ReduceOnPlateauSchedule::ReduceOnPlateauSchedule(double initial_lr,
                                                 const ReduceOnPlateauOptions& options)
    : options_(options), learning_rate_(initial_lr) {
  check_non_negative(initial_lr, "reduce_on_plateau", "initial_lr");
  if (!(options.factor > 0.0 && options.factor < 1.0)) {
    throw ConfigError("reduce_on_plateau.factor",
                      "must be in (0, 1), got " + std::to_string(options.factor));
  }
  check_count(options.patience, "patience");
  check_count(options.cooldown, "cooldown");
  check_non_negative(options.threshold, "reduce_on_plateau", "threshold");
  check_non_negative(options.min_lr, "reduce_on_plateau", "min_lr");
  check_non_negative(options.eps, "reduce_on_plateau", "eps");
  const double kInfinity = std::numeric_limits<double>::infinity();
  best_ = options.mode == ReduceOnPlateauOptions::Mode::kMin ? kInfinity : -kInfinity;
}

bool ReduceOnPlateauSchedule::is_improvement(double metric) const {
  const bool relative = options_.threshold_mode == ReduceOnPlateauOptions::ThresholdMode::kRelative;
  // With best still infinite the margin is infinite too, and inf - inf would be NaN: any finite
  // metric is an improvement on the first epoch.
  if (std::isinf(best_)) return std::isfinite(metric);
  const double margin = relative ? std::abs(best_) * options_.threshold : options_.threshold;
  if (options_.mode == ReduceOnPlateauOptions::Mode::kMin) return metric < best_ - margin;
  return metric > best_ + margin;
}

double ReduceOnPlateauSchedule::on_epoch_end(double metric) {
  if (is_improvement(metric)) {
    best_ = metric;
    bad_epochs_ = 0;
  } else {
    ++bad_epochs_;
  }
  if (cooldown_left_ > 0) {
    --cooldown_left_;
    bad_epochs_ = 0;
  }
  if (bad_epochs_ > options_.patience) {
    const double reduced = std::max(learning_rate_ * options_.factor, options_.min_lr);
    if (learning_rate_ - reduced > options_.eps) learning_rate_ = reduced;
    cooldown_left_ = options_.cooldown;
    bad_epochs_ = 0;
  }
  return learning_rate_;
}

}  // namespace ontonet
