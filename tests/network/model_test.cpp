#include <gtest/gtest.h>

#include "network_fixtures.hpp"
#include "reference_evaluator.hpp"
#include "ontonet/autodiff/losses.hpp"
#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/ops_linear.hpp"
#include "ontonet/autodiff/ops_structure.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model.hpp"

namespace ontonet {
namespace {

// Largest |compiled - reference| over every non-input neuron.
double max_difference_to_reference(Model<double>& model, const Matrix<double>& x) {
  Tape<double> tape;
  const ModelOutputs outputs = model.forward(tape, x);
  const Eigen::MatrixXd reference = test::reference_forward(model, x);
  double worst = 0;
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    const ModelLevel<double>& level = model.levels()[l];
    const Matrix<double>& compiled = tape.value(outputs.levels[l]);
    EXPECT_EQ(compiled.rows(), level.n_neurons);
    worst = std::max(worst, (compiled - reference.middleRows(level.first_neuron, level.n_neurons))
                                .cwiseAbs()
                                .maxCoeff());
  }
  return worst;
}

// Moves batch-norm gamma and beta away from 1 and 0 so that they are tested too.
void perturb_batch_norm(Model<double>& model, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(-0.5, 0.5);
  for (ModelLevel<double>& level : model.levels()) {
    if (!level.batch_norm) continue;
    for (Index i = 0; i < level.n_neurons; ++i) {
      level.batch_norm->gamma.value[i] = 1.0 + uniform(random);
      level.batch_norm->beta.value[i] = uniform(random);
    }
  }
}

TEST(Model, DrugCellForwardEqualsTermByTermReference) {
  const Ontology& ontology = test::drugcell_ontology();
  Model<double> model(build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()),
                                       drugcell_preset()),
                      11);
  perturb_batch_norm(model, 12);
  EXPECT_EQ(model.spec().n_inputs(), 3008);
  const Matrix<double> x = test::random_binary<double>(3008, 4, 13);
  EXPECT_LT(max_difference_to_reference(model, x), 1e-6);
}

TEST(Model, GoSliceGenNetForwardEqualsTermByTermReference) {
  const Ontology& ontology = test::go_slice_ontology();
  GenNetOptions options;
  options.neurons_per_term = 2;
  Model<double> model(
      build_gennet_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 21);
  const Matrix<double> x =
      test::random_binary<double>(static_cast<Index>(ontology.n_genes()), 5, 22);
  EXPECT_LT(max_difference_to_reference(model, x), 1e-6);
  // A GenNet model has no batch norm and no auxiliary head.
  for (const ModelLevel<double>& level : model.levels()) EXPECT_EQ(level.batch_norm, nullptr);
}

TEST(Model, PacksEachStageIntoOneSparseLevel) {
  const Ontology& ontology = test::drugcell_ontology();
  const Model<float> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()),
                       drugcell_preset()),
      1);
  std::size_t max_height = 0;
  for (std::size_t h : ontology.heights()) max_height = std::max(max_height, h);
  // One level per term height, then the output, the auxiliary hidden units and the heads.
  EXPECT_EQ(model.levels().size(), max_height + 1 + 3);
  EXPECT_EQ(model.n_parameters(), count_trainable_parameters(model.spec()));
  Index n_weights = 0;
  for (const ModelLevel<float>& level : model.levels()) n_weights += level.pattern.nnz();
  EXPECT_EQ(n_weights, static_cast<Index>(model.spec().edges.size()));
}

