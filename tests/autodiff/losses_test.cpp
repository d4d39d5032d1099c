#include "ontonet/autodiff/losses.hpp"

#include "gradient_check.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ontonet {
namespace {

using test::check_gradients;
using test::random_matrix;

Vector<double> vec(std::initializer_list<double> values) {
  Vector<double> v(static_cast<Index>(values.size()));
  Index i = 0;
  for (double value : values) v[i++] = value;
  return v;
}

// Slow term-by-term reference of the Breslow negative log partial likelihood.
double cox_reference(const Matrix<double>& eta, const Vector<double>& times,
                     const Vector<double>& events, const Vector<double>& weights) {
  double sum = 0, event_weight = 0;
  for (Index i = 0; i < times.size(); ++i) {
    if (events[i] == 0) continue;
    double risk = 0;
    for (Index j = 0; j < times.size(); ++j) {
      if (times[j] >= times[i]) risk += weights[j] * std::exp(eta(0, j));
    }
    sum += weights[i] * (eta(0, i) - std::log(risk));
    event_weight += weights[i];
  }
  return -sum / event_weight;
}

double loss_value(Tape<double>& tape, NodeId loss) {
  EXPECT_EQ(tape.value(loss).size(), 1);
  return tape.value(loss)(0, 0);
}

TEST(MseLoss, AveragesOverFeaturesThenWeightedOverSamples) {
  Matrix<double> p(2, 2), t(2, 2);
  p << 1, 2, 3, 4;
  t << 0, 2, 3, 0;  // per-sample losses: (1 + 0) / 2 = 0.5 and (0 + 16) / 2 = 8
  Tape<double> tape;
  const NodeId x = tape.input(p);
  EXPECT_DOUBLE_EQ(loss_value(tape, ops::mse_loss(tape, x, t)), 4.25);
  EXPECT_DOUBLE_EQ(loss_value(tape, ops::mse_loss(tape, x, t, vec({1, 3}))), (0.5 + 24) / 4);
}

TEST(MseLoss, GradientMatchesFiniteDifferencesWithAndWithoutWeights) {
  std::mt19937_64 rng(1);
  const Matrix<double> targets = random_matrix(3, 4, rng);
  for (const Vector<double>& weights : {Vector<double>(), vec({0.5, 2, 0, 1})}) {
    const auto report = check_gradients(
        [&](Tape<double>& tape, const std::vector<NodeId>& in) {
          return ops::mse_loss(tape, in[0], targets, weights);
        },
        {random_matrix(3, 4, rng)}, {});
    EXPECT_LT(report.max_error, 1e-6) << report.worst;
  }
}

TEST(MseLoss, RejectsTargetShapeAndNegativeWeight) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(2, 2));
  try {
    ops::mse_loss(tape, x, Matrix<double>::Zero(2, 3));
    FAIL() << "expected a shape error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "mse_loss: predictions is [2 x 2], targets is [2 x 3]");
  }
  EXPECT_THROW(ops::mse_loss(tape, x, Matrix<double>::Zero(2, 2), vec({1, -1})), Error);
  EXPECT_THROW(ops::mse_loss(tape, x, Matrix<double>::Zero(2, 2), vec({0, 0})), Error);
}

TEST(BceWithLogitsLoss, MatchesDefinitionWithPositiveWeight) {
  Matrix<double> z(1, 2), t(1, 2);
  z << 0, 2;
  t << 1, 0;
  Tape<double> tape;
  const NodeId loss = ops::bce_with_logits_loss(tape, tape.input(z), t, vec({3}));
  EXPECT_NEAR(loss_value(tape, loss), (3 * std::log(2.0) + std::log1p(std::exp(2.0))) / 2, 1e-15);
}

TEST(BceWithLogitsLoss, StaysFiniteForHugeLogits) {
  Matrix<double> z(1, 2), t(1, 2);
  z << 1000, -1000;
  t << 0, 0;  // first is maximally wrong, second right
  Tape<double> tape;
  tape.set_check_finite(true);
  const NodeId loss = ops::bce_with_logits_loss(tape, tape.input(z), t);
  EXPECT_NEAR(loss_value(tape, loss), 500.0, 1e-9);
  tape.backward(loss);
  EXPECT_NEAR(tape.grad(NodeId{0})(0, 0), 0.5, 1e-12);
  EXPECT_NEAR(tape.grad(NodeId{0})(0, 1), 0.0, 1e-12);
}

