// Acceptance tests of the explain methods on networks whose weights are set by hand
// (hand_networks.hpp): every expected score below is derived on paper in the comment above it.
// Then the properties the methods promise on random DrugCell-style networks (completeness,
// summation to delta, thread-count independence) and the option errors.
#include "ontonet/explain/attribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "hand_networks.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::columns;

// A hand model with its evaluator and entities; `inputs` builds what explain_with takes.
struct Explained {
  explicit Explained(Model<float> hand_model, const EntityNaming& naming = {})
      : model(std::move(hand_model)),
        network(model),
        entities(network_entities(model.spec(), naming)) {}

  ExplainInputs inputs(const NeuronMatrix& x, const Eigen::VectorXd& baseline) const {
    ExplainInputs result;
    result.network = &network;
    result.entities = &entities.entities;
    result.x = x;
    result.baseline = baseline;
    return result;
  }
  ExplainInputs inputs(const NeuronMatrix& x) const {
    return inputs(x, Eigen::VectorXd::Zero(network.n_inputs()));
  }

  std::size_t index(const std::string& id) const {
    for (std::size_t e = 0; e < entities.entities.size(); ++e) {
      if (entities.entities[e].id == id) return e;
    }
    ADD_FAILURE() << "no entity " << id;
    return 0;
  }

  Model<float> model;
  NetworkEvaluator network;
  NetworkEntities entities;
};

Matrix<float> target_row(std::initializer_list<float> values) {
  Matrix<float> targets(1, static_cast<Index>(values.size()));
  Index c = 0;
  for (float value : values) targets(0, c++) = value;
  return targets;
}

double check_value(const MethodResult& result, const std::string& name) {
  for (const auto& [check, value] : result.checks) {
    if (check == name) return value;
  }
  ADD_FAILURE() << "no check " << name;
  return std::nan("");
}

const std::vector<double>& column(const MethodResult& result, const std::string& name) {
  for (const auto& [column_name, values] : result.extra_columns) {
    if (column_name == name) return values;
  }
  ADD_FAILURE() << "no column " << name;
  static const std::vector<double> none;
  return none;
}

double tanh_slope(double z) { return 1.0 - std::tanh(z) * std::tanh(z); }

EntityNaming tanh_net_genes() {
  EntityNaming naming;
  naming.feature_genes["x1"] = {"G1"};
  naming.feature_genes["x2"] = {"G1", "G2"};
  return naming;
}

// ----- weight_paths ---------------------------------------------------------------------------

// The hand GenNet net, activations taken as identity, no batch norm. Paths to y:
//   T -> y: 0.5.   gA -> T -> y: 1.5 x 0.5 = 0.75.   gB -> T -> y: -2 x 0.5 = -1, gB -> y: 0.25:
//   gB = -0.75.    gC feeds nothing: 0.
//   s1 -> gA: 2 x 0.75 = 1.5.   s2 -> gA, gB: -1 x 0.75 + 0.5 x -0.75 = -1.125.
//   s3 -> gB: 3 x -0.75 = -2.25.   s4 -> gC: 0.
TEST(WeightPaths, ScoreIsTheSumOverPathsOfTheProductOfWeights) {
  const Explained hand(test::gennet_hand_net());
  // No data needed: zero samples.
  const MethodResult result = explain_with(ExplainMethod::kWeightPaths,
                                           hand.inputs(NeuronMatrix::Zero(4, 0)), ExplainOptions{});
  EXPECT_EQ(result.method, ExplainMethod::kWeightPaths);
  const std::vector<std::pair<std::string, double>> expected = {
      {"s1", 1.5},  {"s2", -1.125}, {"s3", -2.25}, {"s4", 0.0},
      {"gA", 0.75}, {"gB", -0.75},  {"gC", 0.0},   {"T", 0.5}};
  ASSERT_EQ(result.scores.size(), expected.size());
  for (const auto& [id, value] : expected) {
    EXPECT_EQ(result.signed_scores[hand.index(id)], value) << id;
    EXPECT_EQ(result.scores[hand.index(id)], std::abs(value)) << id;
  }
}

// With batch norm after T's ReLU (gamma 3, running var 4), every path through T's pre-activation
// is multiplied by s = 3 / sqrt(4 + eps) (about 1.5); T's own score (from its output) is not:
//   gA: 0.75 s.   gB: -s + 0.25.   T: 0.5.
//   s1: 2 x 0.75 s = 1.5 s.   s2: -0.75 s + 0.5 (0.25 - s) = 0.125 - 1.25 s.   s3: 0.75 - 3 s.
TEST(WeightPaths, FoldsTheBatchNormScale) {
  const Explained hand(test::gennet_hand_net(true));
  const MethodResult result = explain_with(ExplainMethod::kWeightPaths,
                                           hand.inputs(NeuronMatrix::Zero(4, 0)), ExplainOptions{});
  const double s = 3 / std::sqrt(4 + test::kNormEpsilon);
  const std::vector<std::pair<std::string, double>> expected = {
      {"s1", 1.5 * s},  {"s2", 0.125 - 1.25 * s}, {"s3", 0.75 - 3 * s}, {"s4", 0.0},
      {"gA", 0.75 * s}, {"gB", 0.25 - s},         {"gC", 0.0},          {"T", 0.5}};
  for (const auto& [id, value] : expected) {
    EXPECT_NEAR(result.signed_scores[hand.index(id)], value, 1e-9) << id;
    EXPECT_NEAR(result.scores[hand.index(id)], std::abs(value), 1e-9) << id;
  }
}

