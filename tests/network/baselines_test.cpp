#include "ontonet/network/baselines.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <set>

#include "network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model.hpp"

namespace ontonet {
namespace {

NetworkSpec drugcell_spec() {
  const Ontology& ontology = test::drugcell_ontology();
  return build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()),
                          drugcell_preset());
}

std::vector<Index> in_degrees(const NetworkSpec& spec) {
  std::vector<Index> degrees(static_cast<std::size_t>(spec.n_neurons()), 0);
  for (const NeuronEdge& edge : spec.edges) ++degrees[static_cast<std::size_t>(edge.to)];
  return degrees;
}

std::vector<std::string> feature_names(Index n) {
  std::vector<std::string> ids;
  for (Index i = 0; i < n; ++i) ids.push_back("f" + std::to_string(i));
  return ids;
}

Index compiled_parameters(const DenseMlpShape& shape) {
  const NetworkSpec spec = dense_mlp_spec(shape, feature_names(shape.n_inputs));
  EXPECT_NO_THROW(validate_network_spec(spec));
  EXPECT_EQ(count_trainable_parameters(spec), count_trainable_parameters(shape));
  return Model<float>(spec, 1).n_parameters();
}

TEST(DenseBaseline, SameWidthMlpHasOneHiddenLayerPerTrunkStage) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.neurons_per_term = 3;
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  const DenseMlpShape shape = same_width_mlp(spec, {});
  // Stage 1: 6 genes x 2; stage 2: C, D, E x 3; stage 3: A, B x 3; stage 4: R x 3.
  EXPECT_EQ(shape.hidden_widths, (std::vector<Index>{12, 9, 6, 3}));
  EXPECT_EQ(shape.n_inputs, 14);
  EXPECT_EQ(shape.n_outputs, 1);
  EXPECT_EQ(compiled_parameters(shape), count_trainable_parameters(shape));
  EXPECT_EQ(count_trainable_parameters(shape),
            14 * 12 + 12 + 12 * 9 + 9 + 9 * 6 + 6 + 6 * 3 + 3 + 3 + 1);
}

TEST(DenseBaseline, EqualParameterMlpIsWithinOnePercentOfDrugCell) {
  const NetworkSpec spec = drugcell_spec();
  const LayerSettings hidden{Activation::kTanh, true, NormOrder::kActivationThenNorm};
  const DenseMlpShape shape = equal_parameter_mlp(spec, hidden);
  const Index constrained = count_trainable_parameters(spec);
  const Index dense = count_trainable_parameters(shape);
  RecordProperty("constrained_parameters", std::to_string(constrained));
  RecordProperty("dense_parameters", std::to_string(dense));
  EXPECT_EQ(shape.hidden_widths.size(), same_width_mlp(spec, hidden).hidden_widths.size());
  EXPECT_LT(std::abs(static_cast<double>(dense - constrained)) / static_cast<double>(constrained),
            0.01);
  EXPECT_EQ(compiled_parameters(shape), dense);
}

TEST(DenseMlpSpec, HasInputsOneBlockPerHiddenLayerAndAnIdentityOutput) {
  const LayerSettings relu{Activation::kRelu, true, NormOrder::kNormThenActivation};
  const DenseMlpShape shape{3, {4, 2}, 2, relu};
  const NetworkSpec spec = dense_mlp_spec(shape, {"a", "b", "c"});
  ASSERT_NO_THROW(validate_network_spec(spec));
  EXPECT_EQ(spec.style, "dense");
  ASSERT_EQ(spec.blocks.size(), 6u);
  for (std::size_t b = 0; b < 3; ++b) {
    EXPECT_EQ(spec.blocks[b].kind, NeuronKind::kInput);
    EXPECT_EQ(spec.blocks[b].entity, std::string(1, static_cast<char>('a' + b)));
  }
  EXPECT_EQ(spec.blocks[3].kind, NeuronKind::kExtraBranch);
  EXPECT_EQ(spec.blocks[3].entity, "dense/1");
  EXPECT_EQ(spec.blocks[3].stage, 1);
  EXPECT_EQ(spec.blocks[3].n_neurons, 4);
  EXPECT_EQ(spec.blocks[3].settings, relu);
  EXPECT_EQ(spec.blocks[4].entity, "dense/2");
  EXPECT_EQ(spec.blocks[4].stage, 2);
  EXPECT_EQ(spec.blocks[5].kind, NeuronKind::kOutput);
  EXPECT_EQ(spec.blocks[5].entity, "output");
  EXPECT_EQ(spec.blocks[5].stage, 3);
  EXPECT_EQ(spec.blocks[5].settings.activation, Activation::kIdentity);
  EXPECT_FALSE(spec.blocks[5].settings.batch_norm);
  EXPECT_EQ(spec.n_inputs(), 3);
  EXPECT_EQ(spec.n_outputs(), 2);
  // Neurons: inputs 0-2, layer 1 3-6, layer 2 7-8, output 9-10; all-to-all between layers.
  EXPECT_EQ(spec.edges.size(), 3u * 4u + 4u * 2u + 2u * 2u);
  EXPECT_EQ(spec.edges.front(), (NeuronEdge{0, 3}));
  EXPECT_EQ(spec.edges.back(), (NeuronEdge{8, 10}));
  EXPECT_EQ(count_trainable_parameters(spec), count_trainable_parameters(shape));

  const Model<float> model(spec, 5);
  ASSERT_EQ(model.levels().size(), 3u);
  EXPECT_EQ(model.n_parameters(), count_trainable_parameters(shape));
}

