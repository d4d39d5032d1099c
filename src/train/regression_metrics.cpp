#include "ontonet/train/regression_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "metric_input_checks.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_regression_input(const std::string& metric, const std::vector<double>& observed,
                            const std::vector<double>& predicted) {
  metric_checks::check_same_nonempty_length(metric, observed.size(), predicted.size(), "observed",
                                            "predicted");
  metric_checks::check_finite(metric, observed, "observed");
  metric_checks::check_finite(metric, predicted, "predicted");
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// Tested directly rather than as "variance == 0": the computed mean of {0.1, 0.1, 0.1} is not
// exactly 0.1, so the computed variance of a constant vector can be a tiny positive number.
bool is_constant(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
}

// Pearson's r of two checked, equal-length vectors. Centring first (two passes) avoids the
// cancellation of the one-pass sum-of-products formula when values are large relative to their
// spread.
double centred_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (is_constant(x) || is_constant(y)) return kNaN;
  const double mean_x = mean(x);
  const double mean_y = mean(y);
  double sum_xy = 0.0;
  double sum_xx = 0.0;
  double sum_yy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - mean_x;
    const double dy = y[i] - mean_y;
    sum_xy += dx * dy;
    sum_xx += dx * dx;
    sum_yy += dy * dy;
  }
  return std::clamp(sum_xy / std::sqrt(sum_xx * sum_yy), -1.0, 1.0);
}

}  // namespace

double mean_squared_error(const std::vector<double>& observed,
                          const std::vector<double>& predicted) {
  check_regression_input("mse", observed, predicted);
  double sum = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double residual = observed[i] - predicted[i];
    sum += residual * residual;
  }
  return sum / static_cast<double>(observed.size());
}

double r_squared(const std::vector<double>& observed, const std::vector<double>& predicted) {
  check_regression_input("r2", observed, predicted);
  if (is_constant(observed)) return kNaN;
  const double observed_mean = mean(observed);
  double ss_residual = 0.0;
  double ss_total = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double residual = observed[i] - predicted[i];
    const double deviation = observed[i] - observed_mean;
    ss_residual += residual * residual;
    ss_total += deviation * deviation;
  }
  return 1.0 - ss_residual / ss_total;
}

double pearson_correlation(const std::vector<double>& observed,
                           const std::vector<double>& predicted) {
  check_regression_input("pearson", observed, predicted);
  return centred_correlation(observed, predicted);
}

double spearman_correlation(const std::vector<double>& observed,
                            const std::vector<double>& predicted) {
  check_regression_input("spearman", observed, predicted);
  return centred_correlation(average_ranks(observed), average_ranks(predicted));
}

MetricSet regression_metrics(const std::vector<double>& observed,
                             const std::vector<double>& predicted) {
  return {{"mse", mean_squared_error(observed, predicted)},
          {"r2", r_squared(observed, predicted)},
          {"pearson", pearson_correlation(observed, predicted)},
          {"spearman", spearman_correlation(observed, predicted)}};
}

}  // namespace ontonet