// The tanh net as identity: x1 -> H1 -> y: 0.5 x 2 = 1, x1 -> H2 -> y: 1.5 x -1: x1 = -0.5;
// x2: -1 x 2 + 0.5 x -1 = -2.5. Without gene neurons G1 = x1 + x2 = -3 and G2 = x2 = -2.5.
TEST(WeightPaths, GeneWithoutGeneNeuronsSumsItsFeatures) {
  const Explained hand(test::tanh_net(), tanh_net_genes());
  const MethodResult result = explain_with(ExplainMethod::kWeightPaths,
                                           hand.inputs(NeuronMatrix::Zero(2, 0)), ExplainOptions{});
  EXPECT_EQ(result.signed_scores[hand.index("x1")], -0.5);
  EXPECT_EQ(result.signed_scores[hand.index("x2")], -2.5);
  EXPECT_EQ(result.signed_scores[hand.index("G1")], -3.0);
  EXPECT_EQ(result.scores[hand.index("G1")], 3.0);
  EXPECT_EQ(result.signed_scores[hand.index("G2")], -2.5);
  EXPECT_EQ(result.signed_scores[hand.index("H1")], 2.0);
  EXPECT_EQ(result.signed_scores[hand.index("H2")], -1.0);
}

// ----- saliency and gradient x input ----------------------------------------------------------

// The tanh net at samples (1, 0.5) and (-1, 2). H pre-activations (see the evaluator test):
// sample 1: a1 = 0.25, a2 = 1.25; sample 2: a1 = -2.25, a2 = -1. With d_i = tanh'(a_i):
//   dy/dx1 = d1 - 1.5 d2, dy/dx2 = -2 d1 - 0.5 d2, dy/dH1 = 2, dy/dH2 = -1.
struct TanhNetGradients {
  double a1[2] = {0.25, -2.25};
  double a2[2] = {1.25, -1.0};
  double x1[2] = {1, -1};
  double x2[2] = {0.5, 2};
  double g1(int b) const { return tanh_slope(a1[b]) - 1.5 * tanh_slope(a2[b]); }
  double g2(int b) const { return -2 * tanh_slope(a1[b]) - 0.5 * tanh_slope(a2[b]); }
};

// Saliency: mean over samples of the sum over an entity's neurons of |gradient|; G1 adds |dy/dx1|
// and |dy/dx2| (absolute values first).
TEST(Saliency, HandNetScoresAreMeanAbsoluteGradients) {
  const Explained hand(test::tanh_net(), tanh_net_genes());
  const TanhNetGradients g;
  ExplainOptions options;
  options.per_sample = true;
  const MethodResult result =
      explain_with(ExplainMethod::kSaliency, hand.inputs(columns({{1, 0.5}, {-1, 2}})), options);
  EXPECT_NEAR(result.scores[hand.index("x1")], (std::abs(g.g1(0)) + std::abs(g.g1(1))) / 2, 1e-15);
  EXPECT_NEAR(result.scores[hand.index("x2")], (std::abs(g.g2(0)) + std::abs(g.g2(1))) / 2, 1e-15);
  EXPECT_NEAR(result.scores[hand.index("G1")],
              (std::abs(g.g1(0)) + std::abs(g.g2(0)) + std::abs(g.g1(1)) + std::abs(g.g2(1))) / 2,
              1e-15);
  EXPECT_EQ(result.scores[hand.index("H1")], 2.0);
  EXPECT_EQ(result.scores[hand.index("H2")], 1.0);
  // Saliency is unsigned: its signed mean is the same.
  EXPECT_EQ(result.signed_scores[hand.index("H2")], 1.0);
  EXPECT_NEAR(result.per_sample(static_cast<Index>(hand.index("x1")), 1), std::abs(g.g1(1)), 1e-15);
}

// Gradient x input: attribution of x_i is x_i dy/dx_i; of H, dy/dH x H. G1's attribution per
// sample is x1 g1 + x2 g2 (signed), and its score the mean of its absolute value.
TEST(GradientInput, HandNetScoresAreMeanAbsoluteGradientTimesValue) {
  const Explained hand(test::tanh_net(), tanh_net_genes());
  const TanhNetGradients g;
  ExplainOptions options;
  options.per_sample = true;
  const MethodResult result = explain_with(ExplainMethod::kGradientInput,
                                           hand.inputs(columns({{1, 0.5}, {-1, 2}})), options);
  double g1_sum[2];
  for (int b = 0; b < 2; ++b) g1_sum[b] = g.x1[b] * g.g1(b) + g.x2[b] * g.g2(b);
  EXPECT_NEAR(result.scores[hand.index("x1")],
              (std::abs(g.x1[0] * g.g1(0)) + std::abs(g.x1[1] * g.g1(1))) / 2, 1e-15);
  EXPECT_NEAR(result.signed_scores[hand.index("x2")], (g.x2[0] * g.g2(0) + g.x2[1] * g.g2(1)) / 2,
              1e-15);
  EXPECT_NEAR(result.scores[hand.index("G1")], (std::abs(g1_sum[0]) + std::abs(g1_sum[1])) / 2,
              1e-15);
  EXPECT_NEAR(result.signed_scores[hand.index("G1")], (g1_sum[0] + g1_sum[1]) / 2, 1e-15);
  // H1: 2 tanh(a1); H2: -tanh(a2).
  EXPECT_NEAR(result.signed_scores[hand.index("H1")],
              (2 * std::tanh(0.25) + 2 * std::tanh(-2.25)) / 2, 1e-15);
  EXPECT_NEAR(result.scores[hand.index("H2")],
              (std::abs(std::tanh(1.25)) + std::abs(std::tanh(-1.0))) / 2, 1e-15);
  EXPECT_NEAR(result.per_sample(static_cast<Index>(hand.index("G1")), 0), g1_sum[0], 1e-15);
  // Gradient x input has no completeness check.
  EXPECT_TRUE(result.checks.empty());
}