TEST(DenseMlpSpec, WithoutHiddenLayersIsALinearModel) {
  const NetworkSpec spec = dense_mlp_spec({2, {}, 1, {}}, {"x", "y"});
  ASSERT_NO_THROW(validate_network_spec(spec));
  ASSERT_EQ(spec.blocks.size(), 3u);
  EXPECT_EQ(spec.blocks[2].stage, 1);
  EXPECT_EQ(spec.edges, (std::vector<NeuronEdge>{{0, 2}, {1, 2}}));
  EXPECT_EQ(Model<float>(spec, 1).n_parameters(), 3);
}

TEST(DenseMlpSpec, ModelForwardEqualsAHandComputedMlpWithTheSameWeights) {
  const LayerSettings hidden{Activation::kTanh, true, NormOrder::kActivationThenNorm};
  const DenseMlpShape shape{5, {4, 3}, 2, hidden};
  Model<double> model(dense_mlp_spec(shape, feature_names(5)), 3);
  ASSERT_EQ(model.levels().size(), 3u);
  // Our own weights, biases and batch-norm parameters, written into the compiled levels.
  std::vector<Eigen::MatrixXd> weights;
  std::vector<Eigen::VectorXd> biases;
  std::vector<Eigen::VectorXd> gammas;
  std::vector<Eigen::VectorXd> betas;
  Index n_in = 5;
  for (std::size_t l = 0; l < 3; ++l) {
    ModelLevel<double>& level = model.levels()[l];
    const auto seed = static_cast<std::uint64_t>(100 + 10 * l);
    // All-to-all: the CSR order of the level's weights is row-major [n_out, n_in].
    const Matrix<double> w = test::random_normal<double>(level.n_neurons, n_in, seed);
    ASSERT_EQ(level.weights.size(), w.size());
    level.weights.value = Eigen::Map<const Vector<double>>(w.data(), w.size());
    weights.emplace_back(w);
    biases.emplace_back(test::random_normal<double>(level.n_neurons, 1, seed + 1));
    level.bias.value = biases.back();
    if (level.batch_norm) {
      gammas.emplace_back(
          (test::random_normal<double>(level.n_neurons, 1, seed + 2).array() * 0.3 + 1.0).matrix());
      betas.emplace_back(test::random_normal<double>(level.n_neurons, 1, seed + 3));
      level.batch_norm->gamma.value = gammas.back();
      level.batch_norm->beta.value = betas.back();
    }
    n_in = level.n_neurons;
  }
  ASSERT_EQ(gammas.size(), 2u);  // the hidden layers only
  const Matrix<double> x = test::random_normal<double>(5, 6, 4);

  // x: [5, 6]; per hidden layer h = batch_norm(tanh(W h + b)) over the batch (training mode,
  // biased variance, epsilon 1e-5); output W h + b.
  Eigen::MatrixXd h = x;
  for (std::size_t l = 0; l < 2; ++l) {
    Eigen::MatrixXd z = ((weights[l] * h).colwise() + biases[l]).array().tanh().matrix();
    const Eigen::VectorXd mean = z.rowwise().mean();
    z.colwise() -= mean;
    const Eigen::VectorXd variance = z.array().square().rowwise().mean();
    for (Index r = 0; r < z.rows(); ++r) {
      z.row(r) = z.row(r) / std::sqrt(variance[r] + 1e-5) * gammas[l][r];
      z.row(r).array() += betas[l][r];
    }
    h = z;
  }
  const Eigen::MatrixXd expected = (weights[2] * h).colwise() + biases[2];

  Tape<double> tape;
  const ModelOutputs outputs = model.forward(tape, x);
  const Matrix<double>& y = tape.value(outputs.output);
  ASSERT_EQ(y.rows(), 2);
  ASSERT_EQ(y.cols(), 6);
  EXPECT_LT((Eigen::MatrixXd(y) - expected).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_FALSE(outputs.has_auxiliary);
}

TEST(DenseMlpSpec, ModelGradientsMatchFiniteDifferences) {
  const DenseMlpShape shape{
      3, {4, 3}, 2, {Activation::kTanh, true, NormOrder::kNormThenActivation}};
  Model<double> model(dense_mlp_spec(shape, feature_names(3)), 7);
  const Matrix<double> x = test::random_normal<double>(3, 5, 8);
  const Matrix<double> y = test::random_normal<double>(2, 5, 9);
  Tape<double> tape;
  const auto loss_value = [&] {
    tape.reset();
    return tape.value(model.loss(tape, model.forward(tape, x), y, LossKind::kMse))(0, 0);
  };
  for (Parameter<double>* p : model.parameters()) p->zero_grad();
  tape.reset();
  tape.backward(model.loss(tape, model.forward(tape, x), y, LossKind::kMse));
  int checked = 0;
  for (Parameter<double>* p : model.parameters()) {
    const Vector<double> analytic = p->grad;
    for (Index k = 0; k < p->size(); ++k) {
      const double saved = p->value[k];
      p->value[k] = saved + 1e-6;
      const double up = loss_value();
      p->value[k] = saved - 1e-6;
      const double down = loss_value();
      p->value[k] = saved;
      const double numeric = (up - down) / 2e-6;
      // Relative above 1e-3, absolute below (a bias in front of batch norm has derivative 0).
      EXPECT_LT(std::abs(analytic[k] - numeric) /
                    std::max({std::abs(analytic[k]), std::abs(numeric), 1e-3}),
                1e-6)
          << p->name << "[" << k << "]";
      ++checked;
    }
  }
  EXPECT_EQ(checked, count_trainable_parameters(shape));
}

TEST(DenseMlpSpec, RejectsFeatureIdsThatDoNotMatchTheShape) {
  try {
    dense_mlp_spec({3, {2}, 1, {}}, {"a", "b"});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "dense_mlp.feature_ids");
    EXPECT_NE(std::string(error.what()).find("2 IDs for 3 inputs"), std::string::npos);
  }
  try {
    dense_mlp_spec({2, {2}, 1, {}}, {"a", "a"});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("'a' appears twice"), std::string::npos);
  }
  try {
    dense_mlp_spec({2, {2, 0}, 1, {}}, {"a", "b"});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "dense_mlp.hidden_widths[1]");
  }
}

