// Gradient flow on hand-set networks: a chain of ReLU levels with weights 0.1 whose gradient
// shrinks by that factor per level, and the saturating ReLU net whose input gradient vanishes where
// its output has moved. Then thread-count independence and the option errors.
#include "ontonet/explain/gradient_flow.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "hand_networks.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::columns;
using test::hidden_block;
using test::input_block;
using test::kIdentityLayer;
using test::kReluLayer;

using Hand = test::HandNetwork;

// x1 (0), x2 (1) -> A (2) = ReLU(w x1 + w x2) -> B (3) = ReLU(w A) -> C (4) = ReLU(w B) -> y (5) =
// w C, every weight w = 0.1f, no biases.
Model<float> chain_net() {
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x1", 0),
                 input_block("x2", 1),
                 hidden_block(NeuronKind::kTerm, "A", 2, 1, 1, kReluLayer),
                 hidden_block(NeuronKind::kTerm, "B", 3, 1, 2, kReluLayer),
                 hidden_block(NeuronKind::kTerm, "C", 4, 1, 3, kReluLayer),
                 hidden_block(NeuronKind::kOutput, "output", 5, 1, 4, kIdentityLayer)};
  spec.edges = {{0, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 5}};
  Model<float> model = test::compile(spec);
  test::set_level(model, 0, {0.1f, 0.1f}, {0.0f});
  test::set_level(model, 1, {0.1f}, {0.0f});
  test::set_level(model, 2, {0.1f}, {0.0f});
  test::set_level(model, 3, {0.1f}, {0.0f});
  return model;
}

// On positive inputs every ReLU is open, so d y / d post is w at C, w^2 at B, w^3 at A and w^4 at
// each input, on every sample: the norm shrinks by w per level, and sqrt(2) w^4 at the two inputs.
// The output level's norm (1) is the largest; the inputs' 1.4e-4 of it trips the warning.
TEST(GradientFlow, ChainOfSmallWeightsShrinksTheGradientByTheWeightPerLevel) {
  const Hand hand(chain_net());
  const GradientFlow flow =
      gradient_flow(hand.inputs(columns({{1, 2}, {3, 1}})), GradientFlowOptions{});
  const double w = 0.1f;
  // The backward pass multiplies from the output down: w, then w (w), then w (w w), ...
  const double w2 = w * w;
  const double w3 = w * w2;
  const double w4 = w * w3;
  ASSERT_EQ(flow.levels.size(), 5u);
  const double expected[] = {std::sqrt(w4 * w4 + w4 * w4), w3, w2, w, 1.0};
  const Index neurons[] = {2, 1, 1, 1, 1};
  for (std::size_t l = 0; l < 5; ++l) {
    EXPECT_EQ(flow.levels[l].level, static_cast<Index>(l));
    EXPECT_EQ(flow.levels[l].neurons, neurons[l]) << l;
    EXPECT_DOUBLE_EQ(flow.levels[l].mean_gradient_norm, expected[l]) << l;
    EXPECT_DOUBLE_EQ(flow.levels[l].relative_to_max, expected[l]) << l;
    EXPECT_EQ(flow.levels[l].zero_fraction, 0.0) << l;
  }
  for (std::size_t l = 1; l + 1 < 5; ++l) {
    EXPECT_NEAR(flow.levels[l].mean_gradient_norm / flow.levels[l + 1].mean_gradient_norm, 0.1,
                1e-8);
  }
  EXPECT_EQ(flow.samples, 2);
  EXPECT_EQ(flow.saliency_blind_samples, 0);
  EXPECT_NE(flow.warning.find("input gradients vanish"), std::string::npos) << flow.warning;
  EXPECT_NE(flow.warning.find("0.000141"), std::string::npos) << flow.warning;
  EXPECT_EQ(flow.warning.find("exactly 0"), std::string::npos) << flow.warning;
}

