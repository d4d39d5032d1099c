// Knockout and permutation importance: each re-evaluates the network with one entity's neurons
// replaced, only downstream of them. Parallel over entities; every entity's
// numbers come from its own passes, so the thread count cannot change them.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "method_kernels.hpp"
#include "ontonet/core/seeded_shuffle.hpp"
#include "ontonet/train/task_metrics.hpp"

namespace ontonet::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Genes and terms are perturbed; single features are left to the gradient methods, since a
// million-SNP network would need a million passes.
bool perturbed(const Entity& entity) { return entity.kind != EntityKind::kFeature; }

// One thread's copy of the original pass. Each perturbation changes a few rows, which are put
// back afterwards, so the copy is made once per thread rather than once per entity and repeat.
class ScratchPass {
 public:
  explicit ScratchPass(const NeuronValues& original) : original_(original) {}

  NeuronValues& values() {
    if (values_.post.size() == 0) values_ = original_;
    return values_;
  }
  void restore(const std::vector<Index>& changed) {
    for (Index neuron : changed) {
      values_.pre.row(neuron) = original_.pre.row(neuron);
      values_.post.row(neuron) = original_.post.row(neuron);
    }
  }

 private:
  const NeuronValues& original_;
  NeuronValues values_;
};

}  // namespace

MethodResult knockout_scores(const ExplainInputs& inputs, const ExplainOptions& options) {
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  const Index n_samples = inputs.x.cols();
  const NeuronValues reference = network.forward(NeuronMatrix(inputs.baseline));
  const NeuronValues original = network.forward(inputs.x);
  const Matrix<float> original_outputs = output_values(network, original);
  const bool has_targets = inputs.targets.size() != 0;
  const double original_loss =
      has_targets ? task_loss(inputs.task, inputs.targets, original_outputs) : kNaN;
  const Index output = network.output_neurons()[static_cast<std::size_t>(options.output_unit)];

  MethodResult result = unscored_result(entities.size());
  result.definition =
      "mean over samples of |change of the output| when the entity's input features (gene) or "
      "neurons (term) are set to their value at the baseline";
  std::vector<double> delta_loss(entities.size(), kNaN);
  std::vector<ScratchPass> scratches(static_cast<std::size_t>(options.threads),
                                     ScratchPass(original));

  parallel_for(static_cast<Index>(entities.size()), options.threads, [&](Index index) {
    const auto e = static_cast<std::size_t>(index);
    const Entity& entity = entities[e];
    if (!perturbed(entity) || entity.replaced_neurons.empty()) return;
    NeuronOverride pin{entity.replaced_neurons, rows_of(reference.post, entity.replaced_neurons)};
    ScratchPass& scratch = scratches[static_cast<std::size_t>(omp_get_thread_num())];
    NeuronValues& knocked = scratch.values();
    const std::vector<Index> changed = network.forward_from(knocked, pin);
    const Eigen::RowVectorXd change = knocked.post.row(output) - original.post.row(output);
    result.scores[e] = change.cwiseAbs().sum() / static_cast<double>(n_samples);
    result.signed_scores[e] = change.sum() / static_cast<double>(n_samples);
    if (has_targets) {
      delta_loss[e] =
          task_loss(inputs.task, inputs.targets, output_values(network, knocked)) - original_loss;
    }
    scratch.restore(changed);
  });
  if (has_targets) result.extra_columns.emplace_back("delta_loss", std::move(delta_loss));
  return result;
}

MethodResult permutation_scores(const ExplainInputs& inputs, const ExplainOptions& options) {
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  const auto n_samples = static_cast<std::size_t>(inputs.x.cols());
  const NeuronValues original = network.forward(inputs.x);
  const double original_loss =
      task_loss(inputs.task, inputs.targets, output_values(network, original));
  // One permutation per repeat, shared by every entity: entities are compared on the same draws.
  std::vector<std::vector<std::size_t>> permutations;
  std::mt19937_64 generator(options.seed);
  for (Index r = 0; r < options.repeats; ++r) {
    std::vector<std::size_t> order(n_samples);
    for (std::size_t i = 0; i < n_samples; ++i) order[i] = i;
    shuffle_in_place(order, generator);
    permutations.push_back(std::move(order));
  }

  MethodResult result = unscored_result(entities.size());
  result.definition =
      "mean over " + std::to_string(options.repeats) +
      " permutations of the rise of the loss when the entity's input features (gene) or neurons "
      "(term) are permuted jointly across samples";
  std::vector<double> sd(entities.size(), kNaN);
  std::vector<ScratchPass> scratches(static_cast<std::size_t>(options.threads),
                                     ScratchPass(original));

  parallel_for(static_cast<Index>(entities.size()), options.threads, [&](Index index) {
    const auto e = static_cast<std::size_t>(index);
    const Entity& entity = entities[e];
    if (!perturbed(entity) || entity.replaced_neurons.empty()) return;
    const NeuronMatrix rows = rows_of(original.post, entity.replaced_neurons);
    std::vector<double> rises;
    for (const std::vector<std::size_t>& order : permutations) {
      NeuronOverride pin{entity.replaced_neurons, NeuronMatrix(rows.rows(), rows.cols())};
      for (std::size_t j = 0; j < n_samples; ++j) {
        pin.values.col(static_cast<Index>(j)) = rows.col(static_cast<Index>(order[j]));
      }
      ScratchPass& scratch = scratches[static_cast<std::size_t>(omp_get_thread_num())];
      NeuronValues& permuted = scratch.values();
      const std::vector<Index> changed = network.forward_from(permuted, pin);
      rises.push_back(task_loss(inputs.task, inputs.targets, output_values(network, permuted)) -
                      original_loss);
      scratch.restore(changed);
    }
    double mean = 0;
    for (double rise : rises) mean += rise;
    mean /= static_cast<double>(rises.size());
    double squares = 0;
    for (double rise : rises) squares += (rise - mean) * (rise - mean);
    result.scores[e] = mean;
    result.signed_scores[e] = mean;
    sd[e] = rises.size() > 1 ? std::sqrt(squares / static_cast<double>(rises.size() - 1)) : kNaN;
  });
  result.extra_columns.emplace_back("sd", std::move(sd));
  return result;
}

}  // namespace ontonet::detail
