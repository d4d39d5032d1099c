// Checks of the numeric options of optimizers, regularizers and schedules. Each throws a ConfigError
// whose path is "<owner>.<field>" (e.g. "adam.beta1") and says which values are allowed.
#pragma once

#include <string>

namespace ontonet {

// Requires value finite and >= 0.
void check_non_negative(double value, const std::string& owner, const std::string& field);

// Requires 0 <= value < 1 (momentum, Adam's betas).
void check_unit_interval(double value, const std::string& owner, const std::string& field);

}  // namespace ontonet
