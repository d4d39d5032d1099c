// Dropout redundancy on hand-set networks whose knockout effects are worked out on paper in the
// comment above each test, then thread-count independence and the option errors.
#include "ontonet/explain/dropout_redundancy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

// x (0) -> term T: n1 (1) = ReLU(x), n2 (2) = ReLU(x) -> term S (3) = ReLU(1 - n1 - n2) -> y (4) =
// 1 - S. So y = min(1, n1 + n2): an OR of two copies, each standing in for the other.
Model<float> saturating_copies_net() {
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x", 0), hidden_block(NeuronKind::kTerm, "T", 1, 2, 1, kReluLayer),
                 hidden_block(NeuronKind::kTerm, "S", 3, 1, 2, kReluLayer),
                 hidden_block(NeuronKind::kOutput, "output", 4, 1, 3, kIdentityLayer)};
  spec.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}};
  Model<float> model = test::compile(spec);
  test::set_level(model, 0, {1.0f, 1.0f}, {0.0f, 0.0f});
  test::set_level(model, 1, {-1.0f, -1.0f}, {1.0f});
  test::set_level(model, 2, {-1.0f}, {1.0f});
  return model;
}

// x (0) -> term T: n1 .. n4 (1 .. 4) = ReLU(x) -> y (5) = w1 n1 + w2 n2 + w3 n3 (n4 feeds nothing).
Model<float> linear_term_net(float w1, float w2, float w3) {
  NetworkSpec spec;
  spec.style = "dcell";
  spec.blocks = {input_block("x", 0), hidden_block(NeuronKind::kTerm, "T", 1, 4, 1, kReluLayer),
                 hidden_block(NeuronKind::kOutput, "output", 5, 1, 2, kIdentityLayer)};
  spec.edges = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 5}, {2, 5}, {3, 5}};
  Model<float> model = test::compile(spec);
  test::set_level(model, 0, {1.0f, 1.0f, 1.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f});
  test::set_level(model, 1, {w1, w2, w3}, {0.0f});
  return model;
}

// Knockouts pin to the baseline pass (x = 0): n1 = n2 = 0 there.
//   x = 1:    f = min(1, 2) = 1;      n1 out: min(1, 1) = 1, change 0 (n2 covers);  both: 0, change
//   1 x = 0.25: f = min(1, 0.5) = 0.5;  n1 out: 0.25, change 0.25;                   both: 0,
//   change 0.5
// Delta_1 = Delta_2 = (0 + 0.25) / 2 = 0.125; joint = term = (1 + 0.5) / 2 = 0.75.
// super_additivity = 0.75 / 0.25 = 3; participation = 0.25^2 / (2 x 0.125^2) = 2;
// single_share = 0.125 / 0.75 = 1/6. S has one neuron and is not measured.
TEST(DropoutRedundancy, SaturatingCopiesAreSuperAdditiveWithParticipationTwo) {
  const Hand hand(saturating_copies_net());
  const DropoutRedundancy result =
      dropout_redundancy(hand.inputs(columns({{1}, {0.25}})), DropoutRedundancyOptions{});
  ASSERT_EQ(result.terms.size(), 1u);
  const TermRedundancy& term = result.terms[0];
  EXPECT_EQ(hand.id(term), "T");
  EXPECT_EQ(term.neurons, (std::vector<Index>{1, 2}));
  EXPECT_EQ(term.single, (std::vector<double>{0.125, 0.125}));
  EXPECT_EQ(term.top_k, 2);
  EXPECT_EQ(term.sum_single, 0.25);
  EXPECT_EQ(term.sum_single_top_k, 0.25);
  EXPECT_EQ(term.max_single, 0.125);
  EXPECT_EQ(term.joint_top_k, 0.75);
  EXPECT_EQ(term.term_knockout, 0.75);
  EXPECT_EQ(term.super_additivity, 3.0);
  EXPECT_EQ(term.participation_ratio, 2.0);
  EXPECT_DOUBLE_EQ(term.single_share, 1.0 / 6.0);
  EXPECT_EQ(result.redundant_terms, 1);
  EXPECT_EQ(result.median_super_additivity, 3.0);
  EXPECT_EQ(result.median_participation_ratio, 2.0);
  EXPECT_DOUBLE_EQ(result.median_single_share, 1.0 / 6.0);
}

