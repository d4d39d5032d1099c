// The attribution methods of `ontonet explain`, each scoring every entity (input feature, gene,
// term) of one trained network on one cohort, in one format so that methods can be compared:
//
//   weight_paths          GenNet's importance: the sum over paths from the neuron to the output of
//                         the product of their weights (batch norm's scale folded in, activations
//                         taken as identity); no data needed.
//   saliency              |d output / d neuron|, per sample.
//   gradient_input        d output / d neuron x the neuron's value, per sample.
//   integrated_gradients  the path integral of the gradient from the baseline to the sample (steps
//                         trapezoids); for hidden neurons, integral of d output / d neuron along
//                         the path the neuron's value takes. Inputs satisfy completeness: their
//                         attributions add up to f(x) - f(baseline) (the check reports the error).
//   deeplift              DeepLIFT's rescale rule (P-NET's choice): multipliers Delta post / Delta
//                         pre against the baseline's pass, times Delta neuron; the inputs'
//                         attributions add up to f(x) - f(baseline) exactly (summation to delta).
//   knockout              the change of the output when a gene's input features (or a term's
//                         neurons) are set to their value at the baseline, every gene and term.
//   permutation           the rise of the task's loss when a gene's input features (or a term's
//                         neurons) are permuted jointly across the samples, mean over repeats.
//   rlipp                 DCell's relative local improvement in predictive power, terms only.
//
// Per-sample methods give each neuron an attribution per sample; an entity's attribution is the
// sum over its neurons, and its score is the mean over samples of its absolute value (the signed
// mean is kept too). The output unit explained is options.output_unit (for a binary or multiclass
// task, that unit's logit). Work is split over samples (gradient methods) or entities
// (perturbations, RLIPP) with OpenMP; partial sums are reduced in a fixed order, so scores do not
// depend on the thread count.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ontonet/explain/entities.hpp"
#include "ontonet/explain/network_evaluator.hpp"
#include "ontonet/explain/rlipp.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

enum class ExplainMethod {
  kWeightPaths,
  kSaliency,
  kGradientInput,
  kIntegratedGradients,
  kDeepLift,
  kKnockout,
  kPermutation,
  kRlipp,
};

const char* explain_method_name(ExplainMethod method);  // "weight_paths", ...
// Throws ConfigError(path, ...) for an unknown name, listing the known ones.
ExplainMethod parse_explain_method(const std::string& name, const std::string& path);
std::vector<ExplainMethod> all_explain_methods();

struct ExplainInputs {
  const NetworkEvaluator* network = nullptr;
  const std::vector<Entity>* entities = nullptr;
  NeuronMatrix x;            // [n_inputs, samples]: the cohort, as the model sees it (preprocessed)
  Eigen::VectorXd baseline;  // [n_inputs]: the reference input, in the same units as x
  Matrix<float> targets;     // [target rows, samples] as the task's targets, or empty
  TaskKind task = TaskKind::kRegression;
};

struct ExplainOptions {
  Index output_unit = 0;
  Index steps = 64;   // integrated gradients
  Index repeats = 5;  // permutation
  std::uint64_t seed = 1;
  int threads = 1;
  Index batch_size = 128;  // samples evaluated together
  bool per_sample = false;
  RlippOptions rlipp;
};

struct MethodResult {
  ExplainMethod method = ExplainMethod::kWeightPaths;
  std::string definition;             // one sentence: what the score is
  std::vector<double> scores;         // per entity; NaN where the method does not score it
  std::vector<double> signed_scores;  // per entity: mean signed attribution (or change); may be NaN
  // Further per-entity columns (knockout's delta_loss, permutation's sd, RLIPP's correlations).
  std::vector<std::pair<std::string, std::vector<double>>> extra_columns;
  // [entities, samples] signed entity attributions, when options.per_sample and the method
  // attributes per sample; else empty.
  NeuronMatrix per_sample;
  // Sanity checks with their values, e.g. {"completeness_error_max", 3e-6}.
  std::vector<std::pair<std::string, double>> checks;
  double seconds = 0;
};

// Runs one method. Throws ConfigError("explain.<option>", ...) for bad options (output unit out of
// range, steps or repeats < 1, permutation without targets or with fewer than 2 samples).
MethodResult explain_with(ExplainMethod method, const ExplainInputs& inputs,
                          const ExplainOptions& options);

}  // namespace ontonet
