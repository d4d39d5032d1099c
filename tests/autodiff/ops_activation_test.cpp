#include "ontonet/autodiff/ops_activation.hpp"

#include "gradient_check.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ontonet {
namespace {

using test::check_gradients;

Matrix<double> hand_input() {
  Matrix<double> x(2, 2);
  x << -2, -0.5,  //
      0.5, 3;
  return x;
}

Matrix<double> forward(NodeId (*op)(Tape<double>&, NodeId), const Matrix<double>& x) {
  Tape<double> tape;
  return tape.value(op(tape, tape.input(x)));
}

// Inputs in [-2, -0.1] u [0.1, 2]: far enough from the kinks of ReLU for a step of 1e-5.
Matrix<double> input_away_from_zero(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  return test::random_matrix(5, 4, rng, 0.1, 2.0, true);
}

double max_error_of(NodeId (*op)(Tape<double>&, NodeId), std::uint64_t seed) {
  const auto report = check_gradients(
      [op](Tape<double>& tape, const std::vector<NodeId>& in) { return op(tape, in[0]); },
      {input_away_from_zero(seed)}, {});
  EXPECT_EQ(report.n_checked, 20);
  return report.max_error;
}

TEST(Tanh, ForwardMatchesStdTanh) {
  Matrix<double> expected(2, 2);
  expected << std::tanh(-2.0), std::tanh(-0.5), std::tanh(0.5), std::tanh(3.0);
  EXPECT_TRUE(forward(ops::tanh<double>, hand_input()).isApprox(expected, 1e-15));
}

TEST(Tanh, GradientMatchesFiniteDifferences) {
  EXPECT_LT(max_error_of(ops::tanh<double>, 1), 1e-6);
}

TEST(Relu, ZeroesNegativeEntries) {
  Matrix<double> expected(2, 2);
  expected << 0, 0, 0.5, 3;
  EXPECT_EQ(forward(ops::relu<double>, hand_input()), expected);
}

TEST(Relu, GradientMatchesFiniteDifferencesAwayFromKink) {
  EXPECT_LT(max_error_of(ops::relu<double>, 2), 1e-6);
}

TEST(LeakyRelu, ScalesNegativeEntriesBySlope) {
  Tape<double> tape;
  const NodeId y = ops::leaky_relu(tape, tape.input(hand_input()), 0.1);
  Matrix<double> expected(2, 2);
  expected << -0.2, -0.05, 0.5, 3;
  EXPECT_TRUE(tape.value(y).isApprox(expected, 1e-15));
}

TEST(LeakyRelu, GradientMatchesFiniteDifferencesAwayFromKink) {
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::leaky_relu(tape, in[0], 0.2);
      },
      {input_away_from_zero(3)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(Sigmoid, ForwardIsLogistic) {
  const Matrix<double> y = forward(ops::sigmoid<double>, hand_input());
  EXPECT_NEAR(y(0, 0), 1 / (1 + std::exp(2.0)), 1e-15);
  EXPECT_NEAR(y(1, 1), 1 / (1 + std::exp(-3.0)), 1e-15);
}

TEST(Sigmoid, GradientMatchesFiniteDifferences) {
  EXPECT_LT(max_error_of(ops::sigmoid<double>, 4), 1e-6);
}

TEST(Softplus, ForwardIsLogOnePlusExpAndStaysFiniteForLargeInputs) {
  Matrix<double> x(1, 3);
  x << -1000, 0.5, 1000;
  const Matrix<double> y = forward(ops::softplus<double>, x);
  EXPECT_NEAR(y(0, 0), 0.0, 1e-300);
  EXPECT_NEAR(y(0, 1), std::log1p(std::exp(0.5)), 1e-15);
  EXPECT_EQ(y(0, 2), 1000.0);
}

TEST(Softplus, GradientMatchesFiniteDifferences) {
  EXPECT_LT(max_error_of(ops::softplus<double>, 5), 1e-6);
}

}  // namespace
}  // namespace ontonet
