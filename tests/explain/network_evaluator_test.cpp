// NetworkEvaluator, the double-precision inference pass behind every attribution: its forward
// values on hand-set networks against values worked out on paper (batch norm folded in either
// order), its backward pass against the float32 tape and against central finite differences,
// pinned re-evaluation (forward_from) and the slopes each method family uses.
#include "ontonet/explain/network_evaluator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "hand_networks.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::columns;
using test::kNormEpsilon;

double tanh_slope(double z) { return 1.0 - std::tanh(z) * std::tanh(z); }

TEST(NetworkEvaluator, ForwardOfHandTanhNetEqualsHandValues) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  EXPECT_EQ(network.n_neurons(), 5);
  EXPECT_EQ(network.n_inputs(), 2);
  EXPECT_EQ(network.output_neurons(), std::vector<Index>{4});
  EXPECT_EQ(network.level_of(2), 0);
  EXPECT_EQ(network.level_of(3), 0);
  EXPECT_EQ(network.level_of(4), 1);

  const NeuronValues values = network.forward(columns({{1, 0.5}, {-1, 2}}));
  // Sample (1, 0.5): H1 pre = 0.5 - 0.5 + 0.25 = 0.25, H2 pre = 1.5 + 0.25 - 0.5 = 1.25.
  // Sample (-1, 2):  H1 pre = -0.5 - 2 + 0.25 = -2.25, H2 pre = -1.5 + 1 - 0.5 = -1.
  EXPECT_EQ(values.pre(2, 0), 0.25);
  EXPECT_EQ(values.pre(3, 0), 1.25);
  EXPECT_EQ(values.pre(2, 1), -2.25);
  EXPECT_EQ(values.pre(3, 1), -1.0);
  EXPECT_DOUBLE_EQ(values.post(2, 0), std::tanh(0.25));
  EXPECT_DOUBLE_EQ(values.post(3, 1), std::tanh(-1.0));
  // Inputs pass through: pre = post = x.
  EXPECT_EQ(values.pre(1, 1), 2.0);
  EXPECT_EQ(values.post(0, 1), -1.0);
  // y = 2 H1 - H2 + 0.5, and the output is the identity of its pre-activation.
  EXPECT_NEAR(values.post(4, 0), 2 * std::tanh(0.25) - std::tanh(1.25) + 0.5, 1e-15);
  EXPECT_NEAR(values.post(4, 1), 2 * std::tanh(-2.25) - std::tanh(-1.0) + 0.5, 1e-15);
  EXPECT_EQ(values.pre(4, 1), values.post(4, 1));
}

// Neurons with no path to the main output are not evaluated: their pre and post are 0. In the
// hand GenNet net gC = ReLU(s4) feeds nothing, so at s4 = 1 it reads 0, not 1; DrugCell's
// auxiliary heads (after the output) read 0 too, while every term reaches the output.
TEST(NetworkEvaluator, NeuronsWithoutPathToTheOutputAreZero) {
  const Model<float> hand = test::gennet_hand_net();
  const NeuronValues values = NetworkEvaluator(hand).forward(columns({{1, 1, 0.5, 1}}));
  EXPECT_EQ(values.post(6, 0), 0.0);
  EXPECT_EQ(values.pre(6, 0), 0.0);
  EXPECT_EQ(values.post(4, 0), 1.5);  // gA = ReLU(2 - 1 + 0.5) is evaluated

  const Model<float> drugcell = test::drugcell_random_net(NormOrder::kActivationThenNorm, 31);
  const NetworkEvaluator network(drugcell);
  const NeuronValues drugcell_values =
      network.forward(test::random_normal<double>(network.n_inputs(), 2, 32));
  for (const NeuronBlock& block : drugcell.spec().blocks) {
    const bool auxiliary =
        block.kind == NeuronKind::kAuxiliaryHidden || block.kind == NeuronKind::kAuxiliaryOutput;
    const bool term = block.kind == NeuronKind::kTerm;
    if (!auxiliary && !term) continue;
    const auto rows = drugcell_values.post.middleRows(block.first_neuron, block.n_neurons);
    EXPECT_EQ(rows.isZero(0.0), auxiliary) << block.entity;
  }
}

