// Collinearity on hand-set networks: copied features give a singular correlation matrix and the
// warning, independent ones a condition number near 1 (the expected values were computed with
// numpy: np.linalg.eigvalsh(np.corrcoef(...)) and np.linalg.svd), and hand-set weight blocks their
// known condition numbers. Then which features GenNet genes and DrugCell genes get, thread-count
// independence and the option errors.
#include "ontonet/explain/collinearity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "hand_networks.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::hidden_block;
using test::input_block;
using test::kIdentityLayer;

using Hand = test::HandNetwork;

// Inputs x1 .. x6 (0 .. 5) feeding three terms of two identity neurons each, all into y (12):
//   T (6, 7)   from x1, x2: weights [[1, 2], [2, 4]]                       (rank 1)
//   U (8, 9)   from x3, x4: weights [[2, 0], [0, 1]]                       (condition 2)
//   V (10, 11) from x3 .. x6: weights [[0.5, -1, 0.25, 2], [1.5, 0.75, -0.5, 1]]
Model<float> three_term_net() {
  NetworkSpec spec;
  spec.style = "dcell";
  for (Index i = 0; i < 6; ++i) spec.blocks.push_back(input_block("x" + std::to_string(i + 1), i));
  spec.blocks.push_back(hidden_block(NeuronKind::kTerm, "T", 6, 2, 1, kIdentityLayer));
  spec.blocks.push_back(hidden_block(NeuronKind::kTerm, "U", 8, 2, 1, kIdentityLayer));
  spec.blocks.push_back(hidden_block(NeuronKind::kTerm, "V", 10, 2, 1, kIdentityLayer));
  spec.blocks.push_back(hidden_block(NeuronKind::kOutput, "output", 12, 1, 2, kIdentityLayer));
  spec.edges = {{0, 6},  {1, 6},  {0, 7},  {1, 7},  {2, 8},   {3, 8},  {2, 9},  {3, 9},
                {2, 10}, {3, 10}, {4, 10}, {5, 10}, {2, 11},  {3, 11}, {4, 11}, {5, 11},
                {6, 12}, {7, 12}, {8, 12}, {9, 12}, {10, 12}, {11, 12}};
  Model<float> model = test::compile(spec);
  test::set_level(model, 0, {1, 2, 2, 4, 2, 0, 0, 1, 0.5f, -1, 0.25f, 2, 1.5f, 0.75f, -0.5f, 1},
                  {0, 0, 0, 0, 0, 0});
  test::set_level(model, 1, {1, 1, 1, 1, 1, 1}, {0});
  return model;
}

// Eight samples: x2 copies x1, x6 is constant.
NeuronMatrix three_term_cohort() {
  NeuronMatrix x(6, 8);
  x.row(0) << 0.5, 1, -0.25, 2, 1.5, -1, 0.75, 0;
  x.row(1) = x.row(0);
  x.row(2) << 1, -0.5, 2, 0.25, -1.5, 0.75, 1.25, -2;
  x.row(3) << 0.5, 1.5, -1, 2, 0.25, -0.75, 1, -1.25;
  x.row(4) << 2, 1, 0.5, -0.5, 1.75, 0, -1, 0.25;
  x.row(5).setConstant(3);
  return x;
}

TEST(Collinearity, CopiedFeaturesAreSingularAndWarned) {
  const Hand hand(three_term_net());
  const Collinearity result = collinearity(hand.inputs(three_term_cohort()), {});
  ASSERT_EQ(result.entities.size(), 3u);
  const EntityCollinearity& t = result.entities[0];
  EXPECT_EQ(hand.id(t), "T");
  EXPECT_EQ(t.features, (std::vector<Index>{0, 1}));
  EXPECT_EQ(t.constant_features, 0);
  EXPECT_EQ(t.correlation_condition, std::numeric_limits<double>::infinity());
  EXPECT_NEAR(t.max_abs_correlation, 1.0, 1e-12);
  EXPECT_TRUE(t.warning);
  // [[1, 2], [2, 4]] has rank 1.
  EXPECT_EQ(t.weight_condition, std::numeric_limits<double>::infinity());
  EXPECT_EQ(result.warnings, 1);
  EXPECT_EQ(result.max_condition, 1000.0);
}

