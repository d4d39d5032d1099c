#include "ontonet/train/option_checks.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"

namespace ontonet {

void check_non_negative(double value, const std::string& owner, const std::string& field) {
  if (!(std::isfinite(value) && value >= 0.0)) {
    throw ConfigError(owner + "." + field, "must be finite and >= 0, got " + std::to_string(value));
  }
}

void check_unit_interval(double value, const std::string& owner, const std::string& field) {
  if (!(value >= 0.0 && value < 1.0)) {
    throw ConfigError(owner + "." + field, "must be in [0, 1), got " + std::to_string(value));
  }
}

}  // namespace ontonet