TEST(NetworkEvaluator, RejectsInputOfWrongWidth) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  try {
    network.forward(NeuronMatrix::Zero(3, 1));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("3 features, the network expects 2"),
              std::string::npos)
        << error.what();
  }
}

// Batch norm in inference mode with gamma (2, 0.5), beta (0.25, -0.75), running mean (0.5, -0.25)
// and running var (4, 0.25): per neuron s = gamma / sqrt(var + eps), and
//   activation then norm: post = s (tanh(pre) - mean) + beta
//   norm then activation: post = tanh(s (pre - mean) + beta).
// pre1 = 0.5 x + 0.25 and pre2 = -x + 0.5: at x = 1, (0.75, -0.5); at x = -0.5, (0, 1).
TEST(NetworkEvaluator, FoldsBatchNormAfterTheActivation) {
  const Model<float> model = test::batch_norm_net(NormOrder::kActivationThenNorm);
  const NetworkEvaluator network(model);
  const NeuronValues values = network.forward(columns({{1}, {-0.5}}));
  const double s1 = 2 / std::sqrt(4 + kNormEpsilon);
  const double s2 = 0.5 / std::sqrt(0.25 + kNormEpsilon);
  const double post1[] = {s1 * (std::tanh(0.75) - 0.5) + 0.25, s1 * (std::tanh(0.0) - 0.5) + 0.25};
  const double post2[] = {s2 * (std::tanh(-0.5) + 0.25) - 0.75,
                          s2 * (std::tanh(1.0) + 0.25) - 0.75};
  for (Index b = 0; b < 2; ++b) {
    EXPECT_NEAR(values.post(1, b), post1[b], 1e-10) << "sample " << b;
    EXPECT_NEAR(values.post(2, b), post2[b], 1e-10) << "sample " << b;
    // y = post1 - 2 post2 + 0.125
    EXPECT_NEAR(values.post(3, b), post1[b] - 2 * post2[b] + 0.125, 1e-10) << "sample " << b;
  }
  // x = -0.5 gives pre1 = 0: tanh(0) = 0, so post1 = -0.5 s1 + 0.25 = 0.25 - 1/sqrt(4 + eps).
  EXPECT_NEAR(values.post(1, 1), 0.25 - 1 / std::sqrt(4 + kNormEpsilon), 1e-10);

  // d y / d x = s1 tanh'(pre1) 0.5 - 2 s2 tanh'(pre2) (-1).
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(values), 0);
  EXPECT_NEAR(d_post(0, 0), 0.5 * s1 * tanh_slope(0.75) + 2 * s2 * tanh_slope(-0.5), 1e-10);
  EXPECT_NEAR(d_post(0, 1), 0.5 * s1 * tanh_slope(0.0) + 2 * s2 * tanh_slope(1.0), 1e-10);
}

TEST(NetworkEvaluator, FoldsBatchNormBeforeTheActivation) {
  const Model<float> model = test::batch_norm_net(NormOrder::kNormThenActivation);
  const NetworkEvaluator network(model);
  const NeuronValues values = network.forward(columns({{1}, {-0.5}}));
  const double s1 = 2 / std::sqrt(4 + kNormEpsilon);
  const double s2 = 0.5 / std::sqrt(0.25 + kNormEpsilon);
  // Normalized pre-activations: z1 = s1 (pre1 - 0.5) + 0.25, z2 = s2 (pre2 + 0.25) - 0.75.
  const double z1[] = {s1 * 0.25 + 0.25, s1 * -0.5 + 0.25};
  const double z2[] = {s2 * -0.25 - 0.75, s2 * 1.25 - 0.75};
  for (Index b = 0; b < 2; ++b) {
    EXPECT_NEAR(values.post(1, b), std::tanh(z1[b]), 1e-10) << "sample " << b;
    EXPECT_NEAR(values.post(2, b), std::tanh(z2[b]), 1e-10) << "sample " << b;
    EXPECT_NEAR(values.post(3, b), std::tanh(z1[b]) - 2 * std::tanh(z2[b]) + 0.125, 1e-10);
  }
  // At x = 1, z2 = -0.25 s2 - 0.75 with s2 ~ 1: about -1, a value one can check by eye.
  EXPECT_NEAR(z2[0], -1.0, 1e-4);

  // d y / d x = tanh'(z1) s1 0.5 - 2 tanh'(z2) s2 (-1).
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(values), 0);
  for (Index b = 0; b < 2; ++b) {
    EXPECT_NEAR(d_post(0, b), 0.5 * s1 * tanh_slope(z1[b]) + 2 * s2 * tanh_slope(z2[b]), 1e-10);
  }
}