// numpy: np.corrcoef(x3, x4)[0, 1] = 0.06103879481685822, so the eigenvalues are 1 +- r and the
// condition number (1 + r) / (1 - r) = 1.130013454187285. x3, x4, x5 (x6 is constant and left out):
// eigvalsh ratio 1.7803637751593058, largest |r| 0.2588023406078025 (x3, x5); the weight block of
// V: singular value ratio 1.5678124881159887.
TEST(Collinearity, IndependentFeaturesHaveAConditionNearOne) {
  const Hand hand(three_term_net());
  const Collinearity result = collinearity(hand.inputs(three_term_cohort()), {});
  ASSERT_EQ(result.entities.size(), 3u);
  const EntityCollinearity& u = result.entities[1];
  EXPECT_EQ(hand.id(u), "U");
  EXPECT_EQ(u.features, (std::vector<Index>{2, 3}));
  EXPECT_NEAR(u.correlation_condition, 1.130013454187285, 1e-9);
  EXPECT_NEAR(u.max_abs_correlation, 0.06103879481685822, 1e-9);
  EXPECT_FALSE(u.warning);
  EXPECT_NEAR(u.weight_condition, 2.0, 1e-12);  // diag(2, 1)

  const EntityCollinearity& v = result.entities[2];
  EXPECT_EQ(hand.id(v), "V");
  EXPECT_EQ(v.features, (std::vector<Index>{2, 3, 4, 5}));
  EXPECT_EQ(v.constant_features, 1);
  EXPECT_NEAR(v.correlation_condition, 1.7803637751593058, 1e-9);
  EXPECT_NEAR(v.max_abs_correlation, 0.2588023406078025, 1e-9);
  EXPECT_NEAR(v.weight_condition, 1.5678124881159887, 1e-9);
  EXPECT_FALSE(v.warning);
}

TEST(Collinearity, ThresholdDecidesTheWarning) {
  const Hand hand(three_term_net());
  CollinearityOptions options;
  options.max_condition = 1.5;  // V's 1.78 now exceeds it, U's 1.13 does not
  const Collinearity result = collinearity(hand.inputs(three_term_cohort()), options);
  EXPECT_TRUE(result.entities[0].warning);
  EXPECT_FALSE(result.entities[1].warning);
  EXPECT_TRUE(result.entities[2].warning);
  EXPECT_EQ(result.warnings, 2);
}

// Fewer than two varying features: no correlation numbers, no warning.
TEST(Collinearity, ConstantFeaturesAreLeftOutAndCounted) {
  const Hand hand(three_term_net());
  NeuronMatrix x = three_term_cohort();
  x.row(0).setConstant(1);
  x.row(1).setConstant(-2);
  const Collinearity result = collinearity(hand.inputs(x), {});
  const EntityCollinearity& t = result.entities[0];
  EXPECT_EQ(t.constant_features, 2);
  EXPECT_TRUE(std::isnan(t.correlation_condition));
  EXPECT_TRUE(std::isnan(t.max_abs_correlation));
  EXPECT_FALSE(t.warning);
  EXPECT_EQ(t.weight_condition, std::numeric_limits<double>::infinity());
}

// gennet_hand_net: gA from s1, s2 (weights 2, -1), gB from s2, s3; gC has one SNP and T is fed by
// gene neurons only, so neither is listed. A one-row weight block has one singular value.
TEST(Collinearity, GenNetGenesTakeTheirSnpsFromTheWeights) {
  const Hand hand(test::gennet_hand_net());
  NeuronMatrix x(4, 5);
  x << 0, 1, 2, 1, 0,  //
      2, 1, 0, 1, 1,   //
      0, 0, 1, 2, 2,   //
      1, 2, 1, 2, 1;
  const Collinearity result = collinearity(hand.inputs(x), {});
  ASSERT_EQ(result.entities.size(), 2u);
  EXPECT_EQ(hand.id(result.entities[0]), "gA");
  EXPECT_EQ(result.entities[0].features, (std::vector<Index>{0, 1}));
  EXPECT_EQ(result.entities[0].weight_condition, 1.0);
  EXPECT_EQ(hand.id(result.entities[1]), "gB");
  EXPECT_EQ(result.entities[1].features, (std::vector<Index>{1, 2}));
  // s1 = (0, 1, 2, 1, 0) and s2 = (2, 1, 0, 1, 1): centred (-0.8, 0.2, 1.2, 0.2, -0.8) and
  // (1, 0, -1, 0, 0), r = -2 / sqrt(2.8 x 2) = -0.845154..., condition (1 + |r|) / (1 - |r|).
  const double r = 2 / std::sqrt(2.8 * 2);
  EXPECT_NEAR(result.entities[0].max_abs_correlation, r, 1e-12);
  EXPECT_NEAR(result.entities[0].correlation_condition, (1 + r) / (1 - r), 1e-9);
}

