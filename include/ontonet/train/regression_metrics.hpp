// Metrics of a regression model: how close predictions `predicted` come to targets `observed`,
// both one value per sample. Every function requires equal, non-zero lengths and finite values
// and throws ontonet::Error otherwise; undefined values are NaN (see metrics.hpp).
#pragma once

#include <vector>

#include "ontonet/train/metrics.hpp"

namespace ontonet {

// Mean of (observed - predicted)².
double mean_squared_error(const std::vector<double>& observed, const std::vector<double>& predicted);

// Coefficient of determination 1 - SS_res / SS_tot, with SS_tot the sum of squared deviations of
// `observed` from its mean. Can be negative (worse than predicting the mean). NaN when every
// observed value is the same (SS_tot = 0): unlike scikit-learn's r2_score, which reports 1 or 0 there, we do not
// pretend the fraction of explained variance exists when there is no variance.
double r_squared(const std::vector<double>& observed, const std::vector<double>& predicted);

// Pearson's product-moment correlation, clamped to [-1, 1] against rounding. NaN when either
// vector is constant (including a single sample).
double pearson_correlation(const std::vector<double>& observed,
                           const std::vector<double>& predicted);

// Spearman's rank correlation: Pearson's correlation of the average ranks (ties share their mean
// rank, as scipy.stats.spearmanr does). NaN when either vector is constant.
double spearman_correlation(const std::vector<double>& observed,
                            const std::vector<double>& predicted);

// {"mse", "r2", "pearson", "spearman"}.
MetricSet regression_metrics(const std::vector<double>& observed,
                             const std::vector<double>& predicted);

}  // namespace ontonet