// The float32 tape in inference mode computes the same network: outputs agree to float precision.
TEST(NetworkEvaluator, BatchNormForwardAgreesWithTapeInInferenceMode) {
  for (NormOrder order : {NormOrder::kActivationThenNorm, NormOrder::kNormThenActivation}) {
    Model<float> model = test::batch_norm_net(order);
    const NetworkEvaluator network(model);
    const NeuronMatrix x = columns({{1}, {-0.5}, {2}});
    Tape<float> tape;
    tape.set_training(false);
    const ModelOutputs outputs = model.forward(tape, Matrix<float>(x.cast<float>()));
    const NeuronValues values = network.forward(x);
    for (Index b = 0; b < x.cols(); ++b) {
      EXPECT_NEAR(values.post(3, b), tape.value(outputs.output)(0, b), 1e-5)
          << norm_order_name(order) << " sample " << b;
    }
  }
}

// Largest |a - b| / max(1, |b|) over all entries.
double max_scaled_difference(const NeuronMatrix& a, const NeuronMatrix& b) {
  return ((a - b).cwiseAbs().array() / b.cwiseAbs().array().max(1.0)).maxCoeff();
}

// backward(derivative_slopes) is d output / d post of every neuron; the tape gives the same as
// the grad of each level's node after seeding the output with ones. Auxiliary heads come after the
// output, so both give them 0.
void expect_backward_equals_tape(Model<float>& model, const NeuronMatrix& x) {
  const NetworkEvaluator network(model);
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(network.forward(x)), 0);

  Tape<float> tape;
  tape.set_training(false);
  const ModelOutputs outputs = model.forward(tape, Matrix<float>(x.cast<float>()));
  tape.backward(outputs.output, Matrix<float>::Ones(1, x.cols()));
  NeuronMatrix tape_d_post(network.n_neurons(), x.cols());
  tape_d_post.topRows(network.n_inputs()) = tape.grad(outputs.input).cast<double>();
  for (std::size_t l = 0; l < model.levels().size(); ++l) {
    const ModelLevel<float>& level = model.levels()[l];
    tape_d_post.middleRows(level.first_neuron, level.n_neurons) =
        tape.grad(outputs.levels[l]).cast<double>();
  }
  EXPECT_LT(max_scaled_difference(d_post, tape_d_post), 2e-5);
  // The rows after the output's level are exactly 0 on both sides.
  const ModelLevel<float>& output_level =
      model.levels()[static_cast<std::size_t>(network.level_of(network.output_neurons()[0]))];
  const Index rest = network.n_neurons() - output_level.first_neuron - output_level.n_neurons;
  EXPECT_TRUE(tape_d_post.bottomRows(rest).isZero(0.0));
  EXPECT_TRUE(d_post.bottomRows(rest).isZero(0.0));
}

TEST(NetworkEvaluator, BackwardEqualsTapeGradientOnDrugCellNetworks) {
  for (NormOrder order : {NormOrder::kActivationThenNorm, NormOrder::kNormThenActivation}) {
    Model<float> model = test::drugcell_random_net(order, 41);
    ASSERT_GT(model.levels().size(), 4u);  // terms at 3 heights, output, auxiliary heads
    const NeuronMatrix x = test::random_normal<double>(model.spec().n_inputs(), 5, 42);
    expect_backward_equals_tape(model, x);
  }
}

TEST(NetworkEvaluator, BackwardEqualsTapeGradientOnReluSigmoidGenNet) {
  Model<float> model = test::gennet_random_net(43);
  const NeuronMatrix x = test::random_normal<double>(model.spec().n_inputs(), 4, 44);
  expect_backward_equals_tape(model, x);
}