// y = 2 n1 + 0 n2 (+ 0 n3, n4 unconnected), x in {1, 3}: Delta_1 = mean |2 x| = 4, the others 0.
// k = min(4, 3) = 3: joint = term = 4; super_additivity = 4 / 4 = 1; participation = 16 / 16 = 1;
// single_share = 4 / 4 = 1. n4 has no path to the output and is not counted.
TEST(DropoutRedundancy, OneCarrierGivesParticipationOneAndNoSuperAdditivity) {
  const Hand hand(linear_term_net(2.0f, 0.0f, 0.0f));
  const DropoutRedundancy result =
      dropout_redundancy(hand.inputs(columns({{1}, {3}})), DropoutRedundancyOptions{});
  ASSERT_EQ(result.terms.size(), 1u);
  const TermRedundancy& term = result.terms[0];
  EXPECT_EQ(term.neurons, (std::vector<Index>{1, 2, 3}));
  EXPECT_EQ(term.single, (std::vector<double>{4, 0, 0}));
  EXPECT_EQ(term.top_k, 3);
  EXPECT_EQ(term.joint_top_k, 4.0);
  EXPECT_EQ(term.term_knockout, 4.0);
  EXPECT_EQ(term.super_additivity, 1.0);
  EXPECT_EQ(term.participation_ratio, 1.0);
  EXPECT_EQ(term.single_share, 1.0);
  EXPECT_EQ(result.redundant_terms, 0);
}

// y = n1 + 2 n2 + 4 n3, x in {1, 2} (mean 1.5): Delta = (1.5, 3, 6). With top_k 2 the joint
// knockout takes n3 and n2: 6 x 1.5 = 9 = 3 + 6, so super_additivity 1 (a linear term is additive).
// sum_single 10.5; participation 10.5^2 / (1.5^2 + 3^2 + 6^2) = 110.25 / 47.25 = 7/3;
// term knockout 7 x 1.5 = 10.5; single_share 6 / 10.5 = 4/7.
TEST(DropoutRedundancy, JointKnockoutTakesTheTopKNeurons) {
  const Hand hand(linear_term_net(1.0f, 2.0f, 4.0f));
  DropoutRedundancyOptions options;
  options.top_k = 2;
  const DropoutRedundancy result = dropout_redundancy(hand.inputs(columns({{1}, {2}})), options);
  ASSERT_EQ(result.terms.size(), 1u);
  const TermRedundancy& term = result.terms[0];
  EXPECT_EQ(term.single, (std::vector<double>{1.5, 3, 6}));
  EXPECT_EQ(term.top_k, 2);
  EXPECT_EQ(term.sum_single_top_k, 9.0);
  EXPECT_EQ(term.joint_top_k, 9.0);
  EXPECT_EQ(term.super_additivity, 1.0);
  EXPECT_EQ(term.sum_single, 10.5);
  EXPECT_DOUBLE_EQ(term.participation_ratio, 7.0 / 3.0);
  EXPECT_EQ(term.term_knockout, 10.5);
  EXPECT_DOUBLE_EQ(term.single_share, 4.0 / 7.0);
}

