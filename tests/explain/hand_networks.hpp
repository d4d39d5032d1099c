// Small networks whose weights are set by hand, shared by the explain tests: every value the tests
// expect of them is worked out on paper from the weights written here. Weights and biases are
// dyadic fractions, exact in float32, so the evaluator's double arithmetic on them is exact for
// the ReLU and identity networks.
#pragma once

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "../network/network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/explain/attribution.hpp"
#include "ontonet/explain/entities.hpp"
#include "ontonet/explain/network_evaluator.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model.hpp"

namespace ontonet::test {

// A hand-set model with its double-precision evaluator and its genes and terms, and explain inputs
// over it with every input's baseline at 0.
struct HandNetwork {
  explicit HandNetwork(Model<float> hand_model, const EntityNaming& naming = {})
      : model(std::move(hand_model)),
        network(model),
        entities(network_entities(model.spec(), naming)) {}

  ExplainInputs inputs(const NeuronMatrix& x) const {
    ExplainInputs result;
    result.network = &network;
    result.entities = &entities.entities;
    result.x = x;
    result.baseline = Eigen::VectorXd::Zero(network.n_inputs());
    return result;
  }
  // The ID of the entity a result row (anything with an `entity` index) is about.
  template <typename Row>
  const std::string& id(const Row& row) const {
    return entities.entities[row.entity].id;
  }

  Model<float> model;
  NetworkEvaluator network;
  NetworkEntities entities;
};

// [features, samples] from one initializer list per sample.
inline NeuronMatrix columns(std::initializer_list<std::initializer_list<double>> samples) {
  NeuronMatrix x(static_cast<Index>(samples.begin()->size()), static_cast<Index>(samples.size()));
  Index column = 0;
  for (const auto& sample : samples) {
    Index row = 0;
    for (double value : sample) x(row++, column) = value;
    ++column;
  }
  return x;
}

constexpr LayerSettings kIdentityLayer{Activation::kIdentity, false,
                                       NormOrder::kActivationThenNorm};
constexpr LayerSettings kTanhLayer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
constexpr LayerSettings kReluLayer{Activation::kRelu, false, NormOrder::kActivationThenNorm};

// The epsilon batch norm adds to the running variance (BatchNorm's default, 1e-5f).
constexpr double kNormEpsilon = 1e-5;

inline NeuronBlock input_block(const std::string& id, Index neuron) {
  return {NeuronKind::kInput, id, neuron, 1, 0, kIdentityLayer};
}

inline NeuronBlock hidden_block(NeuronKind kind, const std::string& entity, Index first_neuron,
                                Index n_neurons, Index stage, LayerSettings settings) {
  return {kind, entity, first_neuron, n_neurons, stage, settings};
}

// Level `l`'s weights (CSR order: target neuron, then source neuron) and biases.
inline void set_level(Model<float>& model, std::size_t l, const std::vector<float>& weights,
                      const std::vector<float>& bias) {
  ModelLevel<float>& level = model.levels()[l];
  ONTONET_CHECK(static_cast<Index>(weights.size()) == level.weights.size(), "weights per level");
  ONTONET_CHECK(static_cast<Index>(bias.size()) == level.bias.size(), "biases per level");
  for (std::size_t k = 0; k < weights.size(); ++k)
    level.weights.value[static_cast<Index>(k)] = weights[k];
  for (std::size_t k = 0; k < bias.size(); ++k) level.bias.value[static_cast<Index>(k)] = bias[k];
}

inline void set_batch_norm(Model<float>& model, std::size_t l, const std::vector<float>& gamma,
                           const std::vector<float>& beta, const std::vector<float>& running_mean,
                           const std::vector<float>& running_var) {
  BatchNorm<float>& norm = *model.levels()[l].batch_norm;
  for (std::size_t k = 0; k < gamma.size(); ++k) {
    const auto i = static_cast<Index>(k);
    norm.gamma.value[i] = gamma[k];
    norm.beta.value[i] = beta[k];
    norm.running_mean[i] = running_mean[k];
    norm.running_var[i] = running_var[k];
  }
}

inline Model<float> compile(const NetworkSpec& spec) {
  validate_network_spec(spec);
  return Model<float>(spec, 1);
}

// The tanh net: neurons x1 (0), x2 (1) -> H1 (2), H2 (3), tanh -> output (4), identity.
//   H1 = tanh(0.5 x1 - x2 + 0.25)
//   H2 = tanh(1.5 x1 + 0.5 x2 - 0.5)
//   y  = 2 H1 - H2 + 0.5
inline Model<float> tanh_net() {
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x1", 0), input_block("x2", 1),
                 hidden_block(NeuronKind::kTerm, "H1", 2, 1, 1, kTanhLayer),
                 hidden_block(NeuronKind::kTerm, "H2", 3, 1, 1, kTanhLayer),
                 hidden_block(NeuronKind::kOutput, "output", 4, 1, 2, kIdentityLayer)};
  spec.edges = {{0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 4}};
  Model<float> model = compile(spec);
  set_level(model, 0, {0.5f, -1.0f, 1.5f, 0.5f}, {0.25f, -0.5f});
  set_level(model, 1, {2.0f, -1.0f}, {0.5f});
  return model;
}

