// How well an explanation finds a planted truth (`ontonet simulate`): the ranking a method gives
// the genes (or terms) of a network, scored against which of them are causal. Three measures,
// each in [0, 1]:
//
//   auroc           the probability that a causal item outscores a non-causal one (ties count
//                   half): 0.5 is a random ranking;
//   auprc           average precision, sum over the distinct scores from the top of
//                   (recall gained) x (precision there), as scikit-learn's
//                   average_precision_score: a random ranking gets the fraction of causal items;
//   precision_at_k  the fraction of causal items among the k best, k = the number of causal items
//                   (R-precision); items tied at the k-th place count by their expected share.
//
// Items whose score is not finite rank below every scored item, tied among themselves: a method
// that cannot tell them apart gets no credit for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ontonet/explain/attribution.hpp"
#include "ontonet/explain/stability.hpp"

namespace ontonet {

enum class TruthLabel : signed char {
  kExcluded = -1,  // neither causal nor a fair negative (a term holding causal genes): not scored
  kNegative = 0,
  kPositive = 1,
};

struct RecoveryScores {
  std::size_t positives = 0;
  std::size_t negatives = 0;
  std::size_t k = 0;  // of precision_at_k
  double auroc = std::numeric_limits<double>::quiet_NaN();
  double auprc = std::numeric_limits<double>::quiet_NaN();
  double precision_at_k = std::numeric_limits<double>::quiet_NaN();
};

// scores and labels are per item. The measures are NaN when no item has a finite score, or there
// is no positive or no negative item. Throws InternalError when the sizes differ.
RecoveryScores recovery_scores(const std::vector<double>& scores,
                               const std::vector<TruthLabel>& labels);

// One method's recovery of one kind (genes or terms) on one trained model.
struct RecoveryRecord {
  std::string scenario;
  std::string model;  // e.g. "ontology", "dense"
  std::uint64_t seed = 0;
  ExplainMethod method = ExplainMethod::kWeightPaths;
  EntityKind kind = EntityKind::kGene;
  std::string scored_by;  // how the kind's scores were formed, e.g. "term neurons"
  RecoveryScores scores;
  double seconds = 0;  // the method's run time on this model
  // How well the model predicts held-out samples, e.g. "test_pearson" 0.62: explanations of a model
  // that learned nothing cannot find the truth, whatever the method.
  std::string held_out_metric;
  double held_out_value = std::numeric_limits<double>::quiet_NaN();
};

// The records of one scenario, model, method and kind over the seeds, with the method's rank
// stability between those seeds (NaN when not measured).
struct RecoverySummary {
  std::string scenario;
  std::string model;
  ExplainMethod method = ExplainMethod::kWeightPaths;
  EntityKind kind = EntityKind::kGene;
  std::size_t seeds = 0;
  std::size_t positives = 0;  // of the first seed; the truth is the same for every seed
  std::size_t k = 0;
  double auroc_mean = 0, auroc_sd = 0;
  double auprc_mean = 0, auprc_sd = 0;
  double precision_at_k_mean = 0, precision_at_k_sd = 0;
  double stability_spearman = std::numeric_limits<double>::quiet_NaN();
  double top_overlap = std::numeric_limits<double>::quiet_NaN();
  std::size_t top_k = 0;
  double seconds_mean = 0;
  std::string held_out_metric;
  double held_out_mean = 0;
};

// A method's rank stability between the seeds of one scenario and model.
struct ScenarioStability {
  std::string scenario;
  std::string model;
  MethodStability stability;
};

// Groups the records in order of first appearance; means and sample sds over seeds (sd 0 for one
// seed; NaN scores give NaN).
std::vector<RecoverySummary> summarize_recovery(const std::vector<RecoveryRecord>& records,
                                                const std::vector<ScenarioStability>& stability);

}  // namespace ontonet
