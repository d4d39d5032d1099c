// What every evaluation metric of the train stage shares. A metric set maps a metric's name
// ("mse", "r2", "pearson", "spearman", "auroc", "auprc", "accuracy", "balanced_accuracy",
// "c_index") to its value, so a training loop can log and compare metrics without knowing the task.
// All metrics accumulate in double precision. Two kinds of failure are kept apart on purpose:
// malformed input (length mismatch, empty input, a non-finite value, a label outside its range) is
// a caller's mistake and throws ontonet::Error naming the metric; a metric that is undefined for
// well-formed input (R² of a constant target, AUROC of a one-class target, a c-index without
// comparable pairs) returns NaN, because a small validation split can legitimately hit those cases
// and a long training run should log NaN rather than stop.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ontonet {

using MetricSet = std::map<std::string, double>;

// Ranks 1..n of `values` in ascending order, tied values sharing the mean of the ranks they span
// (so {10, 20, 20, 30} ranks as {1, 2.5, 2.5, 4}). Requires no NaN in `values`.
std::vector<double> average_ranks(const std::vector<double>& values);

}  // namespace ontonet