// relu_saturation_net: H = ReLU(1 - x1 - x2), G = ReLU(1 - H), y = G; baseline 0 gives y = 0.
//   (1, 1):       pre_H = -1, H closed: d y / d G = 1, d y / d H = -1, inputs 0;  y = 1 moved:
//   blind (0.25, 0.25): H = 0.5, G = 0.5 open: G 1, H -1, inputs (1, 1), norm sqrt 2;   y = 0.5 (0,
//   0):       H = 1, pre_G = 0 (kink, slope 0): G 1, H 0, inputs 0;            y = 0 = f(0)
// Inputs: mean norm sqrt(2) / 3, 4 of 6 entries 0. H: (1 + 1 + 0) / 3, 1 of 3 zero. G and y: 1.
// One blind sample of three; more than half the input entries are 0: warning, but no vanishing
// (sqrt(2) / 3 = 0.47 of the largest norm).
TEST(GradientFlow, SaturatedReluHidesTheInputsAndCountsTheSaliencyBlindSample) {
  const Hand hand(test::relu_saturation_net());
  const GradientFlow flow =
      gradient_flow(hand.inputs(columns({{1, 1}, {0.25, 0.25}, {0, 0}})), GradientFlowOptions{});
  ASSERT_EQ(flow.levels.size(), 4u);
  EXPECT_DOUBLE_EQ(flow.levels[0].mean_gradient_norm, std::sqrt(2.0) / 3);
  EXPECT_DOUBLE_EQ(flow.levels[0].zero_fraction, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(flow.levels[1].mean_gradient_norm, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(flow.levels[1].zero_fraction, 1.0 / 3.0);
  EXPECT_EQ(flow.levels[2].mean_gradient_norm, 1.0);
  EXPECT_EQ(flow.levels[2].zero_fraction, 0.0);
  EXPECT_EQ(flow.levels[3].mean_gradient_norm, 1.0);
  EXPECT_DOUBLE_EQ(flow.levels[0].relative_to_max, std::sqrt(2.0) / 3);
  EXPECT_EQ(flow.saliency_blind_samples, 1);
  EXPECT_DOUBLE_EQ(flow.saliency_blind_fraction, 1.0 / 3.0);
  EXPECT_NE(flow.warning.find("66.7% of the input-gradient entries are exactly 0"),
            std::string::npos)
      << flow.warning;
  EXPECT_EQ(flow.warning.find("vanish"), std::string::npos) << flow.warning;
}

TEST(GradientFlow, HealthyGradientsGiveNoWarning) {
  const Hand hand(test::tanh_net());
  const GradientFlow flow =
      gradient_flow(hand.inputs(columns({{1, 0.5}, {-0.5, 2}})), GradientFlowOptions{});
  ASSERT_EQ(flow.levels.size(), 3u);
  EXPECT_EQ(flow.levels[0].zero_fraction, 0.0);
  EXPECT_GT(flow.levels[0].relative_to_max, 1e-3);
  EXPECT_EQ(flow.warning, "");
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(GradientFlow, IsBitwiseIndependentOfTheThreadCount) {
  const Hand hand(test::drugcell_random_net(NormOrder::kActivationThenNorm, 3));
  std::mt19937_64 random(4);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  NeuronMatrix x(hand.network.n_inputs(), 41);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = uniform(random);
  GradientFlowOptions options;
  options.batch_size = 4;
  options.threads = 1;
  const GradientFlow one = gradient_flow(hand.inputs(x), options);
  options.threads = 2;
  const GradientFlow two = gradient_flow(hand.inputs(x), options);
  ASSERT_EQ(one.levels.size(), two.levels.size());
  ASSERT_GE(one.levels.size(), 3u);
  for (std::size_t l = 0; l < one.levels.size(); ++l) {
    EXPECT_EQ(one.levels[l].neurons, two.levels[l].neurons);
    EXPECT_TRUE(same_bits(one.levels[l].mean_gradient_norm, two.levels[l].mean_gradient_norm));
    EXPECT_TRUE(same_bits(one.levels[l].zero_fraction, two.levels[l].zero_fraction));
  }
  EXPECT_EQ(one.saliency_blind_samples, two.saliency_blind_samples);
  EXPECT_EQ(one.warning, two.warning);
}

void expect_config_error(const ExplainInputs& inputs, const GradientFlowOptions& options,
                         const std::string& path) {
  try {
    gradient_flow(inputs, options);
    ADD_FAILURE() << "expected a ConfigError naming " << path;
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), path);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
}

TEST(GradientFlow, RejectsBadOptionsNamingTheOption) {
  const Hand hand(test::tanh_net());
  const ExplainInputs inputs = hand.inputs(columns({{1, 0.5}}));
  GradientFlowOptions options;
  options.output_unit = 2;
  expect_config_error(inputs, options, "explain.output_unit");
  options = {};
  options.batch_size = 0;
  expect_config_error(inputs, options, "explain.batch_size");
  options = {};
  options.threads = 0;
  expect_config_error(inputs, options, "explain.threads");
  expect_config_error(hand.inputs(NeuronMatrix(2, 0)), {}, "explain.samples");
}

}  // namespace
}  // namespace ontonet
