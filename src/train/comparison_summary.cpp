#include "ontonet/train/comparison_summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/train/task_metrics.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double metric_of(const ComparisonRun& run, const std::string& split, const std::string& metric) {
  const auto found_split = run.result.metrics.find(split);
  if (found_split == run.result.metrics.end()) return kNaN;
  const auto found = found_split->second.find(metric);
  return found == found_split->second.end() ? kNaN : found->second;
}

// The runs of `model`, in seed order.
std::vector<const ComparisonRun*> runs_of(const ComparisonResult& result, std::size_t model) {
  std::vector<const ComparisonRun*> runs;
  for (const ComparisonRun& run : result.runs) {
    if (run.model == model) runs.push_back(&run);
  }
  return runs;
}

PairedDifference paired_difference(const ComparisonResult& result, std::size_t model,
                                   std::size_t reference, const std::string& split,
                                   const std::string& metric) {
  const std::vector<const ComparisonRun*> ours = runs_of(result, model);
  const std::vector<const ComparisonRun*> theirs = runs_of(result, reference);
  ONTONET_CHECK(ours.size() == theirs.size(), "paired runs differ in number");
  PairedDifference paired{model, reference, split, metric, {}, kNaN, kNaN, 0};
  std::vector<double> differences;
  for (std::size_t s = 0; s < ours.size(); ++s) {
    ONTONET_CHECK(ours[s]->seed == theirs[s]->seed, "paired runs differ in seed");
    const double difference =
        metric_of(*ours[s], split, metric) - metric_of(*theirs[s], split, metric);
    differences.push_back(difference);
    if (metric == "loss" ? difference < 0.0 : difference > 0.0) ++paired.model_better;
  }
  paired.difference = mean_sd(differences);
  if (paired.difference.n >= 2) {
    const double half = student_t_975(paired.difference.n - 1) * paired.difference.sd /
                        std::sqrt(static_cast<double>(paired.difference.n));
    paired.ci_low = paired.difference.mean - half;
    paired.ci_high = paired.difference.mean + half;
  }
  return paired;
}

}  // namespace

MeanSd mean_sd(const std::vector<double>& values) {
  MeanSd summary;
  double sum = 0.0;
  for (double value : values) {
    if (std::isnan(value)) continue;
    sum += value;
    ++summary.n;
  }
  if (summary.n == 0) return {kNaN, kNaN, 0};
  summary.mean = sum / static_cast<double>(summary.n);
  double squares = 0.0;
  for (double value : values) {
    if (!std::isnan(value)) squares += (value - summary.mean) * (value - summary.mean);
  }
  summary.sd = summary.n > 1 ? std::sqrt(squares / static_cast<double>(summary.n - 1)) : 0.0;
  return summary;
}

double student_t_975(Index degrees) {
  ONTONET_CHECK(degrees >= 1, "Student t needs at least one degree of freedom");
  static constexpr std::array<double, 30> kTable{
      12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
      2.262157,  2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
      2.109816,  2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
      2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272};
  if (degrees <= 30) return kTable[static_cast<std::size_t>(degrees - 1)];
  // Cornish-Fisher expansion around the normal quantile; within 1e-5 beyond 30 degrees.
  const double z = 1.959963985;
  const double v = static_cast<double>(degrees);
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  const double z7 = z5 * z * z;
  return z + (z3 + z) / (4.0 * v) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v) +
         (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v);
}

ComparisonSummary summarize_comparison(const ComparisonResult& result) {
  ComparisonSummary summary;
  summary.main_metric = main_metric_name(result.task);
  const bool has_test = std::any_of(result.runs.begin(), result.runs.end(), [](const auto& run) {
    return run.result.metrics.count("test") > 0;
  });
  summary.held_out = has_test ? "test" : "validation";
  const std::array<std::string, 2> metrics{"loss", summary.main_metric};
  double best_validation = kNaN;
  bool selected = false;
  std::size_t dense = result.models.size();
  for (std::size_t m = 0; m < result.models.size(); ++m) {
    const std::vector<const ComparisonRun*> runs = runs_of(result, m);
    ModelSummary model;
    model.model = m;
    if (!runs.empty()) {
      model.parameters = runs.front()->parameters;
      model.weights = runs.front()->weights;
    }
    std::vector<double> nonzero, best_epoch, seconds;
    for (const ComparisonRun* run : runs) {
      nonzero.push_back(static_cast<double>(run->nonzero_weights));
      best_epoch.push_back(static_cast<double>(run->result.best_epoch));
      seconds.push_back(run->seconds);
    }
    model.nonzero_weights = mean_sd(nonzero);
    model.best_epoch = mean_sd(best_epoch);
    model.seconds = mean_sd(seconds);
    for (const char* split : {"train", "validation", "test"}) {
      if (runs.empty() || runs.front()->result.metrics.count(split) == 0) continue;
      for (const std::string& metric : metrics) {
        std::vector<double> values;
        for (const ComparisonRun* run : runs) values.push_back(metric_of(*run, split, metric));
        model.metrics[split][metric] = mean_sd(values);
      }
    }
    if (result.models[m].architecture == "ontology") {
      const auto validation = model.metrics.find("validation");
      const double loss =
          validation == model.metrics.end() ? kNaN : validation->second.at("loss").mean;
      const bool better =
          loss < best_validation || (std::isnan(best_validation) && !std::isnan(loss));
      if (!selected || better) {
        summary.selected = m;
        best_validation = loss;
        selected = true;
      }
    }
    if (result.models[m].architecture == "dense") dense = m;
    summary.models.push_back(std::move(model));
  }
  if (dense == result.models.size()) return summary;
  for (std::size_t m = 0; m < result.models.size(); ++m) {
    if (m == dense) continue;
    for (const std::string& metric : metrics) {
      summary.differences.push_back(paired_difference(result, m, dense, summary.held_out, metric));
    }
  }
  return summary;
}

}  // namespace ontonet
