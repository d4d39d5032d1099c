#include "ontonet/train/l1_penalty.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/train/sgd.hpp"
#include "penalty_gradient_check.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(L1Penalty, AddsStrengthTimesSignWithZeroAtZero) {
  Parameter<double> w = parameter_with_values<double>({2.0, -0.5, 0.0});
  w.grad << 1.0, 1.0, 1.0;
  const L1Penalty<double> l1({&w}, 0.25);
  EXPECT_DOUBLE_EQ(l1.add_penalty_and_gradient(), 0.25 * 2.5);
  EXPECT_EQ(w.grad[0], 1.25);
  EXPECT_EQ(w.grad[1], 0.75);
  EXPECT_EQ(w.grad[2], 1.0);
}

TEST(L1Penalty, GradientMatchesCentralFiniteDifferencesAwayFromZero) {
  Parameter<double> w = parameter_with_values<double>({0.3, -1.7, 2.2, 0.05, -0.4});
  const L1Penalty<double> l1({&w}, 0.8);
  EXPECT_LT(test::relative_gradient_error(w, [&] { return l1.add_penalty_and_gradient(); }), 1e-6);
}

TEST(L1Penalty, ProximalStepGivesExactZerosAndShrinksLargeWeightsByLrTimesStrength) {
  // Threshold lr * strength = 0.1 * 1.0 = 0.1.
  Parameter<double> w = parameter_with_values<double>({0.05, -0.03, 0.0, 0.1, 2.0, -1.5});
  const L1Penalty<double> l1({&w}, 1.0);
  l1.apply_proximal_step(0.1);
  EXPECT_EQ(w.value[0], 0.0);
  EXPECT_EQ(w.value[1], 0.0);
  EXPECT_EQ(w.value[2], 0.0);
  EXPECT_EQ(w.value[3], 0.0);
  EXPECT_DOUBLE_EQ(w.value[4], 1.9);
  EXPECT_DOUBLE_EQ(w.value[5], -1.4);
}

TEST(L1Penalty, ProximalStepKeepsNaNVisible) {
  Parameter<double> w = parameter_with_values<double>({std::numeric_limits<double>::quiet_NaN()});
  L1Penalty<double>({&w}, 1.0).apply_proximal_step(0.1);
  EXPECT_TRUE(std::isnan(w.value[0]));
}

TEST(L1Penalty, ProximalSgdFindsTheSparseMinimum) {
  // min 1/2 ||w - c||^2 + lambda ||w||_1 has the solution soft_threshold(c, lambda): with
  // lambda = 0.5 and c = (2, 0.3, -0.4, -1), that is (1.5, 0, 0, -0.5), with exact zeros.
  const test::QuadraticObjective<double> objective{{1.0, 1.0, 1.0, 1.0}, {2.0, 0.3, -0.4, -1.0}};
  Parameter<double> w = parameter_with_values<double>({0.0, 1.0, -1.0, 0.0});
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.0, false, 0.0});
  const L1Penalty<double> l1({&w}, 0.5);
  for (int step = 0; step < 300; ++step) {
    objective.write_gradient(w);
    sgd.step();
    l1.apply_proximal_step(sgd.learning_rate());
  }
  EXPECT_NEAR(w.value[0], 1.5, 1e-9);
  EXPECT_EQ(w.value[1], 0.0);
  EXPECT_EQ(w.value[2], 0.0);
  EXPECT_NEAR(w.value[3], -0.5, 1e-9);
}

TEST(L1Penalty, RejectsNegativeStrengthAndLearningRate) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  EXPECT_THROW(L1Penalty<double>({&w}, -1.0), ConfigError);
  EXPECT_THROW(L1Penalty<double>({&w}, 1.0).apply_proximal_step(-0.1), ConfigError);
}

}  // namespace
}  // namespace ontonet
