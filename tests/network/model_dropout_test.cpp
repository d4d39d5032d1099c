// Dropout as a layer setting: where the compiled model applies it (term and gene blocks, last op
// of their level, training mode only), what the masks depend on, and what the spec accepts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model.hpp"

namespace ontonet {
namespace {

NetworkSpec hand_made_dcell_spec(double dropout, bool batch_norm) {
  const Ontology ontology = test::hand_made_ontology();
  DCellOptions options = drugcell_preset();
  options.term_layer.batch_norm = batch_norm;
  options.term_layer.dropout = dropout;
  return build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options);
}

bool is_dropout(const Tape<float>& tape, NodeId node) {
  return std::strcmp(tape.node(node).op, "dropout") == 0;
}

TEST(ModelDropout, TrainingZeroesAboutHalfOfEveryTermLevelAndDoublesTheRest) {
  Model<float> model(hand_made_dcell_spec(0.5, false), 3);
  ASSERT_TRUE(model.has_dropout());
  Tape<float> tape;
  const ModelOutputs outputs =
      model.forward(tape, test::random_binary<float>(model.spec().n_inputs(), 200, 4), 77);

  Index term_levels = 0;
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    const ModelLevel<float>& level = model.levels()[l];
    const NeuronKind kind = model.spec().blocks[static_cast<std::size_t>(level.first_block)].kind;
    const NodeId node = outputs.levels[l];
    if (kind != NeuronKind::kTerm) {
      // The output and the auxiliary heads keep every neuron.
      EXPECT_EQ(level.settings.dropout, 0.0) << "level " << l;
      EXPECT_FALSE(is_dropout(tape, node)) << "level " << l;
      continue;
    }
    ++term_levels;
    // The level's last op is the dropout; its input is the activation (tanh, no batch norm),
    // applied inside the level's sparse product.
    ASSERT_TRUE(is_dropout(tape, node)) << "level " << l;
    const NodeId activation = tape.node(node).inputs[0];
    EXPECT_EQ(std::strcmp(tape.node(activation).op, "sparse_linear"), 0);
    EXPECT_LE(tape.value(activation).cwiseAbs().maxCoeff(), 1.0f);
    const Matrix<float>& before = tape.value(activation);
    const Matrix<float>& after = tape.value(node);
    Index zeroed = 0;
    for (Index i = 0; i < after.size(); ++i) {
      const float kept = after.data()[i];
      if (kept == 0.0f) {
        ++zeroed;
      } else {
        EXPECT_EQ(kept, 2.0f * before.data()[i]) << "level " << l << " element " << i;
      }
    }
    EXPECT_NEAR(static_cast<double>(zeroed) / static_cast<double>(after.size()), 0.5, 0.06)
        << "level " << l;
  }
  EXPECT_EQ(term_levels, 3);  // heights 0, 1 and 2
}

TEST(ModelDropout, InferenceIsTheModelWithoutDropout) {
  Model<float> with_dropout(hand_made_dcell_spec(0.5, true), 5);
  Model<float> without =
      Model<float>::from_blocks(hand_made_dcell_spec(0.0, true), with_dropout.weight_blocks());
  const Matrix<float> x = test::random_binary<float>(with_dropout.spec().n_inputs(), 16, 6);
  Tape<float> tape_with;
  Tape<float> tape_without;
  tape_with.set_training(false);
  tape_without.set_training(false);
  const ModelOutputs a = with_dropout.forward(tape_with, x);  // no seed needed at inference
  const ModelOutputs b = without.forward(tape_without, x);
  ASSERT_EQ(a.levels.size(), b.levels.size());
  for (std::size_t l = 0; l < a.levels.size(); ++l) {
    EXPECT_FALSE(is_dropout(tape_with, a.levels[l]));
    EXPECT_EQ(tape_with.value(a.levels[l]), tape_without.value(b.levels[l])) << "level " << l;
  }
}

TEST(ModelDropout, MasksDependOnTheSeedAlone) {
  Model<float> model(hand_made_dcell_spec(0.3, true), 8);
  const Matrix<float> x = test::random_binary<float>(model.spec().n_inputs(), 32, 9);
  const auto output = [&](std::uint64_t seed) {
    Tape<float> tape;
    return Matrix<float>(tape.value(model.forward(tape, x, seed).output));
  };
  const Matrix<float> first = output(21);
  EXPECT_EQ(output(21), first);
  EXPECT_NE(output(22), first);
}