// ----- integrated gradients and DeepLIFT on the saturating ReLU -------------------------------

// y = ReLU(1 - ReLU(1 - x1 - x2)) at x = (1, 1): H pre = -1, so H = 0 and the ReLU blocks every
// gradient to the inputs: saliency 0 for both, although y = 1 against y(0) = 0. dy/dH =
// G'(1) x -1 = -1 and dy/dG = 1.
TEST(IntegratedGradients, SaliencyOfTheSaturatedReluIsZero) {
  const Explained hand(test::relu_saturation_net());
  const MethodResult result =
      explain_with(ExplainMethod::kSaliency, hand.inputs(columns({{1, 1}})), ExplainOptions{});
  EXPECT_EQ(result.scores[hand.index("x1")], 0.0);
  EXPECT_EQ(result.scores[hand.index("x2")], 0.0);
  EXPECT_EQ(result.scores[hand.index("H")], 1.0);
  EXPECT_EQ(result.scores[hand.index("G")], 1.0);
}

// Along x(t) = (t, t): H pre = 1 - 2t, G pre = 2t for t <= 1/2, so y = min(2t, 1) and
// dy/dx1 = 1 on 0 < t < 1/2, 0 after; the exact integral is 1/2 per input. With N = 256
// trapezoids on t_k = k/N (all exact in binary), the gradient is 0 at k = 0 (G pre = 0, the ReLU's
// kink counts as 0) and at k = N/2 (H pre = 0), 1 in between, 0 after: the sum is
// (1/N) (1/2 + (N/2 - 2) + 1/2) = 1/2 - 1/N = 127/256 exactly. The kink costs first-order error
// 1/N, so |IG - 1/2| <= 1/256. Completeness: the inputs add up to 1 - 2/N against y(1) - y(0) = 1,
// an error of 2/N = 1/128.
// For the hidden neurons, the Stieltjes sum of dy/dneuron against the neuron's own path: G goes
// from 0 to 1 with dy/dG = 1: exactly 1. H goes from 1 to 0 in steps of -2/N for k < N/2, with
// dy/dH = -G'(2t): 0 at k = 0, -1 after: (1/2)(0 - 1)(-2/N) + (N/2 - 1)(-1)(-2/N) = 1 - 1/N.
TEST(IntegratedGradients, SaturatedReluGetsHalfPerInput) {
  const Explained hand(test::relu_saturation_net());
  ExplainOptions options;
  options.steps = 256;
  const MethodResult result =
      explain_with(ExplainMethod::kIntegratedGradients, hand.inputs(columns({{1, 1}})), options);
  EXPECT_EQ(result.signed_scores[hand.index("x1")], 127.0 / 256);
  EXPECT_EQ(result.signed_scores[hand.index("x2")], 127.0 / 256);
  EXPECT_NEAR(result.scores[hand.index("x1")], 0.5, 1.0 / 256);
  EXPECT_EQ(result.signed_scores[hand.index("G")], 1.0);
  EXPECT_EQ(result.signed_scores[hand.index("H")], 255.0 / 256);
  EXPECT_EQ(check_value(result, "completeness_error_max"), 1.0 / 128);
  EXPECT_EQ(check_value(result, "output_change_mean_abs"), 1.0);
}

// DeepLIFT's rescale rule at x = (1, 1) against 0. Reference pass: H pre 1, H 1, G pre 0, G 0,
// y 0. Secants: H (0 - 1) / (-1 - 1) = 1/2, G (1 - 0) / (1 - 0) = 1. Multipliers from y: G 1,
// H -1 (weight -1 x G's secant 1), inputs -1 x (1/2) x -1 = 1/2; contributions: x1 = x2 =
// 1/2 x (1 - 0) = 1/2, H = -1 x (0 - 1) = 1, G = 1 x (1 - 0) = 1. The inputs add up to
// y(x) - y(0) = 1 exactly.
TEST(DeepLift, SaturatedReluGetsHalfPerInput) {
  const Explained hand(test::relu_saturation_net());
  const MethodResult result =
      explain_with(ExplainMethod::kDeepLift, hand.inputs(columns({{1, 1}})), ExplainOptions{});
  EXPECT_EQ(result.signed_scores[hand.index("x1")], 0.5);
  EXPECT_EQ(result.signed_scores[hand.index("x2")], 0.5);
  EXPECT_EQ(result.signed_scores[hand.index("H")], 1.0);
  EXPECT_EQ(result.signed_scores[hand.index("G")], 1.0);
  EXPECT_EQ(check_value(result, "summation_to_delta_error_max"), 0.0);
  EXPECT_EQ(check_value(result, "output_change_mean_abs"), 1.0);
}

