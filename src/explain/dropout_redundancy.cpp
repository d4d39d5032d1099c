// Single, joint and whole-term knockouts of every term's neurons, and the redundancy measures
// built from them. Each knockout pins neurons to the baseline pass and re-evaluates only their
// downstream cone with forward_from, on a per-thread copy of the original pass that is put back
// afterwards.
#include "ontonet/explain/dropout_redundancy.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "method_kernels.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_options(const ExplainInputs& inputs, const DropoutRedundancyOptions& options) {
  ONTONET_CHECK(inputs.entities != nullptr, "dropout redundancy needs the network's entities");
  detail::check_explain_inputs(inputs, options.output_unit);
  if (options.top_k < 1) {
    throw ConfigError("explain.redundancy_top_k",
                      "must be >= 1, got " + std::to_string(options.top_k));
  }
  if (options.threads < 1) throw ConfigError("explain.threads", "must be >= 1");
  if (inputs.x.cols() == 0) {
    throw ConfigError("explain.samples", "dropout redundancy needs at least one sample");
  }
}

// One thread's copy of the original pass; the rows a knockout changed are put back after it.
class KnockoutScratch {
 public:
  KnockoutScratch(const NetworkEvaluator& network, const NeuronValues& original,
                  const NeuronValues& reference, Index output)
      : network_(network), original_(original), reference_(reference), output_(output) {}

  // Mean over samples of |f(x) with `neurons` (sorted) pinned to the baseline pass - f(x)|.
  double mean_abs_change(const std::vector<Index>& neurons) {
    if (values_.post.size() == 0) values_ = original_;
    const NeuronOverride pin{neurons, detail::rows_of(reference_.post, neurons)};
    const std::vector<Index> changed = network_.forward_from(values_, pin);
    double sum = 0;
    for (Index j = 0; j < values_.post.cols(); ++j) {
      sum += std::abs(values_.post(output_, j) - original_.post(output_, j));
    }
    for (Index neuron : changed) {
      values_.pre.row(neuron) = original_.pre.row(neuron);
      values_.post.row(neuron) = original_.post.row(neuron);
    }
    return sum / static_cast<double>(values_.post.cols());
  }

 private:
  const NetworkEvaluator& network_;
  const NeuronValues& original_;
  const NeuronValues& reference_;
  Index output_;
  NeuronValues values_;
};

double ratio_or_nan(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kNaN;
}

TermRedundancy term_redundancy(std::size_t entity, std::vector<Index> neurons, Index top_k,
                               KnockoutScratch& scratch) {
  TermRedundancy term;
  term.entity = entity;
  term.neurons = std::move(neurons);
  for (Index neuron : term.neurons) term.single.push_back(scratch.mean_abs_change({neuron}));
  // Largest effect first; ties keep neuron order so the choice is reproducible.
  std::vector<std::size_t> order(term.single.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return term.single[a] > term.single[b]; });
  term.top_k = std::min(top_k, static_cast<Index>(term.neurons.size()));
  std::vector<Index> top;
  for (Index i = 0; i < term.top_k; ++i) {
    const std::size_t position = order[static_cast<std::size_t>(i)];
    top.push_back(term.neurons[position]);
    term.sum_single_top_k += term.single[position];
  }
  std::sort(top.begin(), top.end());
  double squares = 0;
  for (double single : term.single) {
    term.sum_single += single;
    squares += single * single;
    term.max_single = std::max(term.max_single, single);
  }
  term.joint_top_k = scratch.mean_abs_change(top);
  term.term_knockout = scratch.mean_abs_change(term.neurons);
  term.super_additivity = ratio_or_nan(term.joint_top_k, term.sum_single_top_k);
  term.participation_ratio = ratio_or_nan(term.sum_single * term.sum_single, squares);
  term.single_share = ratio_or_nan(term.max_single, term.term_knockout);
  return term;
}

// The median of the values that are not NaN; NaN when there are none.
double median(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
}

}  // namespace

DropoutRedundancy dropout_redundancy(const ExplainInputs& inputs,
                                     const DropoutRedundancyOptions& options) {
  check_options(inputs, options);
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  const std::vector<char> reaches = network.reaches_output(options.output_unit);

  // The terms to measure, each with its neurons that can change the output.
  std::vector<std::size_t> term_entities;
  std::vector<std::vector<Index>> term_neurons;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind != EntityKind::kTerm) continue;
    std::vector<Index> counted;
    for (Index neuron : entities[e].neurons) {
      if (reaches[static_cast<std::size_t>(neuron)]) counted.push_back(neuron);
    }
    if (counted.size() < 2) continue;
    term_entities.push_back(e);
    term_neurons.push_back(std::move(counted));
  }

  const NeuronValues reference = network.forward(NeuronMatrix(inputs.baseline));
  const NeuronValues original = network.forward(inputs.x);
  const Index output = network.output_neurons()[static_cast<std::size_t>(options.output_unit)];
  std::vector<KnockoutScratch> scratches(static_cast<std::size_t>(options.threads),
                                         KnockoutScratch(network, original, reference, output));
  DropoutRedundancy result;
  result.terms.resize(term_entities.size());
  detail::parallel_for(static_cast<Index>(term_entities.size()), options.threads, [&](Index t) {
    const auto i = static_cast<std::size_t>(t);
    result.terms[i] = term_redundancy(term_entities[i], term_neurons[i], options.top_k,
                                      scratches[static_cast<std::size_t>(omp_get_thread_num())]);
  });

  std::vector<double> super_additivity, participation, share;
  for (const TermRedundancy& term : result.terms) {
    super_additivity.push_back(term.super_additivity);
    participation.push_back(term.participation_ratio);
    share.push_back(term.single_share);
    if (term.super_additivity > kRedundantSuperAdditivity) ++result.redundant_terms;
  }
  result.median_super_additivity = median(super_additivity);
  result.median_participation_ratio = median(participation);
  result.median_single_share = median(share);
  return result;
}

}  // namespace ontonet