TEST(BceWithLogitsLoss, GradientMatchesFiniteDifferences) {
  std::mt19937_64 rng(2);
  Matrix<double> targets(2, 5);
  targets << 1, 0, 1, 1, 0, 0, 0, 1, 0.3, 1;
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::bce_with_logits_loss(tape, in[0], targets, vec({2.5, 0.5}),
                                         vec({1, 2, 0.5, 1, 3}));
      },
      {random_matrix(2, 5, rng, -3, 3)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(SoftmaxCrossEntropyLoss, IsLogSumExpMinusTrueLogit) {
  Matrix<double> z(3, 2);
  z << 1, 0,  //
      2, 0,   //
      3, 1000;
  Tape<double> tape;
  const NodeId loss = ops::softmax_cross_entropy_loss(tape, tape.input(z), {2, 0});
  const double first = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3;
  const double second = 1000.0;  // logsumexp(0, 0, 1000) - 0, without overflow
  EXPECT_NEAR(loss_value(tape, loss), (first + second) / 2, 1e-12);
}

TEST(SoftmaxCrossEntropyLoss, ClassWeightsNormalizeBySumOfEffectiveWeights) {
  Matrix<double> z = Matrix<double>::Zero(2, 2);  // each sample loses log 2
  Tape<double> tape;
  const NodeId loss =
      ops::softmax_cross_entropy_loss(tape, tape.input(z), {0, 1}, vec({1, 3}), vec({2, 1}));
  EXPECT_NEAR(loss_value(tape, loss), std::log(2.0), 1e-15);
}

TEST(SoftmaxCrossEntropyLoss, GradientMatchesFiniteDifferences) {
  std::mt19937_64 rng(3);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::softmax_cross_entropy_loss(tape, in[0], {0, 3, 3, 1}, vec({1, 2, 0.5, 1.5}),
                                               vec({1, 0.5, 2, 1}));
      },
      {random_matrix(4, 4, rng, -2, 2)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(SoftmaxCrossEntropyLoss, RejectsLabelOutsideClasses) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(3, 2));
  EXPECT_THROW(ops::softmax_cross_entropy_loss(tape, x, {0, 3}), Error);
  EXPECT_THROW(ops::softmax_cross_entropy_loss(tape, x, {0}), Error);
}

TEST(CoxPartialLikelihoodLoss, MatchesTermByTermReferenceWithTiesAndWeights) {
  std::mt19937_64 rng(4);
  const Matrix<double> eta = random_matrix(1, 7, rng, -2, 2);
  const Vector<double> times = vec({5, 3, 3, 8, 1, 3, 8});
  const Vector<double> events = vec({1, 1, 0, 1, 0, 1, 1});
  const Vector<double> weights = vec({1, 2, 0.5, 1, 1, 3, 0.7});
  Tape<double> tape;
  const NodeId x = tape.input(eta);
  const NodeId unweighted = ops::cox_partial_likelihood_loss(tape, x, times, events);
  EXPECT_NEAR(loss_value(tape, unweighted),
              cox_reference(eta, times, events, Vector<double>::Ones(7)), 1e-12);
  const NodeId weighted = ops::cox_partial_likelihood_loss(tape, x, times, events, weights);
  EXPECT_NEAR(loss_value(tape, weighted), cox_reference(eta, times, events, weights), 1e-12);
}

TEST(CoxPartialLikelihoodLoss, GradientMatchesFiniteDifferencesWithTies) {
  std::mt19937_64 rng(5);
  const Vector<double> times = vec({2, 4, 4, 1, 4, 6, 2, 9});
  const Vector<double> events = vec({1, 0, 1, 1, 1, 0, 1, 1});
  const Vector<double> weights = vec({1, 2, 0.5, 1, 1, 3, 0.7, 1.2});
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::cox_partial_likelihood_loss(tape, in[0], times, events, weights);
      },
      {random_matrix(1, 8, rng, -2, 2)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(CoxPartialLikelihoodLoss, BatchWithoutEventsHasZeroLossAndGradient) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Ones(1, 3));
  const NodeId loss = ops::cox_partial_likelihood_loss(tape, x, vec({1, 2, 3}), vec({0, 0, 0}));
  EXPECT_EQ(loss_value(tape, loss), 0.0);
  tape.backward(loss);
  EXPECT_EQ(tape.grad(x), Matrix<double>::Zero(1, 3));
}

TEST(CoxPartialLikelihoodLoss, RejectsMoreThanOneRiskRowAndBadEvents) {
  Tape<double> tape;
  const NodeId two_rows = tape.input(Matrix<double>::Zero(2, 2));
  EXPECT_THROW(ops::cox_partial_likelihood_loss(tape, two_rows, vec({1, 2}), vec({1, 0})), Error);
  const NodeId one_row = tape.input(Matrix<double>::Zero(1, 2));
  EXPECT_THROW(ops::cox_partial_likelihood_loss(tape, one_row, vec({1, 2}), vec({1, 2})), Error);
}

TEST(L1ActivationPenalty, IsStrengthTimesSumOfAbsoluteValues) {
  Matrix<double> a(2, 2);
  a << 1, -2, 0.5, -0.5;
  Tape<double> tape;
  const NodeId penalty = ops::l1_activation_penalty(tape, tape.input(a), 0.1);
  EXPECT_NEAR(loss_value(tape, penalty), 0.4, 1e-15);
}

TEST(L1ActivationPenalty, GradientMatchesFiniteDifferencesAwayFromZero) {
  std::mt19937_64 rng(6);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::l1_activation_penalty(tape, in[0], 0.3);
      },
      {random_matrix(3, 4, rng, 0.1, 2.0, true)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

}  // namespace
}  // namespace ontonet