// Against the baseline (0.5, 0.25) the path x(t) = (0.5 + 0.5 t, 0.25 + 0.75 t) has H pre =
// 0.25 - 1.25 t: the gradient to both inputs is 1 up to t = 0.2 (G pre = 1 - H > 0 all along), 0
// after. Exactly, IG = (0.5, 0.75) x 0.2 = (0.1, 0.15), adding up to y(x) - y(x0) = 1 - 0.75.
// With N = 256 (every path point exact in binary) the gradient is 1 at k = 0..51 (t <= 0.19921875)
// and 0 from k = 52 on: the trapezoids give 51.5 / 256 of each input's move, IG = (25.75 / 256,
// 38.625 / 256), adding up to 64.375 / 256 against y(x) - y(x0) = 64 / 256: a completeness error
// of 0.375 / 256, within the kink's first-order bound |x - x0|_1 / N = 1.25 / 256.
TEST(IntegratedGradients, NonZeroBaseline) {
  const Explained hand(test::relu_saturation_net());
  Eigen::VectorXd baseline(2);
  baseline << 0.5, 0.25;
  ExplainOptions options;
  options.steps = 256;
  const MethodResult result = explain_with(ExplainMethod::kIntegratedGradients,
                                           hand.inputs(columns({{1, 1}}), baseline), options);
  EXPECT_EQ(result.signed_scores[hand.index("x1")], 25.75 / 256);
  EXPECT_EQ(result.signed_scores[hand.index("x2")], 38.625 / 256);
  EXPECT_EQ(check_value(result, "completeness_error_max"), 0.375 / 256);
}

// DeepLIFT against the baseline (0.5, 0.25): reference H pre = 0.25, H = 0.25, G pre = G = 0.75,
// y = 0.75. Secants: H (0 - 0.25) / (-1 - 0.25) = 0.2, G (1 - 0.75) / (1 - 0.75) = 1; input
// multipliers (-1)(0.2)(-1) = 0.2; contributions x1: 0.2 x 0.5 = 0.1, x2: 0.2 x 0.75 = 0.15, adding
// up to 0.25 = y(x) - y(x0). H: -1 x (0 - 0.25) = 0.25; G: 1 x 0.25.
TEST(DeepLift, NonZeroBaseline) {
  const Explained hand(test::relu_saturation_net());
  Eigen::VectorXd baseline(2);
  baseline << 0.5, 0.25;
  const MethodResult result = explain_with(
      ExplainMethod::kDeepLift, hand.inputs(columns({{1, 1}}), baseline), ExplainOptions{});
  EXPECT_NEAR(result.signed_scores[hand.index("x1")], 0.1, 1e-15);
  EXPECT_NEAR(result.signed_scores[hand.index("x2")], 0.15, 1e-15);
  EXPECT_NEAR(result.signed_scores[hand.index("H")], 0.25, 1e-15);
  EXPECT_EQ(result.signed_scores[hand.index("G")], 0.25);
  EXPECT_LT(check_value(result, "summation_to_delta_error_max"), 1e-15);
}

// The tanh net against the baseline 0, whose pass has a1 = 0.25, a2 = -0.5.
// Sample (1, 0.5): a1 = 0.25 again, so H1's multiplier is the derivative m1 = tanh'(0.25) (the
// secant is 0/0); m2 = (tanh(1.25) - tanh(-0.5)) / 1.75. Input multipliers as the gradient with
// slopes m: x1: 2 (0.5) m1 - 1.5 m2; x2: -2 m1 - 0.5 m2; contributions c = multiplier x (x - 0):
//   c1 = m1 - 1.5 m2, c2 = 0.5 (-2 m1 - 0.5 m2) = -m1 - 0.25 m2, c1 + c2 = -1.75 m2 = Delta y.
//   H1: 2 x (tanh(0.25) - tanh(0.25)) = 0; H2: -1 x (tanh(1.25) - tanh(-0.5)).
// Sample (-1, 2): a1 = -2.25, a2 = -1: m1 = (tanh(-2.25) - tanh(0.25)) / -2.5,
//   m2 = (tanh(-1) - tanh(-0.5)) / -0.5; c1 = -(m1 - 1.5 m2), c2 = 2 (-2 m1 - 0.5 m2).
TEST(DeepLift, HandTanhNetContributionsAndSummationToDelta) {
  const Explained hand(test::tanh_net());
  ExplainOptions options;
  options.per_sample = true;
  const MethodResult result =
      explain_with(ExplainMethod::kDeepLift, hand.inputs(columns({{1, 0.5}, {-1, 2}})), options);
  const auto x1 = static_cast<Index>(hand.index("x1"));
  const auto x2 = static_cast<Index>(hand.index("x2"));
  const auto h1 = static_cast<Index>(hand.index("H1"));
  const auto h2 = static_cast<Index>(hand.index("H2"));

  const double m1 = tanh_slope(0.25);
  const double m2 = (std::tanh(1.25) - std::tanh(-0.5)) / 1.75;
  EXPECT_NEAR(result.per_sample(x1, 0), m1 - 1.5 * m2, 1e-15);
  EXPECT_NEAR(result.per_sample(x2, 0), -m1 - 0.25 * m2, 1e-15);
  EXPECT_EQ(result.per_sample(h1, 0), 0.0);
  EXPECT_NEAR(result.per_sample(h2, 0), -(std::tanh(1.25) - std::tanh(-0.5)), 1e-15);

  const double n1 = (std::tanh(-2.25) - std::tanh(0.25)) / -2.5;
  const double n2 = (std::tanh(-1.0) - std::tanh(-0.5)) / -0.5;
  EXPECT_NEAR(result.per_sample(x1, 1), -(n1 - 1.5 * n2), 1e-15);
  EXPECT_NEAR(result.per_sample(x2, 1), 2 * (-2 * n1 - 0.5 * n2), 1e-15);
  // H1 changes by tanh(-2.25) - tanh(0.25) and feeds y with weight 2.
  EXPECT_NEAR(result.per_sample(h1, 1), 2 * (std::tanh(-2.25) - std::tanh(0.25)), 1e-15);

  EXPECT_NEAR(result.signed_scores[x1], (m1 - 1.5 * m2 - (n1 - 1.5 * n2)) / 2, 1e-15);
  EXPECT_LT(check_value(result, "summation_to_delta_error_max"), 1e-15);
}