// The compiled model against dense layers whose weights are masked by the spec's edges: same
// outputs and, on the masked entries, same weight gradients.
TEST(Model, EqualsDenseModelWithMaskApplied) {
  const Ontology ontology = test::hand_made_ontology();
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 3;
  options.term_layer.norm_order = NormOrder::kNormThenActivation;
  options.extra_branches.push_back({"drug", {"fp0", "fp1"}, {3}, {}});
  Model<double> model(build_dcell_spec(ontology, test::multi_channel_map(), options), 31);
  perturb_batch_norm(model, 32);
  const Matrix<double> x = test::random_normal<double>(model.spec().n_inputs(), 6, 33);

  std::mt19937_64 random(34);
  std::uniform_real_distribution<double> uniform(-1, 1);
  std::vector<Parameter<double>> dense;  // masked dense weights, level by level
  std::vector<std::unique_ptr<BatchNorm<double>>> norms;
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    ModelLevel<double>& level = model.levels()[l];
    Parameter<double> w("dense", level.n_neurons, level.first_neuron,
                        level.n_neurons * level.first_neuron);
    for (Index r = 0; r < level.n_neurons; ++r) {
      for (Index k = level.pattern.row_offsets()[r]; k < level.pattern.row_offsets()[r + 1]; ++k) {
        const Index c = level.pattern.col_indices()[k];
        level.weights.value[k] = w.value[r * level.first_neuron + c] = uniform(random);
      }
    }
    dense.push_back(std::move(w));
    if (level.batch_norm) {
      norms.push_back(std::make_unique<BatchNorm<double>>("bn", level.n_neurons));
      norms.back()->gamma.value = level.batch_norm->gamma.value;
      norms.back()->beta.value = level.batch_norm->beta.value;
    } else {
      norms.push_back(nullptr);
    }
  }

  Tape<double> sparse_tape;
  const ModelOutputs outputs = model.forward(sparse_tape, x);
  Tape<double> dense_tape;
  NodeId buffer = dense_tape.input(x);
  NodeId last;
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    ModelLevel<double>& level = model.levels()[l];
    NodeId z = ops::bias_add(dense_tape, ops::dense_linear(dense_tape, buffer, dense[l]), level.bias);
    const bool norm_first = level.settings.norm_order == NormOrder::kNormThenActivation;
    if (norms[l] && norm_first) z = ops::batch_norm(dense_tape, z, *norms[l]);
    if (level.settings.activation == Activation::kTanh) z = ops::tanh(dense_tape, z);
    if (norms[l] && !norm_first) z = ops::batch_norm(dense_tape, z, *norms[l]);
    EXPECT_LT((dense_tape.value(z) - sparse_tape.value(outputs.levels[l])).cwiseAbs().maxCoeff(),
              1e-12)
        << "level " << l;
    buffer = ops::concat_rows<double>(dense_tape, {buffer, z});
    last = z;
  }

  // Same seed gradient on the last level of both: weight gradients agree on every edge.
  const Matrix<double> seed = test::random_normal<double>(dense_tape.value(last).rows(), 6, 35);
  for (Parameter<double>* p : model.parameters()) p->zero_grad();
  for (Parameter<double>& w : dense) w.zero_grad();
  sparse_tape.backward(outputs.levels.back(), seed);
  dense_tape.backward(last, seed);
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    const ModelLevel<double>& level = model.levels()[l];
    for (Index r = 0; r < level.n_neurons; ++r) {
      for (Index k = level.pattern.row_offsets()[r]; k < level.pattern.row_offsets()[r + 1]; ++k) {
        const Index c = level.pattern.col_indices()[k];
        EXPECT_NEAR(level.weights.grad[k], dense[l].grad[r * level.first_neuron + c], 1e-12);
      }
    }
  }
}

TEST(Model, LossAddsWeightedSumOfAuxiliaryLosses) {
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), drugcell_preset()),
      41);
  const Matrix<double> x = test::random_binary<double>(6, 5, 42);
  const Matrix<double> y = test::random_normal<double>(1, 5, 43);
  Tape<double> tape;
  const ModelOutputs outputs = model.forward(tape, x);
  ASSERT_TRUE(outputs.has_auxiliary);
  const double total = tape.value(model.loss(tape, outputs, y, LossKind::kMse))(0, 0);
  const Matrix<double>& heads = tape.value(outputs.auxiliary);
  ASSERT_EQ(heads.rows(), 6);  // one head per term
  double expected = (tape.value(outputs.output) - y).squaredNorm() / 5;
  for (Index t = 0; t < heads.rows(); ++t) expected += 0.2 * (heads.row(t) - y).squaredNorm() / 5;
  EXPECT_NEAR(total, expected, 1e-12);
}

TEST(Model, WeightBlocksRoundTripIntoAFreshModel) {
  const Ontology ontology = test::hand_made_ontology();
  const NetworkSpec spec =
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), drugcell_preset());
  Model<float> trained(spec, 51);
  trained.levels()[0].batch_norm->running_mean[0] = 0.25f;
  const NamedBlocks blocks = trained.weight_blocks();
  EXPECT_EQ(blocks.front().first, "level0.weights");
  Model<float> loaded = Model<float>::from_blocks(spec, blocks);
  EXPECT_EQ(loaded.weight_blocks(), blocks);

  NamedBlocks truncated = blocks;
  truncated[1].second.pop_back();
  EXPECT_THROW(Model<float>::from_blocks(spec, truncated), ConfigError);
  NamedBlocks extra = blocks;
  extra.push_back({"level99.weights", {1.0f}});
  EXPECT_THROW(Model<float>::from_blocks(spec, extra), ConfigError);
}

TEST(Model, RejectsInputWithWrongFeatureCount) {
  const Ontology ontology = test::hand_made_ontology();
  Model<float> model(build_gennet_spec(ontology, test::multi_channel_map(), GenNetOptions{}), 61);
  Tape<float> tape;
  EXPECT_THROW(model.forward(tape, Matrix<float>::Zero(3, 2)), Error);
}

}  // namespace
}  // namespace ontonet