// When no knockout moves the output every ratio is undefined: NaN, and the medians skip it.
TEST(DropoutRedundancy, NoEffectGivesNaNRatios) {
  const Hand hand(linear_term_net(1.0f, 2.0f, 4.0f));
  // x = 0 is the baseline itself: nothing changes.
  const DropoutRedundancy result =
      dropout_redundancy(hand.inputs(columns({{0}})), DropoutRedundancyOptions{});
  ASSERT_EQ(result.terms.size(), 1u);
  EXPECT_TRUE(std::isnan(result.terms[0].super_additivity));
  EXPECT_TRUE(std::isnan(result.terms[0].participation_ratio));
  EXPECT_TRUE(std::isnan(result.terms[0].single_share));
  EXPECT_TRUE(std::isnan(result.median_super_additivity));
  EXPECT_EQ(result.redundant_terms, 0);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

NeuronMatrix random_cohort(Index n_inputs, Index n_samples, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  NeuronMatrix x(n_inputs, n_samples);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = uniform(random);
  return x;
}

double median_of(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

TEST(DropoutRedundancy, IsBitwiseIndependentOfTheThreadCountOnADrugCellNet) {
  const Hand hand(test::drugcell_random_net(NormOrder::kNormThenActivation, 5));
  const ExplainInputs inputs = hand.inputs(random_cohort(hand.network.n_inputs(), 23, 9));
  DropoutRedundancyOptions options;
  options.threads = 1;
  const DropoutRedundancy one = dropout_redundancy(inputs, options);
  options.threads = 2;
  const DropoutRedundancy two = dropout_redundancy(inputs, options);
  std::size_t n_terms = 0;
  for (const Entity& entity : hand.entities.entities) n_terms += entity.kind == EntityKind::kTerm;
  ASSERT_EQ(one.terms.size(), n_terms);  // two neurons per term, all feeding the output
  ASSERT_EQ(two.terms.size(), n_terms);
  std::vector<double> shares;
  for (std::size_t t = 0; t < one.terms.size(); ++t) {
    const TermRedundancy& a = one.terms[t];
    const TermRedundancy& b = two.terms[t];
    EXPECT_EQ(a.entity, b.entity);
    EXPECT_EQ(a.neurons.size(), 2u);
    for (std::size_t i = 0; i < a.single.size(); ++i) {
      EXPECT_TRUE(same_bits(a.single[i], b.single[i]));
    }
    for (auto field : {&TermRedundancy::joint_top_k, &TermRedundancy::term_knockout,
                       &TermRedundancy::super_additivity, &TermRedundancy::participation_ratio,
                       &TermRedundancy::single_share}) {
      EXPECT_TRUE(same_bits(a.*field, b.*field)) << t;
    }
    // Two neurons, top_k 4: the joint knockout is the whole term.
    EXPECT_TRUE(same_bits(a.joint_top_k, a.term_knockout));
    EXPECT_GT(a.term_knockout, 0.0);
    EXPECT_GE(a.participation_ratio, 1.0);
    EXPECT_LE(a.participation_ratio, 2.0 + 1e-12);
    shares.push_back(a.single_share);
  }
  EXPECT_TRUE(same_bits(one.median_single_share, two.median_single_share));
  EXPECT_DOUBLE_EQ(one.median_single_share, median_of(shares));
}

void expect_config_error(const ExplainInputs& inputs, const DropoutRedundancyOptions& options,
                         const std::string& path, const std::string& message) {
  try {
    dropout_redundancy(inputs, options);
    ADD_FAILURE() << "expected a ConfigError naming " << path;
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), path);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
  }
}

TEST(DropoutRedundancy, RejectsBadOptionsNamingTheOption) {
  const Hand hand(saturating_copies_net());
  const ExplainInputs inputs = hand.inputs(columns({{1}}));
  DropoutRedundancyOptions options;
  options.top_k = 0;
  expect_config_error(inputs, options, "explain.redundancy_top_k", "must be >= 1, got 0");
  options = {};
  options.output_unit = 1;
  expect_config_error(inputs, options, "explain.output_unit", "must be in [0, 0], got 1");
  options = {};
  options.threads = 0;
  expect_config_error(inputs, options, "explain.threads", "must be >= 1");
  expect_config_error(hand.inputs(NeuronMatrix(1, 0)), {}, "explain.samples", "at least one");
}

}  // namespace
}  // namespace ontonet