// ----- completeness on smooth networks --------------------------------------------------------

NeuronMatrix drugcell_cohort(const Model<float>& model, Index samples, std::uint64_t seed) {
  return test::random_normal<double>(model.spec().n_inputs(), samples, seed);
}

// On a smooth (tanh, batch norm) DrugCell network the trapezoid rule's error falls as 1/N^2:
// 256 steps leave the completeness error far below 1e-4; DeepLIFT sums to delta to rounding.
TEST(IntegratedGradients, CompletenessOnASmoothDrugCellNetwork) {
  const Explained hand(test::drugcell_random_net(NormOrder::kActivationThenNorm, 71));
  const ExplainInputs inputs = hand.inputs(drugcell_cohort(hand.model, 6, 72));
  ExplainOptions options;
  options.steps = 256;
  const MethodResult integrated =
      explain_with(ExplainMethod::kIntegratedGradients, inputs, options);
  const double error = check_value(integrated, "completeness_error_max");
  EXPECT_LT(error, 1e-4);
  EXPECT_GT(check_value(integrated, "output_change_mean_abs"), 1e-2);  // not a trivial 0 = 0
  std::ostringstream text;
  text << std::scientific << error;
  ::testing::Test::RecordProperty("completeness_error_max_256", text.str());

  const MethodResult deeplift = explain_with(ExplainMethod::kDeepLift, inputs, options);
  EXPECT_LT(check_value(deeplift, "summation_to_delta_error_max"), 1e-9);
}

// With two outputs, output_unit 1 is explained: integrated gradients add up to unit 1's change,
// which differs from unit 0's; weight paths run back from unit 1's neuron.
TEST(IntegratedGradients, ExplainsTheChosenOutputUnit) {
  GenNetOptions gennet;
  gennet.n_outputs = 2;
  gennet.term_layer.activation = Activation::kSigmoid;
  const Explained hand(Model<float>(
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), gennet), 75));
  const NeuronMatrix x = test::random_normal<double>(hand.network.n_inputs(), 4, 76);
  const NeuronValues values = hand.network.forward(x);
  const NeuronValues zero = hand.network.forward(NeuronMatrix::Zero(hand.network.n_inputs(), 1));
  ExplainOptions options;
  options.steps = 256;
  options.output_unit = 1;
  const MethodResult result =
      explain_with(ExplainMethod::kIntegratedGradients, hand.inputs(x), options);
  EXPECT_LT(check_value(result, "completeness_error_max"), 1e-4);
  const Index unit1 = hand.network.output_neurons()[1];
  double mean_abs_change = 0;
  for (Index b = 0; b < 4; ++b)
    mean_abs_change += std::abs(values.post(unit1, b) - zero.post(unit1, 0));
  EXPECT_NEAR(check_value(result, "output_change_mean_abs"), mean_abs_change / 4, 1e-12);

  const MethodResult paths = explain_with(ExplainMethod::kWeightPaths, hand.inputs(x), options);
  const NeuronMatrix expected = hand.network.backward(hand.network.linear_slopes(), 1);
  const std::size_t g1 = hand.index("g1");
  double g1_paths = 0;
  for (Index neuron : hand.entities.entities[g1].neurons) g1_paths += expected(neuron, 0);
  EXPECT_NE(g1_paths, 0.0);
  EXPECT_EQ(paths.signed_scores[g1], g1_paths);
}

// ----- knockout -------------------------------------------------------------------------------

