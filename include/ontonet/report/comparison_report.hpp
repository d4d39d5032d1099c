// The report of a comparison (train/comparison.hpp) as files a user reads, plots or loads:
//   comparison.tsv          one row per model: size, then mean and sd over seeds of the loss and
//                           the main metric per split, best epoch and wall time
//   runs.tsv                one row per run (model x seed) with the same columns, unaveraged
//   paired_differences.tsv  every model minus the dense baseline, seed by seed: mean, sd, 95% CI,
//                           and the number of seeds the model wins
//   learning_curves.tsv     per model and epoch: the training objective (batch loss with auxiliary
//                           heads and penalties) and the validation loss, mean and sd over the
//                           seeds that ran that epoch
//   comparison.json         all of the above, and the options and data it came from
//   comparison.svg          validation loss per epoch; train, validation and test loss versus
//                           lambda with the controls as reference lines; the held-out main metric
//                           and the nonzero weights versus lambda
// docs/formats/comparison.md documents every column. Each file is written atomically.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ontonet/train/comparison.hpp"
#include "ontonet/train/comparison_summary.hpp"
#include "ontonet/train/linear_baselines.hpp"

namespace ontonet {

struct ComparisonReport {
  const ComparisonResult& result;
  const ComparisonSummary& summary;
  // Ridge or logistic regression on the same splits: a row of its own and a reference line.
  std::optional<LinearBaselineResult> linear;
  nlohmann::json context;  // copied into comparison.json as "context" (options, data)
};

// Writes the files above into `folder`, which must exist. Throws InputError naming a file that
// cannot be written.
void write_comparison_report(const std::string& folder, const ComparisonReport& report);

// Learning curves of one model: per epoch (1-based, up to the longest run), the mean and sd over
// the seeds that ran that epoch. Exposed for tests.
struct LearningCurve {
  std::vector<double> epoch;
  std::vector<double> train_mean, train_sd;  // the training objective (EpochRecord::train_loss)
  std::vector<double> validation_mean, validation_sd;
  std::vector<Index> runs;  // seeds that reached the epoch
};
LearningCurve learning_curve(const ComparisonResult& result, std::size_t model);

}  // namespace ontonet
