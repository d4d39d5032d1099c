#include "metric_input_checks.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"

namespace ontonet::metric_checks {

void check_same_nonempty_length(const std::string& metric, std::size_t n_first,
                                std::size_t n_second, const char* first_name,
                                const char* second_name) {
  if (n_first != n_second) {
    throw Error(metric + ": " + first_name + " and " + second_name + " differ in length (" +
                std::to_string(n_first) + " vs " + std::to_string(n_second) + ")");
  }
  if (n_first == 0) throw Error(metric + ": expected at least one sample, got none");
}

void check_finite(const std::string& metric, const std::vector<double>& values, const char* what) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(metric + ": " + what + "[" + std::to_string(i) + "] is not finite (" +
                  std::to_string(values[i]) + ")");
    }
  }
}

void check_zero_one(const std::string& metric, const std::vector<int>& labels, const char* what) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != 0 && labels[i] != 1) {
      throw Error(metric + ": " + what + "[" + std::to_string(i) + "] must be 0 or 1, got " +
                  std::to_string(labels[i]));
    }
  }
}

}  // namespace ontonet::metric_checks