// The hand GenNet net on samples a = (1, 1, 0.5, 1) and b = (0, 2, 1, -1), baseline 0.
//   baseline: gA = ReLU(0.5) = 0.5, gB = ReLU(-1) = 0, T = ReLU(0.75 + 1) = 1.75, y = 1.125.
//   a: gA = ReLU(2 - 1 + 0.5) = 1.5, gB = ReLU(0.5 + 1.5 - 1) = 1, T = ReLU(2.25 - 2 + 1) = 1.25,
//      y = 0.25 + 0.625 + 0.25 = 1.125.
//   b: gA = ReLU(-2 + 0.5) = 0, gB = ReLU(1 + 3 - 1) = 3, T = ReLU(-6 + 1) = 0, y = 0.75 + 0.25
//   = 1.
// gA out (s1 = s2 = 0): a: gA 0.5, gB ReLU(1.5 - 1) = 0.5, T 0.75, y = 0.75: change -0.375;
//   b: gA 0.5, gB 2, T 0, y 0.75: change -0.25. Score (0.375 + 0.25) / 2 = 0.3125, signed -0.3125.
// gB out (s2 = s3 = 0): a: gA 2.5, gB 0, T 4.75, y 2.625: +1.5; b: the baseline, 1.125: +0.125.
//   Score 0.8125.
// gC out (s4 = 0): s4 reaches no output: 0.
// T out (T = 1.75): a: y = 0.25 + 0.875 + 0.25 = 1.375: +0.25; b: y = 0.75 + 0.875 + 0.25 = 1.875:
//   +0.875. Score 0.5625.
// delta_loss with targets (2, 0.5): the original MSE is (0.875^2 + 0.5^2) / 2 = 0.5078125;
//   gA: (1.25^2 + 0.25^2) / 2 - L = 0.8125 - L = 0.3046875;
//   gB: (0.625^2 + 0.625^2) / 2 - L = 0.390625 - L = -0.1171875;
//   T: (0.625^2 + 1.375^2) / 2 - L = 1.140625 - L = 0.6328125.
TEST(Knockout, HandGenNetChangesAndDeltaLoss) {
  const Explained hand(test::gennet_hand_net());
  ExplainInputs inputs = hand.inputs(columns({{1, 1, 0.5, 1}, {0, 2, 1, -1}}));
  inputs.targets = target_row({2.0f, 0.5f});
  const MethodResult result = explain_with(ExplainMethod::kKnockout, inputs, ExplainOptions{});
  EXPECT_EQ(result.scores[hand.index("gA")], 0.3125);
  EXPECT_EQ(result.signed_scores[hand.index("gA")], -0.3125);
  EXPECT_EQ(result.scores[hand.index("gB")], 0.8125);
  EXPECT_EQ(result.signed_scores[hand.index("gB")], 0.8125);
  EXPECT_EQ(result.scores[hand.index("gC")], 0.0);
  EXPECT_EQ(result.scores[hand.index("T")], 0.5625);
  EXPECT_EQ(result.signed_scores[hand.index("T")], 0.5625);
  // Single features are not knocked out.
  EXPECT_TRUE(std::isnan(result.scores[hand.index("s1")]));

  const std::vector<double>& delta_loss = column(result, "delta_loss");
  ASSERT_EQ(delta_loss.size(), result.scores.size());
  EXPECT_EQ(delta_loss[hand.index("gA")], 0.3046875);
  EXPECT_EQ(delta_loss[hand.index("gB")], -0.1171875);
  EXPECT_EQ(delta_loss[hand.index("gC")], 0.0);
  EXPECT_EQ(delta_loss[hand.index("T")], 0.6328125);
  EXPECT_TRUE(std::isnan(delta_loss[hand.index("s2")]));

  // Without targets there is no loss to compare.
  inputs.targets = Matrix<float>();
  const MethodResult untargeted = explain_with(ExplainMethod::kKnockout, inputs, ExplainOptions{});
  EXPECT_TRUE(untargeted.extra_columns.empty());
  for (std::size_t e = 0; e < result.scores.size(); ++e) {
    EXPECT_EQ(std::memcmp(&untargeted.scores[e], &result.scores[e], sizeof(double)), 0) << e;
  }
}

// A knocked-out gene of a DrugCell network (no gene neurons) sets its input features to the
// baseline: on the tanh net G2 = {x2}; at (1, 0.5) with x2 -> 0: a1 = 0.5 + 0.25 = 0.75,
// a2 = 1.5 - 0.5 = 1, so the change is 2 tanh(0.75) - tanh(1) - (2 tanh(0.25) - tanh(1.25)).
TEST(Knockout, DrugCellGeneSetsItsFeaturesToTheBaseline) {
  const Explained hand(test::tanh_net(), tanh_net_genes());
  const MethodResult result =
      explain_with(ExplainMethod::kKnockout, hand.inputs(columns({{1, 0.5}})), ExplainOptions{});
  const double change =
      2 * std::tanh(0.75) - std::tanh(1.0) - (2 * std::tanh(0.25) - std::tanh(1.25));
  EXPECT_NEAR(result.signed_scores[hand.index("G2")], change, 1e-14);
  // G1 = {x1, x2}: everything at the baseline gives y(0) = 2 tanh(0.25) - tanh(-0.5) + 0.5.
  EXPECT_NEAR(result.signed_scores[hand.index("G1")],
              2 * std::tanh(0.25) - std::tanh(-0.5) - (2 * std::tanh(0.25) - std::tanh(1.25)),
              1e-14);
}

// ----- permutation ----------------------------------------------------------------------------

