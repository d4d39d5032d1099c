#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet {

namespace {

void check_non_negative_finite(double value, const std::string& option) {
  if (!(std::isfinite(value) && value >= 0.0)) {
    throw ConfigError("train." + option, "must be finite and >= 0, got " + std::to_string(value));
  }
}

}  // namespace

void check_train_options(const TrainOptions& options) {
  if (options.epochs < 1) {
    throw ConfigError("train.epochs", "must be >= 1, got " + std::to_string(options.epochs));
  }
  if (options.batch_size < 2) {
    throw ConfigError("train.batch_size", "must be >= 2 (batch norm needs two samples), got " +
                                              std::to_string(options.batch_size));
  }
  if (options.optimizer != "adam" && options.optimizer != "adamw" && options.optimizer != "sgd") {
    throw ConfigError("train.optimizer",
                      "must be adam, adamw or sgd, got '" + options.optimizer + "'");
  }
  if (!(std::isfinite(options.learning_rate) && options.learning_rate > 0.0)) {
    throw ConfigError("train.learning_rate",
                      "must be finite and > 0, got " + std::to_string(options.learning_rate));
  }
  check_non_negative_finite(options.weight_decay, "weight_decay");
  check_non_negative_finite(options.l1, "l1");
  check_non_negative_finite(options.l2, "l2");
  check_non_negative_finite(options.group_lasso, "group_lasso");
  check_non_negative_finite(options.clip_norm, "clip_norm");
  if (!(options.momentum >= 0.0 && options.momentum < 1.0)) {
    throw ConfigError("train.momentum",
                      "must be in [0, 1), got " + std::to_string(options.momentum));
  }
  if (options.patience < 0) {
    throw ConfigError("train.patience", "must be >= 0, got " + std::to_string(options.patience));
  }
}

}  // namespace ontonet