// With two outputs, unit 1's backward pass is the tape's gradient seeded with ones on output row 1
// and zeros on row 0.
TEST(NetworkEvaluator, BackwardOfSecondOutputUnitEqualsTapeGradient) {
  GenNetOptions options;
  options.n_outputs = 2;
  options.term_layer.activation = Activation::kSigmoid;
  Model<float> model(
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options), 45);
  const NetworkEvaluator network(model);
  ASSERT_EQ(network.output_neurons().size(), 2u);
  const NeuronMatrix x = test::random_normal<double>(network.n_inputs(), 3, 46);
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(network.forward(x)), 1);

  Tape<float> tape;
  tape.set_training(false);
  const ModelOutputs outputs = model.forward(tape, Matrix<float>(x.cast<float>()));
  Matrix<float> seed = Matrix<float>::Zero(2, x.cols());
  seed.row(1).setOnes();
  tape.backward(outputs.output, seed);
  const NeuronMatrix tape_d_input = tape.grad(outputs.input).cast<double>();
  EXPECT_LT(max_scaled_difference(d_post.topRows(network.n_inputs()), tape_d_input), 2e-5);
  EXPECT_EQ(d_post(network.output_neurons()[0], 0), 0.0);
  EXPECT_EQ(d_post(network.output_neurons()[1], 0), 1.0);
}

// Central differences of the double-precision forward pass, for every input (perturbing x) and
// every hidden neuron (pinning its value with forward_from). Step 1e-5: the truncation error
// h^2 f''' / 6 is ~1e-11 and the rounding error ~1e-16 / h = 1e-11.
void expect_backward_equals_finite_differences(const Model<float>& model, const NeuronMatrix& x) {
  constexpr double kStep = 1e-5;
  const NetworkEvaluator network(model);
  const Index output = network.output_neurons()[0];
  const NeuronValues values = network.forward(x);
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(values), 0);
  double worst = 0;
  for (Index neuron = 0; neuron < network.n_neurons(); ++neuron) {
    if (neuron == output) continue;
    Eigen::RowVectorXd numeric;
    if (neuron < network.n_inputs()) {
      NeuronMatrix up = x;
      NeuronMatrix down = x;
      up.row(neuron).array() += kStep;
      down.row(neuron).array() -= kStep;
      numeric = (network.forward(up).post.row(output) - network.forward(down).post.row(output)) /
                (2 * kStep);
    } else {
      const auto pinned = [&](double step) {
        NeuronValues pinned_values = values;
        const NeuronOverride pin{{neuron}, values.post.row(neuron).array() + step};
        network.forward_from(pinned_values, pin);
        return Eigen::RowVectorXd(pinned_values.post.row(output));
      };
      numeric = (pinned(kStep) - pinned(-kStep)) / (2 * kStep);
    }
    for (Index b = 0; b < x.cols(); ++b) {
      const double error = std::abs(d_post(neuron, b) - numeric[b]);
      EXPECT_LT(error, 1e-8) << "neuron " << neuron << " sample " << b << ": analytic "
                             << d_post(neuron, b) << ", numeric " << numeric[b];
      worst = std::max(worst, error);
    }
  }
  std::ostringstream text;
  text << std::scientific << worst;
  ::testing::Test::RecordProperty("worst_absolute_error", text.str());
}

TEST(NetworkEvaluator, BackwardEqualsFiniteDifferencesOnDrugCellNetworks) {
  for (NormOrder order : {NormOrder::kActivationThenNorm, NormOrder::kNormThenActivation}) {
    const Model<float> model = test::drugcell_random_net(order, 51);
    expect_backward_equals_finite_differences(
        model, test::random_normal<double>(model.spec().n_inputs(), 3, 52));
  }
}

TEST(NetworkEvaluator, BackwardEqualsFiniteDifferencesOnReluSigmoidGenNet) {
  const Model<float> model = test::gennet_random_net(53);
  expect_backward_equals_finite_differences(
      model, test::random_normal<double>(model.spec().n_inputs(), 3, 54));
}

