#include "ontonet/train/task_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/train/classification_metrics.hpp"
#include "ontonet/train/regression_metrics.hpp"
#include "ontonet/train/survival_metrics.hpp"

namespace ontonet {

namespace {

void check_shapes(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs) {
  ONTONET_CHECK(targets.cols() == outputs.cols() && targets.cols() >= 1,
                "metrics need one target column per output column, at least one");
  const Index target_rows = task == TaskKind::kSurvival     ? 2
                            : task == TaskKind::kMulticlass ? 1
                                                            : outputs.rows();
  ONTONET_CHECK(targets.rows() == target_rows,
                "targets have the wrong number of rows for the task");
  ONTONET_CHECK(task != TaskKind::kSurvival || outputs.rows() == 1, "survival has one output");
}

std::vector<double> row_of(const Matrix<float>& matrix, Index row) {
  std::vector<double> values(static_cast<std::size_t>(matrix.cols()));
  for (Index c = 0; c < matrix.cols(); ++c) values[static_cast<std::size_t>(c)] = matrix(row, c);
  return values;
}

std::vector<int> labels_of(const Matrix<float>& targets) {
  std::vector<int> labels(static_cast<std::size_t>(targets.cols()));
  for (Index c = 0; c < targets.cols(); ++c) {
    labels[static_cast<std::size_t>(c)] = static_cast<int>(std::lround(targets(0, c)));
  }
  return labels;
}

double softmax_cross_entropy(const Matrix<float>& targets, const Matrix<float>& logits) {
  double sum = 0.0;
  for (Index c = 0; c < logits.cols(); ++c) {
    const double largest = logits.col(c).maxCoeff();
    double normalizer = 0.0;
    for (Index k = 0; k < logits.rows(); ++k) normalizer += std::exp(logits(k, c) - largest);
    sum += largest + std::log(normalizer) - logits(std::lround(targets(0, c)), c);
  }
  return sum / static_cast<double>(logits.cols());
}

// Negative Cox log partial likelihood per event, Breslow ties: the loss the model trains with.
double cox_loss(const Matrix<float>& targets, const Matrix<float>& risk) {
  const Index n = risk.cols();
  std::vector<Index> by_time(static_cast<std::size_t>(n));
  std::iota(by_time.begin(), by_time.end(), Index{0});
  std::sort(by_time.begin(), by_time.end(),
            [&](Index a, Index b) { return targets(0, a) > targets(0, b); });
  double sum = 0.0;
  double events = 0.0;
  double risk_set = 0.0;
  const double largest = risk.maxCoeff();
  // Walking from the longest time down, a group of tied times joins the risk set together.
  for (std::size_t i = 0; i < by_time.size();) {
    std::size_t end = i;
    while (end < by_time.size() && targets(0, by_time[end]) == targets(0, by_time[i])) {
      risk_set += std::exp(risk(0, by_time[end]) - largest);
      ++end;
    }
    for (std::size_t j = i; j < end; ++j) {
      if (targets(1, by_time[j]) > 0.5f) {
        sum -= risk(0, by_time[j]) - largest - std::log(risk_set);
        events += 1.0;
      }
    }
    i = end;
  }
  return events > 0 ? sum / events : 0.0;
}

}  // namespace

const char* main_metric_name(TaskKind task) {
  switch (task) {
    case TaskKind::kRegression:
      return "pearson";
    case TaskKind::kBinary:
    case TaskKind::kMulticlass:
      return "auroc";
    case TaskKind::kSurvival:
      return "c_index";
  }
  ONTONET_CHECK(false, "unknown task");
}

double task_loss(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs) {
  check_shapes(task, targets, outputs);
  if (task == TaskKind::kMulticlass) return softmax_cross_entropy(targets, outputs);
  if (task == TaskKind::kSurvival) return cox_loss(targets, outputs);
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
  check_shapes(task, targets, outputs);
  MetricSet metrics;
  switch (task) {
    case TaskKind::kRegression:
      metrics = regression_metrics(row_of(targets, 0), row_of(outputs, 0));
      break;
    case TaskKind::kBinary:
      metrics = binary_metrics(labels_of(targets), row_of(outputs, 0), ScoreKind::kLogit);
      break;
    case TaskKind::kMulticlass:
      metrics = multiclass_metrics(labels_of(targets), outputs.cast<double>(), ScoreKind::kLogit);
      break;
    case TaskKind::kSurvival: {
      std::vector<int> events(static_cast<std::size_t>(targets.cols()));
      for (Index c = 0; c < targets.cols(); ++c) {
        events[static_cast<std::size_t>(c)] = targets(1, c) > 0.5f ? 1 : 0;
      }
      metrics = survival_metrics(row_of(targets, 0), events, row_of(outputs, 0));
      break;
    }
  }
  metrics["loss"] = task_loss(task, targets, outputs);
  return metrics;
}

}  // namespace ontonet