// The hidden layers of a dense architecture built from `spec`, which must all share one setting.
LayerSettings hidden_settings_of(const NetworkSpec& spec, const std::string& architecture) {
  const NetworkSpec dense =
      architecture_spec(spec, architecture, feature_names(spec.n_inputs()), 1);
  std::vector<LayerSettings> hidden;
  for (const NeuronBlock& block : dense.blocks) {
    if (block.kind == NeuronKind::kExtraBranch) hidden.push_back(block.settings);
    if (block.kind == NeuronKind::kOutput) {
      EXPECT_EQ(block.settings.dropout, 0.0);
    }
  }
  EXPECT_FALSE(hidden.empty());
  for (const LayerSettings& settings : hidden) EXPECT_EQ(settings, hidden.front());
  return hidden.empty() ? LayerSettings{} : hidden.front();
}

TEST(ArchitectureSpec, DenseBaselinesTakeTheTermLayersActivationAndDropoutButNoBatchNorm) {
  const Ontology ontology = test::hand_made_ontology();
  DCellOptions options = drugcell_preset();
  const LayerSettings relu_norm{Activation::kRelu, true, NormOrder::kNormThenActivation, 0.2};
  const LayerSettings relu{Activation::kRelu, false, NormOrder::kActivationThenNorm, 0.2};
  options.term_layer = relu_norm;
  const NetworkSpec spec =
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options);
  EXPECT_EQ(term_layer_settings(spec), relu_norm);
  EXPECT_EQ(dense_hidden_settings(spec), relu);
  EXPECT_EQ(hidden_settings_of(spec, "dense"), relu);
  EXPECT_EQ(hidden_settings_of(spec, "dense_equal_params"), relu);

  // DrugCell's defaults keep the plain tanh MLP, sized without batch norm.
  const NetworkSpec drugcell = build_dcell_spec(
      ontology, test::gene_identity_map(ontology.gene_symbols()), drugcell_preset());
  const LayerSettings tanh{Activation::kTanh, false, NormOrder::kActivationThenNorm};
  EXPECT_EQ(hidden_settings_of(drugcell, "dense"), tanh);
  const NetworkSpec equal =
      architecture_spec(drugcell, "dense_equal_params", feature_names(drugcell.n_inputs()), 1);
  EXPECT_EQ(count_trainable_parameters(equal),
            count_trainable_parameters(equal_parameter_mlp(drugcell, tanh)));
}