// One input x (0) -> term B of two tanh neurons with batch norm (1, 2) -> output (3), identity.
//   pre1 = 0.5 x + 0.25, pre2 = -x + 0.5
//   norm: gamma (2, 0.5), beta (0.25, -0.75), running mean (0.5, -0.25), running var (4, 0.25)
//   y = post1 - 2 post2 + 0.125
inline Model<float> batch_norm_net(NormOrder order) {
  const LayerSettings norm_layer{Activation::kTanh, true, order};
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x", 0), hidden_block(NeuronKind::kTerm, "B", 1, 2, 1, norm_layer),
                 hidden_block(NeuronKind::kOutput, "output", 3, 1, 2, kIdentityLayer)};
  spec.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
  Model<float> model = compile(spec);
  set_level(model, 0, {0.5f, -1.0f}, {0.25f, 0.5f});
  set_batch_norm(model, 0, {2.0f, 0.5f}, {0.25f, -0.75f}, {0.5f, -0.25f}, {4.0f, 0.25f});
  set_level(model, 1, {1.0f, -2.0f}, {0.125f});
  return model;
}

// The saturating ReLU net of the integrated-gradients paper's argument: x1 (0), x2 (1) ->
// H (2) = ReLU(1 - x1 - x2) -> G (3) = ReLU(1 - H) -> y (4) = G. So y = min(1, x1 + x2) on x >= 0,
// flat (zero gradient) at x = (1, 1) although y moved from 0 to 1.
inline Model<float> relu_saturation_net() {
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x1", 0), input_block("x2", 1),
                 hidden_block(NeuronKind::kTerm, "H", 2, 1, 1, kReluLayer),
                 hidden_block(NeuronKind::kTerm, "G", 3, 1, 2, kReluLayer),
                 hidden_block(NeuronKind::kOutput, "output", 4, 1, 3, kIdentityLayer)};
  spec.edges = {{0, 2}, {1, 2}, {2, 3}, {3, 4}};
  Model<float> model = compile(spec);
  set_level(model, 0, {-1.0f, -1.0f}, {1.0f});
  set_level(model, 1, {-1.0f}, {1.0f});
  set_level(model, 2, {1.0f}, {0.0f});
  return model;
}

// A GenNet-shaped net: features s1..s4 (0..3) -> genes gA (4), gB (5), gC (6), ReLU -> term T (7),
// ReLU -> output (8), identity; gB also feeds the output directly (GenNet joins layers of
// different depth), and gC feeds nothing.
//   gA = ReLU(2 s1 - s2 + 0.5)
//   gB = ReLU(0.5 s2 + 3 s3 - 1)
//   gC = ReLU(s4)
//   T  = ReLU(1.5 gA - 2 gB + 1)             [then, with term_norm, batch norm after the ReLU:
//                                             gamma 3, beta 0.5, running mean 1, running var 4]
//   y  = 0.25 gB + 0.5 T + 0.25
inline Model<float> gennet_hand_net(bool term_norm = false) {
  const LayerSettings term_layer{Activation::kRelu, term_norm, NormOrder::kActivationThenNorm};
  NetworkSpec spec;
  spec.style = "gennet";
  spec.blocks = {input_block("s1", 0),
                 input_block("s2", 1),
                 input_block("s3", 2),
                 input_block("s4", 3),
                 hidden_block(NeuronKind::kGene, "gA", 4, 1, 1, kReluLayer),
                 hidden_block(NeuronKind::kGene, "gB", 5, 1, 1, kReluLayer),
                 hidden_block(NeuronKind::kGene, "gC", 6, 1, 1, kReluLayer),
                 hidden_block(NeuronKind::kTerm, "T", 7, 1, 2, term_layer),
                 hidden_block(NeuronKind::kOutput, "output", 8, 1, 3, kIdentityLayer)};
  spec.edges = {{0, 4}, {1, 4}, {1, 5}, {2, 5}, {3, 6}, {4, 7}, {5, 7}, {5, 8}, {7, 8}};
  Model<float> model = compile(spec);
  set_level(model, 0, {2.0f, -1.0f, 0.5f, 3.0f, 1.0f}, {0.5f, -1.0f, 0.0f});
  set_level(model, 1, {1.5f, -2.0f}, {1.0f});
  if (term_norm) set_batch_norm(model, 1, {3.0f}, {0.5f}, {1.0f}, {4.0f});
  set_level(model, 2, {0.25f, 0.5f}, {0.25f});
  return model;
}

// Moves every batch norm of `model` away from its initial state (gamma 1, beta 0, mean 0, var 1)
// so that a test sees the folded scale and shift.
inline void randomize_batch_norm(Model<float>& model, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> centred(-0.5, 0.5);
  std::uniform_real_distribution<double> variance(0.5, 2.0);
  for (ModelLevel<float>& level : model.levels()) {
    if (!level.batch_norm) continue;
    for (Index i = 0; i < level.n_neurons; ++i) {
      level.batch_norm->gamma.value[i] = static_cast<float>(1.0 + centred(random));
      level.batch_norm->beta.value[i] = static_cast<float>(centred(random));
      level.batch_norm->running_mean[i] = static_cast<float>(centred(random));
      level.batch_norm->running_var[i] = static_cast<float>(variance(random));
    }
  }
}

// DrugCell on the hand-made ontology (tanh, batch norm in `order`, auxiliary heads), two neurons
// per term, random weights and batch-norm statistics.
inline Model<float> drugcell_random_net(NormOrder order, std::uint64_t seed) {
  const Ontology ontology = hand_made_ontology();
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 2;
  options.term_layer.norm_order = order;
  Model<float> model(
      build_dcell_spec(ontology, gene_identity_map(ontology.gene_symbols()), options), seed);
  randomize_batch_norm(model, seed + 1);
  return model;
}

// GenNet on the hand-made ontology with two channels per gene: ReLU genes, sigmoid terms.
inline Model<float> gennet_random_net(std::uint64_t seed) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.gene_layer.activation = Activation::kRelu;
  options.term_layer.activation = Activation::kSigmoid;
  return Model<float>(build_gennet_spec(hand_made_ontology(), multi_channel_map(), options), seed);
}

}  // namespace ontonet::test