// With two samples a permutation either keeps the order (rise 0) or swaps them. The hand GenNet net
// on a and b (values above) with targets (1, 1): original MSE (0.125^2 + 0) / 2 = 0.0078125.
//   gA swapped (s1, s2): a gets (0, 2, 0.5): gA 0, gB 1.5, T 0, y 0.625; b gets (1, 1, 1): gA 1.5,
//     gB 2.5, T ReLU(2.25 - 5 + 1) = 0, y 0.875. MSE (0.375^2 + 0.125^2) / 2 = 0.078125:
//     rise 0.0703125.
//   gB swapped (s2, s3): a gets (1, 2, 1): gA 0.5, gB 3, T 0, y 1; b gets (0, 1, 0.5): gA 0, gB 1,
//     T 0, y 0.5. MSE (0 + 0.5^2) / 2 = 0.125: rise 0.1171875.
//   T swapped (1.25 <-> 0): a: y 0.5, b: y 0.75 + 0.625 + 0.25 = 1.625. MSE (0.25 + 0.390625) / 2
//     = 0.3203125: rise 0.3125.
//   gC swapped (s4): reaches nothing: rise exactly 0.
// Every entity sees the same k swaps out of R repeats, so score = (k / R) x its swap rise, with
// one k for all, and the sample sd of k copies of r and R - k zeros is r sqrt(k (R - k) / (R
//
TEST(Permutation, TwoSamplesEitherSwapOrNot) {
  const Explained hand(test::gennet_hand_net());
  ExplainInputs inputs = hand.inputs(columns({{1, 1, 0.5, 1}, {0, 2, 1, -1}}));
  inputs.targets = target_row({1.0f, 1.0f});
  ExplainOptions options;
  options.repeats = 40;
  options.seed = 5;
  const MethodResult result = explain_with(ExplainMethod::kPermutation, inputs, options);
  const std::vector<double>& sd = column(result, "sd");
  ASSERT_EQ(sd.size(), result.scores.size());

  EXPECT_EQ(result.scores[hand.index("gC")], 0.0);
  EXPECT_EQ(sd[hand.index("gC")], 0.0);
  EXPECT_TRUE(std::isnan(result.scores[hand.index("s1")]));
  EXPECT_TRUE(std::isnan(sd[hand.index("s1")]));

  const double swapped_fraction = result.scores[hand.index("T")] / 0.3125;
  const double k = std::round(swapped_fraction * 40);
  EXPECT_NEAR(swapped_fraction, k / 40, 1e-12);
  // Seeded, so deterministic; a fair coin 40 times is neither always heads nor always tails.
  EXPECT_GT(k, 0);
  EXPECT_LT(k, 40);
  const double spread = std::sqrt(k * (40 - k) / (40.0 * 39.0));
  const std::vector<std::pair<std::string, double>> rises = {
      {"gA", 0.0703125}, {"gB", 0.1171875}, {"T", 0.3125}};
  for (const auto& [id, rise] : rises) {
    EXPECT_GT(result.scores[hand.index(id)], 0.0) << id;
    EXPECT_NEAR(result.scores[hand.index(id)], k / 40 * rise, 1e-12) << id;
    EXPECT_EQ(result.signed_scores[hand.index(id)], result.scores[hand.index(id)]) << id;
    EXPECT_NEAR(sd[hand.index(id)], rise * spread, 1e-12) << id;
  }
}

TEST(Permutation, NeedsTargetsAndTwoSamples) {
  const Explained hand(test::gennet_hand_net());
  ExplainInputs inputs = hand.inputs(columns({{1, 1, 0.5, 1}, {0, 2, 1, -1}}));
  try {
    explain_with(ExplainMethod::kPermutation, inputs, ExplainOptions{});
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "explain.method");
    EXPECT_NE(std::string(error.what()).find("targets"), std::string::npos) << error.what();
  }
  inputs = hand.inputs(columns({{1, 1, 0.5, 1}}));
  inputs.targets = target_row({1.0f});
  try {
    explain_with(ExplainMethod::kPermutation, inputs, ExplainOptions{});
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "explain.samples");
    EXPECT_NE(std::string(error.what()).find("at least 2 samples"), std::string::npos)
        << error.what();
  }
}

// ----- RLIPP ----------------------------------------------------------------------------------

// RLIPP scores terms only, from the term's neurons (T) and the neurons feeding it (gA, gB), against
// the model's output when there are no targets: the same numbers rlipp_score gives on those rows.
TEST(RlippAttribution, ScoresTermsFromTheirNeuronsAndTheNeuronsFeedingThem) {
  const Explained hand(test::gennet_hand_net());
  const NeuronMatrix x = test::random_normal<double>(4, 40, 81);
  const MethodResult result = explain_with(ExplainMethod::kRlipp, hand.inputs(x), ExplainOptions{});
  const std::vector<double>& term_correlation = column(result, "term_correlation");
  const std::vector<double>& input_correlation = column(result, "input_correlation");

  const NeuronValues values = hand.network.forward(x);
  const Eigen::MatrixXd term = values.post.row(7);
  const Eigen::MatrixXd feeding = values.post.middleRows(4, 2);
  const Eigen::VectorXd output = values.post.row(8).transpose();
  const RlippScore expected =
      rlipp_score(term, feeding, std::vector<double>(output.data(), output.data() + output.size()),
                  RlippOptions{});
  const std::size_t t = hand.index("T");
  EXPECT_TRUE(std::isfinite(term_correlation[t]));
  EXPECT_TRUE(std::isfinite(input_correlation[t]));
  EXPECT_EQ(term_correlation[t], expected.term_correlation);
  EXPECT_EQ(input_correlation[t], expected.input_correlation);
  EXPECT_EQ(result.scores[t], expected.rlipp);
  for (const char* id : {"s1", "gA", "gC"}) {
    EXPECT_TRUE(std::isnan(result.scores[hand.index(id)])) << id;
    EXPECT_TRUE(std::isnan(term_correlation[hand.index(id)])) << id;
  }
}

// ----- thread count, per-sample matrix, options -----------------------------------------------

