// How redundant the neurons of each term are: a diagnostic of knockout-style attributions. Dropout
// trains a term's neurons to stand in for each other, so knocking out one neuron (or reading one
// neuron's attribution) underestimates what the term carries: the others make up for it. Per term
// with at least 2 neurons that can change the explained output, every neuron is knocked out alone,
// then the term's top-k neurons together, then the whole term, each knockout pinning the neurons to
// their value on the baseline input's pass (as `knockout` does) and re-evaluating only downstream:
//
//   single_i          Delta_i = mean over samples of |f(x, neuron i pinned) - f(x)|
//   joint_top_k       the same with the k neurons of largest Delta_i pinned together,
//                     k = min(top_k, neurons)
//   term_knockout     the same with all the term's (counted) neurons pinned
//   super_additivity  joint_top_k / sum of the top k Delta_i: above 1, the neurons back each other
//                     up (knocking out one hides what several carry); NaN when that sum is 0
//   participation_ratio  (sum_i Delta_i)^2 / sum_i Delta_i^2: 1 when one neuron carries it all,
//                     n when all n carry equal shares; NaN when every Delta_i is 0
//   single_share      max_i Delta_i / term_knockout; NaN when term_knockout is 0
//
// The output is options.output_unit's (its logit for classification). Parallel over terms; each
// term's numbers come from its own passes, so they do not depend on the thread count.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/explain/attribution.hpp"

namespace ontonet {

// A term counts as redundant when knocking out its top neurons together moves the output this many
// times more than the sum of knocking them out one by one.
constexpr double kRedundantSuperAdditivity = 1.5;

struct DropoutRedundancyOptions {
  Index output_unit = 0;
  Index top_k = 4;  // neurons knocked out jointly
  int threads = 1;
};

struct TermRedundancy {
  std::size_t entity = 0;       // index into the entities
  std::vector<Index> neurons;   // the term's neurons that can change the output, sorted
  std::vector<double> single;   // Delta_i, one per neuron above
  Index top_k = 0;              // min(options.top_k, neurons.size())
  double sum_single = 0;        // sum over all neurons of Delta_i
  double sum_single_top_k = 0;  // sum over the top k: super_additivity's denominator
  double max_single = 0;
  double joint_top_k = 0;
  double term_knockout = 0;
  double super_additivity = 0;
  double participation_ratio = 0;
  double single_share = 0;
};

struct DropoutRedundancy {
  std::vector<TermRedundancy> terms;  // in entity order
  // Medians over the terms where the value is defined (not NaN); NaN when none is.
  double median_super_additivity = 0;
  double median_participation_ratio = 0;
  double median_single_share = 0;
  Index redundant_terms = 0;  // super_additivity > kRedundantSuperAdditivity
};

// Requires inputs.network, inputs.entities, x [n_inputs, samples] with at least one sample and
// baseline [n_inputs]. Throws ConfigError("explain.output_unit" | "explain.redundancy_top_k" |
// "explain.threads" | "explain.samples", ...) for bad options.
DropoutRedundancy dropout_redundancy(const ExplainInputs& inputs,
                                     const DropoutRedundancyOptions& options);

}  // namespace ontonet
