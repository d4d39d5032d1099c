#include "ontonet/train/task_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/train/classification_metrics.hpp"
#include "ontonet/train/regression_metrics.hpp"

namespace ontonet {

namespace {

void check_shapes(const Matrix<float>& targets, const Matrix<float>& outputs) {
  ONTONET_CHECK(targets.rows() == outputs.rows() && targets.cols() == outputs.cols(),
                "targets and outputs must have the same shape");
  ONTONET_CHECK(targets.rows() >= 1 && targets.cols() >= 1, "metrics need at least one sample");
}

}  // namespace

double task_loss(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs) {
  check_shapes(targets, outputs);
  double sum = 0.0;
  for (Index r = 0; r < targets.rows(); ++r) {
    for (Index c = 0; c < targets.cols(); ++c) {
      const double y = targets(r, c);
      const double z = outputs(r, c);
      if (task == TaskKind::kRegression) {
        sum += (z - y) * (z - y);
      } else {
        sum += std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z)));
      }
    }
  }
  return sum / static_cast<double>(targets.size());
}

MetricSet task_metrics(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs) {
  check_shapes(targets, outputs);
  const Index n = targets.cols();
  std::vector<double> predicted(static_cast<std::size_t>(n));
  for (Index c = 0; c < n; ++c) predicted[static_cast<std::size_t>(c)] = outputs(0, c);
  MetricSet metrics;
  if (task == TaskKind::kRegression) {
    std::vector<double> observed(static_cast<std::size_t>(n));
    for (Index c = 0; c < n; ++c) observed[static_cast<std::size_t>(c)] = targets(0, c);
    metrics = regression_metrics(observed, predicted);
  } else {
    std::vector<int> labels(static_cast<std::size_t>(n));
    for (Index c = 0; c < n; ++c) labels[static_cast<std::size_t>(c)] = targets(0, c) > 0.5f;
    metrics = binary_metrics(labels, predicted, ScoreKind::kLogit);
  }
  metrics["loss"] = task_loss(task, targets, outputs);
  return metrics;
}

}  // namespace ontonet