// On the tanh net, by the chain rule: d y / d H1 = 2, d y / d H2 = -1, and with
// d1 = tanh'(H1 pre), d2 = tanh'(H2 pre): d y / d x1 = 2 d1 0.5 - d2 1.5, d y / d x2 = -2 d1 - 0.5
// d2.
TEST(NetworkEvaluator, BackwardOfHandNetFollowsTheChainRule) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  const NeuronValues values = network.forward(columns({{1, 0.5}, {-1, 2}}));
  const NeuronMatrix d_post = network.backward(network.derivative_slopes(values), 0);
  const double pre1[] = {0.25, -2.25};
  const double pre2[] = {1.25, -1.0};
  for (Index b = 0; b < 2; ++b) {
    const double d1 = tanh_slope(pre1[b]);
    const double d2 = tanh_slope(pre2[b]);
    EXPECT_EQ(d_post(4, b), 1.0);
    EXPECT_EQ(d_post(3, b), -1.0);
    EXPECT_EQ(d_post(2, b), 2.0);
    EXPECT_NEAR(d_post(0, b), d1 - 1.5 * d2, 1e-15);
    EXPECT_NEAR(d_post(1, b), -2 * d1 - 0.5 * d2, 1e-15);
  }
}

// Pinning H1 to 0.3 for every sample gives y = 2 (0.3) - H2 + 0.5 = 1.1 - tanh(H2 pre).
TEST(NetworkEvaluator, ForwardFromWithPinnedHiddenNeuronEqualsHandValue) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  NeuronValues values = network.forward(columns({{1, 0.5}, {-1, 2}}));
  const NeuronOverride pin{{2}, NeuronMatrix::Constant(1, 1, 0.3)};
  EXPECT_EQ(network.forward_from(values, pin), (std::vector<Index>{2, 4}));  // not H2
  EXPECT_EQ(values.post(2, 0), 0.3);
  EXPECT_EQ(values.post(2, 1), 0.3);
  EXPECT_DOUBLE_EQ(values.post(3, 0), std::tanh(1.25));  // H2 is recomputed, unchanged
  EXPECT_NEAR(values.post(4, 0), 1.1 - std::tanh(1.25), 1e-15);
  EXPECT_NEAR(values.post(4, 1), 1.1 - std::tanh(-1.0), 1e-15);
}

// Pinning an input per sample re-evaluates the whole network: the result is, bit for bit, the
// forward pass of the data with that input replaced.
TEST(NetworkEvaluator, ForwardFromWithPinnedInputEqualsFreshForward) {
  const Model<float> model = test::drugcell_random_net(NormOrder::kActivationThenNorm, 61);
  const NetworkEvaluator network(model);
  NeuronMatrix x = test::random_normal<double>(network.n_inputs(), 3, 62);
  NeuronValues values = network.forward(x);
  NeuronOverride pin{{1, 4}, NeuronMatrix(2, 3)};
  pin.values << 0.5, -1, 2,  //
      0, 0, 0.25;
  network.forward_from(values, pin);
  x.row(1) = pin.values.row(0);
  x.row(4) = pin.values.row(1);
  const NeuronValues fresh = network.forward(x);
  EXPECT_EQ(values.post, fresh.post);
  EXPECT_EQ(values.pre, fresh.pre);
}

// Two pins in different levels: the output is pinned last and keeps its value whatever H1 does.
TEST(NetworkEvaluator, ForwardFromKeepsEveryPinnedNeuron) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  NeuronValues values = network.forward(columns({{1, 0.5}}));
  const NeuronOverride pin{{2, 4}, columns({{-1, 7}})};
  network.forward_from(values, pin);
  EXPECT_EQ(values.post(2, 0), -1.0);
  EXPECT_EQ(values.post(4, 0), 7.0);
}

// Only the neurons downstream of a pin are evaluated again (ForwardFromWithPinnedInputEqualsFresh-
// Forward shows the result equals a fresh pass bit for bit): pinning one neuron of the first level
// of a DrugCell network leaves every neuron it does not reach as it was.
TEST(NetworkEvaluator, ForwardFromTouchesOnlyWhatThePinReaches) {
  const Model<float> model = test::drugcell_random_net(NormOrder::kNormThenActivation, 63);
  const NetworkEvaluator network(model);
  const NeuronValues original =
      network.forward(test::random_normal<double>(network.n_inputs(), 4, 64));
  const Index neuron = network.n_inputs();  // the first neuron of the first level
  NeuronValues values = original;
  const NeuronOverride pin{{neuron}, NeuronMatrix::Constant(1, 1, 0.7)};
  const std::vector<Index> changed = network.forward_from(values, pin);
  ASSERT_FALSE(changed.empty());
  EXPECT_EQ(changed.front(), neuron);
  EXPECT_LT(changed.size(), static_cast<std::size_t>(network.n_neurons() - network.n_inputs()));
  // Every other neuron kept its value; the output did change.
  for (Index n = 0; n < network.n_neurons(); ++n) {
    if (std::binary_search(changed.begin(), changed.end(), n)) continue;
    EXPECT_EQ(values.post.row(n), original.post.row(n)) << "neuron " << n;
  }
  EXPECT_NE(values.post.row(network.output_neurons()[0]),
            original.post.row(network.output_neurons()[0]));
  // Pinning the same value again changes nothing further.
  NeuronValues again = values;
  network.forward_from(again, pin);
  EXPECT_EQ(again.post, values.post);
}