// tanh_net with genes named: G1 = {x1, x2} has no neurons of its own, so its block runs from its
// features into the neurons they feed, H1 and H2: [[0.5, -1], [1.5, 0.5]], whose singular value
// ratio numpy gives as 1.4560832005096072. G2 has one feature; H1 and H2 take x1, x2 (one row).
TEST(Collinearity, DrugCellGenesUseTheNeuronsTheirFeaturesFeed) {
  EntityNaming naming;
  naming.feature_genes["x1"] = {"G1"};
  naming.feature_genes["x2"] = {"G1", "G2"};
  const Hand hand(test::tanh_net(), naming);
  NeuronMatrix x(2, 3);
  x << 1, 2, 3,  //
      3, 1, 2;
  const Collinearity result = collinearity(hand.inputs(x), {});
  ASSERT_EQ(result.entities.size(), 3u);
  EXPECT_EQ(hand.id(result.entities[0]), "G1");
  EXPECT_EQ(result.entities[0].features, (std::vector<Index>{0, 1}));
  EXPECT_NEAR(result.entities[0].weight_condition, 1.4560832005096072, 1e-9);
  // x1 centred (-1, 0, 1), x2 (1, -1, 0): r = -1 / 2, condition 1.5 / 0.5 = 3.
  EXPECT_NEAR(result.entities[0].correlation_condition, 3.0, 1e-12);
  EXPECT_EQ(hand.id(result.entities[1]), "H1");
  EXPECT_EQ(result.entities[1].weight_condition, 1.0);
  EXPECT_EQ(hand.id(result.entities[2]), "H2");
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(Collinearity, IsBitwiseIndependentOfTheThreadCount) {
  const Hand hand(test::drugcell_random_net(NormOrder::kActivationThenNorm, 8));
  std::mt19937_64 random(2);
  std::normal_distribution<double> normal;
  NeuronMatrix x(hand.network.n_inputs(), 30);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = normal(random);
  CollinearityOptions options;
  options.threads = 1;
  const Collinearity one = collinearity(hand.inputs(x), options);
  options.threads = 2;
  const Collinearity two = collinearity(hand.inputs(x), options);
  ASSERT_EQ(one.entities.size(), two.entities.size());
  ASSERT_FALSE(one.entities.empty());
  for (std::size_t i = 0; i < one.entities.size(); ++i) {
    EXPECT_EQ(one.entities[i].features, two.entities[i].features);
    EXPECT_TRUE(
        same_bits(one.entities[i].correlation_condition, two.entities[i].correlation_condition));
    EXPECT_TRUE(
        same_bits(one.entities[i].max_abs_correlation, two.entities[i].max_abs_correlation));
    EXPECT_TRUE(same_bits(one.entities[i].weight_condition, two.entities[i].weight_condition));
  }
}

// V has 3 varying features (x3, x4, x5), T and U 2: with a bound of 2, V is listed without its
// correlation numbers, while T and U keep theirs. V's weight block [2 neurons x 4 features] is 2 on
// its smaller side, so its condition is still measured.
TEST(Collinearity, EntitiesAboveTheFeatureBoundAreListedUnmeasured) {
  const Hand hand(three_term_net());
  CollinearityOptions options;
  options.max_features = 2;
  const Collinearity result = collinearity(hand.inputs(three_term_cohort()), options);
  ASSERT_EQ(result.entities.size(), 3u);
  EXPECT_EQ(result.max_features, 2);
  EXPECT_EQ(result.too_many_features, 1);
  EXPECT_FALSE(result.entities[0].too_many_features);
  EXPECT_EQ(result.entities[0].correlation_condition, std::numeric_limits<double>::infinity());
  EXPECT_FALSE(result.entities[1].too_many_features);
  EXPECT_NEAR(result.entities[1].correlation_condition, 1.130013454187285, 1e-9);
  const EntityCollinearity& v = result.entities[2];
  EXPECT_TRUE(v.too_many_features);
  EXPECT_TRUE(std::isnan(v.correlation_condition));
  EXPECT_TRUE(std::isnan(v.max_abs_correlation));
  EXPECT_FALSE(v.warning);
  EXPECT_NEAR(v.weight_condition, 1.5678124881159887, 1e-9);

  options.max_features = 1;
  try {
    collinearity(hand.inputs(three_term_cohort()), options);
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "explain.max_collinearity_features");
  }
}

TEST(Collinearity, RejectsBadOptionsNamingTheOption) {
  const Hand hand(three_term_net());
  CollinearityOptions options;
  options.max_condition = 1;
  try {
    collinearity(hand.inputs(three_term_cohort()), options);
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "explain.max_condition");
    EXPECT_NE(std::string(error.what()).find("must be > 1"), std::string::npos) << error.what();
  }
  options = {};
  options.threads = 0;
  EXPECT_THROW(collinearity(hand.inputs(three_term_cohort()), options), ConfigError);
}

}  // namespace
}  // namespace ontonet
