// Checks shared by the metric functions: each throws ontonet::Error whose message starts with the
// metric's name, e.g. "auroc: labels and scores differ in length (5 vs 4)". Private to src/train.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ontonet::metric_checks {

// Requires n_first == n_second and n_first > 0.
void check_same_nonempty_length(const std::string& metric, std::size_t n_first,
                                std::size_t n_second, const char* first_name,
                                const char* second_name);

// Requires every value finite; `what` names the vector ("scores").
void check_finite(const std::string& metric, const std::vector<double>& values, const char* what);

// Requires every label to be 0 or 1; `what` names the vector ("labels", "events").
void check_zero_one(const std::string& metric, const std::vector<int>& labels, const char* what);

}  // namespace ontonet::metric_checks