TEST(ExplainWith, ScoresDoNotDependOnTheThreadCount) {
  const Explained hand(test::drugcell_random_net(NormOrder::kActivationThenNorm, 91));
  ExplainInputs inputs = hand.inputs(drugcell_cohort(hand.model, 7, 92));
  inputs.targets = test::random_normal<float>(1, 7, 93);
  ExplainOptions options;
  options.steps = 16;
  options.repeats = 3;
  options.batch_size = 2;  // four batches of samples
  options.per_sample = true;
  for (ExplainMethod method : {ExplainMethod::kIntegratedGradients, ExplainMethod::kPermutation,
                               ExplainMethod::kDeepLift, ExplainMethod::kKnockout}) {
    options.threads = 1;
    const MethodResult one = explain_with(method, inputs, options);
    options.threads = 2;
    const MethodResult two = explain_with(method, inputs, options);
    ASSERT_EQ(one.scores.size(), hand.entities.entities.size());
    for (std::size_t e = 0; e < one.scores.size(); ++e) {
      // Bitwise: NaN where unscored on both sides, else the same double.
      EXPECT_EQ(std::memcmp(&one.scores[e], &two.scores[e], sizeof(double)), 0)
          << explain_method_name(method) << " entity " << e;
      EXPECT_EQ(std::memcmp(&one.signed_scores[e], &two.signed_scores[e], sizeof(double)), 0)
          << explain_method_name(method) << " entity " << e;
    }
    EXPECT_EQ(one.per_sample, two.per_sample) << explain_method_name(method);
  }
}

// The per-sample matrix is the signed attribution of each entity and sample: its row means are
// the signed scores and its mean absolute values the scores.
TEST(ExplainWith, PerSampleMatrixAddsUpToTheScores) {
  const Explained hand(test::drugcell_random_net(NormOrder::kNormThenActivation, 95));
  const ExplainInputs inputs = hand.inputs(drugcell_cohort(hand.model, 5, 96));
  ExplainOptions options;
  options.steps = 8;
  options.batch_size = 2;
  options.per_sample = true;
  const MethodResult result = explain_with(ExplainMethod::kIntegratedGradients, inputs, options);
  ASSERT_EQ(result.per_sample.rows(), static_cast<Index>(hand.entities.entities.size()));
  ASSERT_EQ(result.per_sample.cols(), 5);
  for (Index e = 0; e < result.per_sample.rows(); ++e) {
    const auto entity = static_cast<std::size_t>(e);
    EXPECT_NEAR(result.per_sample.row(e).mean(), result.signed_scores[entity], 1e-12);
    EXPECT_NEAR(result.per_sample.row(e).cwiseAbs().mean(), result.scores[entity], 1e-12);
  }
  options.per_sample = false;
  EXPECT_EQ(explain_with(ExplainMethod::kIntegratedGradients, inputs, options).per_sample.size(),
            0);
}

void expect_config_error(ExplainMethod method, const ExplainInputs& inputs,
                         const ExplainOptions& options, const std::string& path) {
  try {
    explain_with(method, inputs, options);
    ADD_FAILURE() << "expected a ConfigError naming " << path;
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), path);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
}

TEST(ExplainWith, RejectsBadOptionsNamingTheOption) {
  const Explained hand(test::tanh_net());
  const ExplainInputs inputs = hand.inputs(columns({{1, 0.5}}));
  ExplainOptions options;
  options.output_unit = 1;  // one output: only unit 0
  expect_config_error(ExplainMethod::kSaliency, inputs, options, "explain.output_unit");
  options.output_unit = -1;
  expect_config_error(ExplainMethod::kWeightPaths, inputs, options, "explain.output_unit");
  options = ExplainOptions{};
  options.steps = 0;
  expect_config_error(ExplainMethod::kIntegratedGradients, inputs, options, "explain.steps");
  options = ExplainOptions{};
  options.repeats = 0;
  expect_config_error(ExplainMethod::kKnockout, inputs, options, "explain.repeats");
  options = ExplainOptions{};
  options.threads = 0;
  expect_config_error(ExplainMethod::kDeepLift, inputs, options, "explain.threads");
  options = ExplainOptions{};
  options.batch_size = 0;
  expect_config_error(ExplainMethod::kSaliency, inputs, options, "explain.batch_size");
  // Per-sample methods need a sample.
  expect_config_error(ExplainMethod::kSaliency, hand.inputs(NeuronMatrix::Zero(2, 0)),
                      ExplainOptions{}, "explain.samples");
}

TEST(ExplainWith, OutputUnitMessageGivesTheRange) {
  const Explained hand(test::tanh_net());
  ExplainOptions options;
  options.output_unit = 3;
  try {
    explain_with(ExplainMethod::kSaliency, hand.inputs(columns({{1, 0.5}})), options);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("must be in [0, 0], got 3"), std::string::npos)
        << error.what();
  }
}

TEST(ExplainMethods, NamesRoundTripAndUnknownNamesAreListed) {
  for (ExplainMethod method : all_explain_methods()) {
    EXPECT_EQ(parse_explain_method(explain_method_name(method), "explain.methods"), method);
  }
  EXPECT_EQ(all_explain_methods().size(), 8u);
  try {
    parse_explain_method("shap", "explain.methods[2]");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "explain.methods[2]");
    EXPECT_NE(std::string(error.what()).find("unknown method 'shap'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("integrated_gradients"), std::string::npos);
  }
}

}  // namespace
}  // namespace ontonet