TEST(ModelDropout, TrainingADropoutModelWithoutASeedIsABug) {
  Model<float> model(hand_made_dcell_spec(0.2, false), 1);
  Tape<float> tape;
  EXPECT_THROW(model.forward(tape, test::random_binary<float>(model.spec().n_inputs(), 4, 2)),
               InternalError);
  // Without dropout no seed is needed.
  Model<float> plain(hand_made_dcell_spec(0.0, false), 1);
  EXPECT_FALSE(plain.has_dropout());
  Tape<float> plain_tape;
  EXPECT_NO_THROW(
      plain.forward(plain_tape, test::random_binary<float>(plain.spec().n_inputs(), 4, 2)));
}

TEST(ModelDropout, GenNetGeneAndTermLayersDropButNotTheOutput) {
  const Ontology ontology = test::hand_made_ontology();
  GenNetOptions options;
  options.gene_layer.dropout = 0.25;
  options.term_layer.dropout = 0.25;
  Model<float> model(
      build_gennet_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 2);
  Tape<float> tape;
  const ModelOutputs outputs =
      model.forward(tape, test::random_binary<float>(model.spec().n_inputs(), 8, 3), 4);
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    const NeuronKind kind =
        model.spec().blocks[static_cast<std::size_t>(model.levels()[l].first_block)].kind;
    EXPECT_EQ(is_dropout(tape, outputs.levels[l]), kind != NeuronKind::kOutput) << "level " << l;
  }
}

TEST(ModelDropout, BlocksOfAnotherRateFormTheirOwnLevel) {
  // Two term blocks of one stage with different rates cannot share one dropout op.
  NetworkSpec spec = hand_made_dcell_spec(0.0, false);
  Index first_term = -1;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    if (spec.blocks[b].kind == NeuronKind::kTerm && first_term < 0) {
      first_term = static_cast<Index>(b);
    }
  }
  ASSERT_GE(first_term, 0);
  const Model<float> plain(spec, 1);
  // The last block of the lowest term stage takes a rate; the blocks stay sorted.
  std::size_t last_of_stage = static_cast<std::size_t>(first_term);
  while (spec.blocks[last_of_stage + 1].stage == spec.blocks[last_of_stage].stage) ++last_of_stage;
  ASSERT_GT(last_of_stage, static_cast<std::size_t>(first_term));
  spec.blocks[last_of_stage].settings.dropout = 0.5;
  validate_network_spec(spec);
  const Model<float> split(spec, 1);
  EXPECT_EQ(split.levels().size(), plain.levels().size() + 1);
}

TEST(ModelDropout, SpecRejectsRatesOutsideZeroToOneAndOnOutputs) {
  const auto rejects = [](NetworkSpec spec, std::size_t block, double rate) {
    spec.blocks[block].settings.dropout = rate;
    try {
      validate_network_spec(spec);
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), "network_spec.blocks[" + std::to_string(block) + "].dropout");
      return true;
    }
    return false;
  };
  const NetworkSpec spec = hand_made_dcell_spec(0.0, true);
  std::size_t term = 0;
  std::size_t output = 0;
  std::size_t head = 0;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    if (spec.blocks[b].kind == NeuronKind::kTerm) term = b;
    if (spec.blocks[b].kind == NeuronKind::kOutput) output = b;
    if (spec.blocks[b].kind == NeuronKind::kAuxiliaryOutput) head = b;
  }
  // The last term block of the top stage: a higher rate keeps the blocks sorted.
  EXPECT_TRUE(rejects(spec, term, 1.0));
  EXPECT_TRUE(rejects(spec, term, -0.1));
  EXPECT_TRUE(rejects(spec, term, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(rejects(spec, term, 0.9));
  EXPECT_TRUE(rejects(spec, output, 0.1));
  EXPECT_TRUE(rejects(spec, head, 0.1));
  EXPECT_TRUE(rejects(spec, 0, 0.1));  // an input

  DCellOptions options = drugcell_preset();
  options.term_layer.dropout = 1.0;
  const Ontology ontology = test::hand_made_ontology();
  try {
    build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "dcell.term_layer.dropout");
  }
}

}  // namespace
}  // namespace ontonet
