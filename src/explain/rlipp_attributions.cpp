// RLIPP for every term of a network: the term's neurons and the neurons feeding it, read from one
// pass over the cohort, scored by rlipp_score. Parallel over terms.

#include <limits>

#include "method_kernels.hpp"

namespace ontonet::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

MethodResult rlipp_scores(const ExplainInputs& inputs, const ExplainOptions& options) {
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  // Checked once here rather than once per term.
  check_rlipp_options(options.rlipp, inputs.x.cols());
  const NeuronValues values = network.forward(inputs.x);
  const bool measured = inputs.targets.size() != 0 &&
                        (inputs.task == TaskKind::kRegression || inputs.task == TaskKind::kBinary);
  std::vector<double> target(static_cast<std::size_t>(inputs.x.cols()));
  const Index output = network.output_neurons()[static_cast<std::size_t>(options.output_unit)];
  for (std::size_t j = 0; j < target.size(); ++j) {
    target[j] = measured ? inputs.targets(options.output_unit, static_cast<Index>(j))
                         : values.post(output, static_cast<Index>(j));
  }

  MethodResult result = unscored_result(entities.size());
  result.definition = std::string("RLIPP = (rho_term - rho_inputs) / |rho_inputs|, rho the ") +
                      "Spearman correlation of cross-validated ridge predictions of the " +
                      (measured ? "measured target" : "model's output") +
                      " from the term's neurons and from the neurons feeding the term";
  std::vector<double> term_correlation(entities.size(), kNaN);
  std::vector<double> input_correlation(entities.size(), kNaN);

  parallel_for(static_cast<Index>(entities.size()), options.threads, [&](Index index) {
    const auto e = static_cast<std::size_t>(index);
    const Entity& entity = entities[e];
    if (entity.kind != EntityKind::kTerm || entity.input_neurons.empty()) return;
    const Eigen::MatrixXd term = rows_of(values.post, entity.neurons);
    const Eigen::MatrixXd feeding = rows_of(values.post, entity.input_neurons);
    const RlippScore score = rlipp_score(term, feeding, target, options.rlipp);
    result.scores[e] = score.rlipp;
    result.signed_scores[e] = score.rlipp;
    term_correlation[e] = score.term_correlation;
    input_correlation[e] = score.input_correlation;
  });
  result.extra_columns.emplace_back("term_correlation", std::move(term_correlation));
  result.extra_columns.emplace_back("input_correlation", std::move(input_correlation));
  return result;
}

}  // namespace ontonet::detail
