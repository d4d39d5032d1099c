// What a comparison's runs say, over seeds: per model, mean and standard deviation of the loss
// and of the task's main metric on every split; the lambda a user would pick (lowest mean
// validation loss); and paired differences against the dense baseline of the same widths, seed
// by seed, with a 95% Student-t confidence interval (n - 1 degrees of freedom).
#pragma once

#include <string>
#include <vector>

#include "ontonet/train/comparison.hpp"

namespace ontonet {

struct MeanSd {
  double mean = 0.0;
  double sd = 0.0;  // sample standard deviation (n - 1); 0 for one value
  Index n = 0;
};

// NaN values are left out (and not counted in n).
MeanSd mean_sd(const std::vector<double>& values);

// The 0.975 quantile of Student's t with `degrees` degrees of freedom (>= 1): the half-width of a
// two-sided 95% interval is t * sd / sqrt(n).
double student_t_975(Index degrees);

struct ModelSummary {
  std::size_t model = 0;
  Index parameters = 0;
  Index weights = 0;
  MeanSd nonzero_weights;
  MeanSd best_epoch;
  MeanSd seconds;
  // split ("train", "validation", "test") -> metric ("loss" and the main metric) -> over seeds.
  std::map<std::string, std::map<std::string, MeanSd>> metrics;
};

struct PairedDifference {
  std::size_t model = 0;      // compared
  std::size_t reference = 0;  // the dense baseline
  std::string split;
  std::string metric;
  MeanSd difference;  // model - reference, seed by seed
  double ci_low = 0.0;
  double ci_high = 0.0;
  Index model_better = 0;  // seeds where the model beats the reference (lower loss, higher metric)
};

struct ComparisonSummary {
  std::string main_metric;  // main_metric_name(task)
  // The split held-out scores come from: "test", or "validation" when the data has no test split.
  std::string held_out = "test";
  std::vector<ModelSummary> models;
  // The ontology model with the lowest mean validation loss (the first ontology model without a
  // validation split).
  std::size_t selected = 0;
  // Every other model against "dense", on the held-out split, for the loss and the main metric;
  // empty when "dense" was not trained.
  std::vector<PairedDifference> differences;
};

ComparisonSummary summarize_comparison(const ComparisonResult& result);

}  // namespace ontonet