TEST(ArchitectureSpec, GenNetWithoutTermsLendsItsGeneLayerAndShuffledKeepsEverySetting) {
  GenNetOptions options;
  options.gene_layer = {Activation::kSigmoid, false, NormOrder::kActivationThenNorm, 0.1};
  const Ontology no_terms;
  const NetworkSpec genes_only = build_gennet_spec(no_terms, test::multi_channel_map(), options);
  EXPECT_EQ(term_layer_settings(genes_only), options.gene_layer);
  EXPECT_EQ(hidden_settings_of(genes_only, "dense"), options.gene_layer);

  options.term_layer = {Activation::kRelu, true, NormOrder::kNormThenActivation, 0.3};
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  EXPECT_EQ(term_layer_settings(spec), options.term_layer);
  const NetworkSpec shuffled =
      architecture_spec(spec, "shuffled", feature_names(spec.n_inputs()), 3);
  ASSERT_EQ(shuffled.blocks.size(), spec.blocks.size());
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    EXPECT_EQ(shuffled.blocks[b].settings, spec.blocks[b].settings);
  }
}

TEST(ShuffledWiring, KeepsEveryInDegreeAndRedrawsSources) {
  const NetworkSpec spec = drugcell_spec();
  const NetworkSpec shuffled = shuffled_wiring(spec, 7);
  EXPECT_NO_THROW(validate_network_spec(shuffled));  // sorted, distinct, climbing stages
  EXPECT_EQ(in_degrees(shuffled), in_degrees(spec));
  ASSERT_EQ(shuffled.edges.size(), spec.edges.size());
  std::size_t changed = 0;
  std::size_t changed_outside_terms = 0;
  for (std::size_t e = 0; e < spec.edges.size(); ++e) {
    if (spec.edges[e] == shuffled.edges[e]) continue;
    ++changed;
    if (spec.block_of_neuron(spec.edges[e].to).kind != NeuronKind::kTerm) ++changed_outside_terms;
  }
  EXPECT_GT(static_cast<double>(changed), 0.5 * static_cast<double>(spec.edges.size()));
  EXPECT_EQ(changed_outside_terms, 0u);  // output and auxiliary heads keep their wiring
  EXPECT_EQ(shuffled_wiring(spec, 7).edges, shuffled.edges);
  EXPECT_NE(shuffled_wiring(spec, 8).edges, shuffled.edges);
}

TEST(ShuffledWiring, DrawsOnlyFromLowerStagesAndTheKindsTheLevelUsed) {
  GenNetOptions options;
  options.extra_branches.push_back({"cov", {"age", "sex"}, {2}, {}});
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const NetworkSpec shuffled = shuffled_wiring(spec, seed);
    EXPECT_EQ(in_degrees(shuffled), in_degrees(spec));
    for (const NeuronEdge& edge : shuffled.edges) {
      const NeuronBlock& to = shuffled.block_of_neuron(edge.to);
      const NeuronBlock& from = shuffled.block_of_neuron(edge.from);
      if (to.kind == NeuronKind::kGene) {
        // Genetic inputs only: neither the covariates nor the SNP outside every gene.
        EXPECT_EQ(from.kind, NeuronKind::kInput);
        EXPECT_TRUE(from.entity != "age" && from.entity != "sex" && from.entity != "snp_elsewhere");
      }
      if (to.kind == NeuronKind::kTerm) {
        EXPECT_TRUE(from.kind == NeuronKind::kGene || from.kind == NeuronKind::kTerm);
        EXPECT_LT(from.stage, to.stage);
        if (to.stage == 2) {
          EXPECT_EQ(from.kind, NeuronKind::kGene);  // height-0 terms
        }
      }
    }
  }
}

}  // namespace
}  // namespace ontonet
