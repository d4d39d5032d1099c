#include "ontonet/train/sgd.hpp"

#include <gtest/gtest.h>

#include "ontonet/core/error.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

// f(w) = w^2 / 2 from w = 1, so g = w at every step; lr = 0.1.
const test::QuadraticObjective<double> kHalfSquare{{1.0}, {0.0}};

TEST(Sgd, PlainStepIsLearningRateTimesGradient) {
  Parameter<double> w = parameter_with_values<double>({1.0, -2.0});
  w.grad << 0.5, 4.0;
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.0, false, 0.0});
  sgd.step();
  EXPECT_DOUBLE_EQ(w.value[0], 1.0 - 0.1 * 0.5);
  EXPECT_DOUBLE_EQ(w.value[1], -2.0 - 0.1 * 4.0);
}

TEST(Sgd, MomentumTwoStepsMatchHandComputation) {
  // Step 1: g = 1,   v = 1,             w = 1 - 0.1 * 1     = 0.9
  // Step 2: g = 0.9, v = 0.9 * 1 + 0.9 = 1.8, w = 0.9 - 0.1 * 1.8 = 0.72
  Parameter<double> w = parameter_with_values<double>({1.0});
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.9, false, 0.0});
  kHalfSquare.write_gradient(w);
  sgd.step();
  EXPECT_NEAR(w.value[0], 0.9, 1e-15);
  kHalfSquare.write_gradient(w);
  sgd.step();
  EXPECT_NEAR(w.value[0], 0.72, 1e-15);
}

TEST(Sgd, NesterovTwoStepsMatchHandComputation) {
  // PyTorch's Nesterov: v = mu * v + g; w -= lr * (g + mu * v).
  // Step 1: g = 1,    v = 1,                  w = 1 - 0.1 * (1 + 0.9 * 1)           = 0.81
  // Step 2: g = 0.81, v = 0.9 * 1 + 0.81 = 1.71, w = 0.81 - 0.1 * (0.81 + 0.9 * 1.71) = 0.5751
  Parameter<double> w = parameter_with_values<double>({1.0});
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.9, true, 0.0});
  kHalfSquare.write_gradient(w);
  sgd.step();
  EXPECT_NEAR(w.value[0], 0.81, 1e-15);
  kHalfSquare.write_gradient(w);
  sgd.step();
  EXPECT_NEAR(w.value[0], 0.5751, 1e-15);
}

TEST(Sgd, CoupledWeightDecayIsAddedToTheGradient) {
  // g = 1 + 0.5 * w = 1.5 at w = 1, so w = 1 - 0.1 * 1.5 = 0.85; the grad buffer itself is unchanged.
  Parameter<double> w = parameter_with_values<double>({1.0});
  w.grad << 1.0;
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.0, false, 0.5});
  sgd.step();
  EXPECT_NEAR(w.value[0], 0.85, 1e-15);
  EXPECT_EQ(w.grad[0], 1.0);
}

TEST(Sgd, MomentumAndNesterovConvergeOnAnIllConditionedQuadratic) {
  const test::QuadraticObjective<double> objective{{1.0, 10.0}, {3.0, -2.0}};
  for (bool nesterov : {false, true}) {
    Parameter<double> w = parameter_with_values<double>({0.0, 0.0});
    Sgd<double> sgd({&w}, SgdOptions{0.05, 0.9, nesterov, 0.0});
    for (int step = 0; step < 500; ++step) {
      objective.write_gradient(w);
      sgd.step();
    }
    EXPECT_LT(objective.max_distance_to_minimum(w), 1e-6) << "nesterov=" << nesterov;
  }
}

TEST(Sgd, RejectsBadOptions) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  EXPECT_THROW(Sgd<double>({&w}, SgdOptions{0.1, 1.0, false, 0.0}), ConfigError);
  EXPECT_THROW(Sgd<double>({&w}, SgdOptions{0.1, -0.1, false, 0.0}), ConfigError);
  EXPECT_THROW(Sgd<double>({&w}, SgdOptions{0.1, 0.0, true, 0.0}), ConfigError);
  EXPECT_THROW(Sgd<double>({&w}, SgdOptions{0.1, 0.0, false, -1.0}), ConfigError);
  EXPECT_THROW(Sgd<double>({&w}, SgdOptions{-0.1, 0.0, false, 0.0}), ConfigError);
}

}  // namespace
}  // namespace ontonet
