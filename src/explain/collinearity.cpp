// Correlation and weight condition numbers of the input features of every gene and term: the
// features and weight blocks are read from the evaluator's incoming weights, the correlations are
// dot products of standardized rows (in a fixed order, not a threaded matrix product), and Eigen's
// solvers give the spectra.
#include "ontonet/explain/collinearity.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <limits>

#include "method_kernels.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A spectrum whose smallest value is at most this fraction of its largest is singular.
constexpr double kSingular = 1e-12;

void check_options(const ExplainInputs& inputs, const CollinearityOptions& options) {
  ONTONET_CHECK(inputs.network != nullptr && inputs.entities != nullptr,
                "collinearity needs a network and its entities");
  ONTONET_CHECK(inputs.x.rows() == inputs.network->n_inputs(), "one input row per network input");
  if (!(options.max_condition > 1)) {
    throw ConfigError("explain.max_condition", "must be > 1");
  }
  if (options.max_features < 2) {
    throw ConfigError("explain.max_collinearity_features",
                      "must be >= 2, got " + std::to_string(options.max_features));
  }
  if (options.threads < 1) throw ConfigError("explain.threads", "must be >= 1");
}

double condition(double largest, double smallest) {
  return smallest <= kSingular * largest ? kInfinity : largest / smallest;
}

// The weights of every non-input neuron, and the non-input neurons each input feeds.
struct WeightIndex {
  explicit WeightIndex(const NetworkEvaluator& network)
      : incoming(static_cast<std::size_t>(network.n_neurons())),
        input_consumers(static_cast<std::size_t>(network.n_inputs())) {
    for (Index neuron = network.n_inputs(); neuron < network.n_neurons(); ++neuron) {
      incoming[static_cast<std::size_t>(neuron)] = network.incoming_weights(neuron);
      for (const auto& [source, weight] : incoming[static_cast<std::size_t>(neuron)]) {
        if (source < network.n_inputs()) {
          input_consumers[static_cast<std::size_t>(source)].push_back(neuron);
        }
      }
    }
  }

  std::vector<std::vector<std::pair<Index, double>>> incoming;
  std::vector<std::vector<Index>> input_consumers;
};

void sort_unique(std::vector<Index>& neurons) {
  std::sort(neurons.begin(), neurons.end());
  neurons.erase(std::unique(neurons.begin(), neurons.end()), neurons.end());
}

// The entity's input features and the neurons its weight block runs into.
void features_and_targets(const Entity& entity, Index n_inputs, const WeightIndex& weights,
                          std::vector<Index>& features, std::vector<Index>& targets) {
  const bool own_neurons = std::any_of(entity.neurons.begin(), entity.neurons.end(),
                                       [&](Index neuron) { return neuron >= n_inputs; });
  if (own_neurons) {
    for (Index neuron : entity.neurons) {
      if (neuron < n_inputs) continue;
      targets.push_back(neuron);
      for (const auto& [source, weight] : weights.incoming[static_cast<std::size_t>(neuron)]) {
        if (source < n_inputs) features.push_back(source);
      }
    }
  } else {
    features = entity.neurons;
    for (Index feature : features) {
      const std::vector<Index>& consumers =
          weights.input_consumers[static_cast<std::size_t>(feature)];
      targets.insert(targets.end(), consumers.begin(), consumers.end());
    }
  }
  sort_unique(features);
  sort_unique(targets);
}

// The weight block [targets x features].
Eigen::MatrixXd weight_block(const std::vector<Index>& features, const std::vector<Index>& targets,
                             const WeightIndex& weights) {
  Eigen::MatrixXd block = Eigen::MatrixXd::Zero(static_cast<Index>(targets.size()),
                                                static_cast<Index>(features.size()));
  for (std::size_t t = 0; t < targets.size(); ++t) {
    for (const auto& [source, weight] : weights.incoming[static_cast<std::size_t>(targets[t])]) {
      const auto found = std::lower_bound(features.begin(), features.end(), source);
      if (found == features.end() || *found != source) continue;
      block(static_cast<Index>(t), static_cast<Index>(found - features.begin())) += weight;
    }
  }
  return block;
}

// Fills the correlation columns of `result` from the features' rows of x ([n_inputs, samples]),
// unless more than max_features of them vary.
void correlation_spectrum(const NeuronMatrix& x, Index max_features, EntityCollinearity& result) {
  // standardized: [varying features, samples], each row centred and of unit length, so that the
  // dot product of two rows is their Pearson correlation.
  NeuronMatrix standardized(static_cast<Index>(result.features.size()), x.cols());
  Index varying = 0;
  for (Index feature : result.features) {
    const auto row = x.row(feature);
    if (x.cols() == 0 || (row.array() == row[0]).all()) {
      ++result.constant_features;
      continue;
    }
    const Eigen::RowVectorXd centred = row.array() - row.mean();
    standardized.row(varying++) = centred / centred.norm();
  }
  result.correlation_condition = kNaN;
  result.max_abs_correlation = kNaN;
  if (varying < 2) return;
  if (varying > max_features) {
    result.too_many_features = true;
    return;
  }
  Eigen::MatrixXd correlation = Eigen::MatrixXd::Identity(varying, varying);
  double max_abs = 0;
  for (Index a = 0; a < varying; ++a) {
    for (Index b = a + 1; b < varying; ++b) {
      const double r = std::clamp(standardized.row(a).dot(standardized.row(b)), -1.0, 1.0);
      correlation(a, b) = r;
      correlation(b, a) = r;
      max_abs = std::max(max_abs, std::abs(r));
    }
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(correlation, Eigen::EigenvaluesOnly);
  ONTONET_CHECK(eigen.info() == Eigen::Success, "eigenvalues of a correlation matrix");
  const Eigen::VectorXd& lambda = eigen.eigenvalues();  // ascending
  result.correlation_condition = condition(lambda[varying - 1], lambda[0]);
  result.max_abs_correlation = max_abs;
}

double weight_condition(const Eigen::MatrixXd& block, Index max_features) {
  if (block.size() == 0 || std::min(block.rows(), block.cols()) > max_features) return kNaN;
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(block);
  const Eigen::VectorXd& sigma = svd.singularValues();  // descending, min(rows, cols) of them
  return condition(sigma[0], sigma[sigma.size() - 1]);
}

}  // namespace

Collinearity collinearity(const ExplainInputs& inputs, const CollinearityOptions& options) {
  check_options(inputs, options);
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  const WeightIndex weights(network);

  Collinearity result;
  result.max_condition = options.max_condition;
  result.max_features = options.max_features;
  std::vector<std::vector<Index>> targets;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind == EntityKind::kFeature) continue;
    EntityCollinearity entity;
    entity.entity = e;
    std::vector<Index> entity_targets;
    features_and_targets(entities[e], network.n_inputs(), weights, entity.features, entity_targets);
    if (entity.features.size() < 2) continue;
    result.entities.push_back(std::move(entity));
    targets.push_back(std::move(entity_targets));
  }
  detail::parallel_for(static_cast<Index>(result.entities.size()), options.threads, [&](Index i) {
    EntityCollinearity& entity = result.entities[static_cast<std::size_t>(i)];
    correlation_spectrum(inputs.x, options.max_features, entity);
    entity.weight_condition = weight_condition(
        weight_block(entity.features, targets[static_cast<std::size_t>(i)], weights),
        options.max_features);
    entity.warning = entity.correlation_condition > options.max_condition;
  });
  for (const EntityCollinearity& entity : result.entities) {
    result.warnings += entity.warning;
    result.too_many_features += entity.too_many_features;
  }
  return result;
}

}  // namespace ontonet
