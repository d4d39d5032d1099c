#include "ontonet/train/l2_penalty.hpp"

#include <gtest/gtest.h>

#include "ontonet/core/error.hpp"
#include "penalty_gradient_check.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(L2Penalty, ValueIsStrengthTimesSumOfSquaresOverTheGroup) {
  // 0.5 * (1 + 4 + 9) = 7
  Parameter<double> a = parameter_with_values<double>({1.0, -2.0});
  Parameter<double> b = parameter_with_values<double>({3.0});
  const L2Penalty<double> l2({&a, &b}, 0.5);
  EXPECT_DOUBLE_EQ(l2.penalty(), 7.0);
}

TEST(L2Penalty, AddsTwiceStrengthTimesWeightToTheExistingGradient) {
  Parameter<double> w = parameter_with_values<double>({1.0, -2.0});
  w.grad << 10.0, 20.0;
  const L2Penalty<double> l2({&w}, 0.5);
  EXPECT_DOUBLE_EQ(l2.add_penalty_and_gradient(), 2.5);
  EXPECT_DOUBLE_EQ(w.grad[0], 10.0 + 2 * 0.5 * 1.0);
  EXPECT_DOUBLE_EQ(w.grad[1], 20.0 + 2 * 0.5 * -2.0);
}

TEST(L2Penalty, GradientMatchesCentralFiniteDifferences) {
  Parameter<double> w = parameter_with_values<double>({0.3, -1.7, 2.2, 0.05, -0.4});
  const L2Penalty<double> l2({&w}, 0.37);
  EXPECT_LT(test::relative_gradient_error(w, [&] { return l2.add_penalty_and_gradient(); }), 1e-6);
}

TEST(L2Penalty, RejectsNegativeStrength) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  EXPECT_THROW(L2Penalty<double>({&w}, -0.1), ConfigError);
}

}  // namespace
}  // namespace ontonet