TEST(NetworkEvaluator, ForwardFromRequiresSortedDistinctPins) {
  const Model<float> model = test::tanh_net();
  const NetworkEvaluator network(model);
  NeuronValues values = network.forward(columns({{1, 0.5}}));
  const NeuronOverride unsorted{{3, 2}, columns({{0.1, 0.2}})};
  EXPECT_THROW(network.forward_from(values, unsorted), InternalError);
  const NeuronOverride repeated{{2, 2}, columns({{0.1, 0.2}})};
  EXPECT_THROW(network.forward_from(values, repeated), InternalError);
}

// Without batch norm every slope is 1; with it, the folded scale gamma / sqrt(var + eps) whatever
// the order (the identity commutes with the affine map).
TEST(NetworkEvaluator, LinearSlopesAreTheFoldedBatchNormScales) {
  for (NormOrder order : {NormOrder::kActivationThenNorm, NormOrder::kNormThenActivation}) {
    const Model<float> model = test::batch_norm_net(order);
    const NeuronMatrix slopes = NetworkEvaluator(model).linear_slopes();
    ASSERT_EQ(slopes.rows(), 4);
    ASSERT_EQ(slopes.cols(), 1);
    EXPECT_EQ(slopes(0, 0), 1.0);
    EXPECT_NEAR(slopes(1, 0), 2 / std::sqrt(4 + kNormEpsilon), 1e-12);
    EXPECT_NEAR(slopes(2, 0), 0.5 / std::sqrt(0.25 + kNormEpsilon), 1e-12);
    EXPECT_EQ(slopes(3, 0), 1.0);
  }
  const NeuronMatrix plain = NetworkEvaluator(test::tanh_net()).linear_slopes();
  EXPECT_TRUE(plain.isOnes(0.0));
}

// DeepLIFT's secant Delta post / Delta pre, on the ReLU net at x = (1, 1) against x = 0:
// H: pre -1 vs 1, post 0 vs 1: slope (0 - 1) / (-1 - 1) = 0.5; G: pre 1 vs 0, post 1 vs 0: 1.
// On the tanh net at (1, 0.5) against 0, H1's pre is 0.25 both times, so its slope is the
// derivative tanh'(0.25); H2's is (tanh(1.25) - tanh(-0.5)) / 1.75.
TEST(NetworkEvaluator, RescaleSlopesAreSecantsOrTheMidpointDerivative) {
  const Model<float> relu_model = test::relu_saturation_net();
  const NetworkEvaluator relu(relu_model);
  const NeuronMatrix relu_slopes =
      relu.rescale_slopes(relu.forward(columns({{1, 1}})), relu.forward(columns({{0, 0}})));
  EXPECT_EQ(relu_slopes(0, 0), 1.0);
  EXPECT_EQ(relu_slopes(1, 0), 1.0);
  EXPECT_EQ(relu_slopes(2, 0), 0.5);
  EXPECT_EQ(relu_slopes(3, 0), 1.0);
  EXPECT_EQ(relu_slopes(4, 0), 1.0);

  const Model<float> tanh_model = test::tanh_net();
  const NetworkEvaluator tanh(tanh_model);
  const NeuronMatrix tanh_slopes =
      tanh.rescale_slopes(tanh.forward(columns({{1, 0.5}})), tanh.forward(columns({{0, 0}})));
  EXPECT_DOUBLE_EQ(tanh_slopes(2, 0), tanh_slope(0.25));
  EXPECT_NEAR(tanh_slopes(3, 0), (std::tanh(1.25) - std::tanh(-0.5)) / 1.75, 1e-15);
}

}  // namespace
}  // namespace ontonet
