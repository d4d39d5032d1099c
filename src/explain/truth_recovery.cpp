#include "ontonet/explain/truth_recovery.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <utility>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// A run of items with the same score, in order of decreasing score.
struct TiedGroup {
  std::size_t positives = 0;
  std::size_t negatives = 0;
};

// Non-finite scores form the last group.
std::vector<TiedGroup> tied_groups(const std::vector<double>& scores,
                                   const std::vector<TruthLabel>& labels) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] != TruthLabel::kExcluded) order.push_back(i);
  }
  const auto key = [&](std::size_t i) {
    return std::isfinite(scores[i]) ? scores[i] : -std::numeric_limits<double>::infinity();
  };
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  std::vector<TiedGroup> groups;
  for (std::size_t position = 0; position < order.size(); ++position) {
    const std::size_t item = order[position];
    if (position == 0 || key(item) != key(order[position - 1])) groups.emplace_back();
    if (labels[item] == TruthLabel::kPositive) {
      ++groups.back().positives;
    } else {
      ++groups.back().negatives;
    }
  }
  return groups;
}

}  // namespace

RecoveryScores recovery_scores(const std::vector<double>& scores,
                               const std::vector<TruthLabel>& labels) {
  ONTONET_CHECK(scores.size() == labels.size(), "recovery_scores: one label per score");
  RecoveryScores result;
  bool any_scored = false;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] == TruthLabel::kPositive) ++result.positives;
    if (labels[i] == TruthLabel::kNegative) ++result.negatives;
    if (labels[i] != TruthLabel::kExcluded && std::isfinite(scores[i])) any_scored = true;
  }
  result.k = result.positives;
  if (!any_scored || result.positives == 0 || result.negatives == 0) return result;

  const double positives = static_cast<double>(result.positives);
  double negatives_above = 0;  // negatives in earlier (higher-scoring) groups
  double wins = 0;             // positive-negative pairs won, ties counted half
  double recall_weighted_precision = 0;
  double seen_positives = 0, seen = 0;
  double top_positives = 0;  // expected positives among the k best
  const std::vector<TiedGroup> groups = tied_groups(scores, labels);
  const double total_negatives = static_cast<double>(result.negatives);
  for (const TiedGroup& group : groups) {
    const double p = static_cast<double>(group.positives);
    const double n = static_cast<double>(group.negatives);
    const double negatives_below = total_negatives - negatives_above - n;
    wins += p * (negatives_below + 0.5 * n);
    const double slots = std::max(0.0, std::min(p + n, positives - seen));
    top_positives += slots * p / (p + n);
    seen_positives += p;
    seen += p + n;
    recall_weighted_precision += p / positives * (seen_positives / seen);
    negatives_above += n;
  }
  result.auroc = wins / (positives * total_negatives);
  result.auprc = recall_weighted_precision;
  result.precision_at_k = top_positives / positives;
  return result;
}

namespace {

// Mean and sample standard deviation.
std::pair<double, double> mean_sd(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return {mean, 0.0};
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / static_cast<double>(values.size() - 1))};
}

}  // namespace

std::vector<RecoverySummary> summarize_recovery(const std::vector<RecoveryRecord>& records,
                                                const std::vector<ScenarioStability>& stability) {
  const auto same_group = [](const RecoveryRecord& record, const RecoverySummary& summary) {
    return record.scenario == summary.scenario && record.model == summary.model &&
           record.method == summary.method && record.kind == summary.kind;
  };
  std::vector<RecoverySummary> summaries;
  std::vector<std::vector<const RecoveryRecord*>> members;
  for (const RecoveryRecord& record : records) {
    std::size_t g = 0;
    while (g < summaries.size() && !same_group(record, summaries[g])) ++g;
    if (g == summaries.size()) {
      RecoverySummary summary;
      summary.scenario = record.scenario;
      summary.model = record.model;
      summary.method = record.method;
      summary.kind = record.kind;
      summary.positives = record.scores.positives;
      summary.k = record.scores.k;
      summary.held_out_metric = record.held_out_metric;
      summaries.push_back(summary);
      members.emplace_back();
    }
    members[g].push_back(&record);
  }
  for (std::size_t g = 0; g < summaries.size(); ++g) {
    RecoverySummary& summary = summaries[g];
    std::vector<double> auroc, auprc, precision, seconds, held_out;
    for (const RecoveryRecord* record : members[g]) {
      auroc.push_back(record->scores.auroc);
      auprc.push_back(record->scores.auprc);
      precision.push_back(record->scores.precision_at_k);
      seconds.push_back(record->seconds);
      held_out.push_back(record->held_out_value);
    }
    summary.seeds = members[g].size();
    std::tie(summary.auroc_mean, summary.auroc_sd) = mean_sd(auroc);
    std::tie(summary.auprc_mean, summary.auprc_sd) = mean_sd(auprc);
    std::tie(summary.precision_at_k_mean, summary.precision_at_k_sd) = mean_sd(precision);
    summary.seconds_mean = mean_sd(seconds).first;
    summary.held_out_mean = mean_sd(held_out).first;
    for (const ScenarioStability& entry : stability) {
      if (entry.scenario == summary.scenario && entry.model == summary.model &&
          entry.stability.method == summary.method && entry.stability.kind == summary.kind) {
        summary.stability_spearman = entry.stability.mean_spearman;
        summary.top_overlap = entry.stability.mean_top_overlap;
        summary.top_k = entry.stability.top_k;
      }
    }
  }
  return summaries;
}

}  // namespace ontonet
