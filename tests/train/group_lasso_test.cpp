#include "ontonet/train/group_lasso.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/train/sgd.hpp"
#include "penalty_gradient_check.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(GroupLasso, ValueWeighsEachGroupNormBySqrtOfItsSize) {
  // Groups {0, 1} = (3, 4) and {3} = (-2); index 2 is in no group.
  // penalty = 0.5 * (sqrt(2) * 5 + sqrt(1) * 2)
  Parameter<double> w = parameter_with_values<double>({3.0, 4.0, 100.0, -2.0});
  const GroupLasso<double> lasso(&w, {{0, 1}, {3}}, 0.5);
  EXPECT_DOUBLE_EQ(lasso.penalty(), 0.5 * (std::sqrt(2.0) * 5.0 + 2.0));
  EXPECT_EQ(lasso.group_count(), 2);
}

TEST(GroupLasso, GradientMatchesCentralFiniteDifferences) {
  Parameter<double> w = parameter_with_values<double>({0.3, -1.7, 2.2, 0.05, -0.4, 0.9, 1.1});
  const GroupLasso<double> lasso(&w, {{0, 2, 4}, {1, 3}, {5, 6}}, 0.6);
  EXPECT_LT(test::relative_gradient_error(w, [&] { return lasso.add_penalty_and_gradient(); }),
            1e-6);
}

TEST(GroupLasso, GroupAtZeroGetsZeroSubgradient) {
  Parameter<double> w = parameter_with_values<double>({0.0, 0.0, 1.0});
  w.grad << 0.5, -0.5, 0.0;
  const GroupLasso<double> lasso(&w, {{0, 1}, {2}}, 1.0);
  lasso.add_penalty_and_gradient();
  EXPECT_EQ(w.grad[0], 0.5);
  EXPECT_EQ(w.grad[1], -0.5);
  EXPECT_EQ(w.grad[2], 1.0);
}

TEST(GroupLasso, ProximalStepZeroesAWeakGroupAndShrinksAStrongOne) {
  // lr * strength = 0.1 * 2 = 0.2. Group {0,1,2}: norm 0.3 <= 0.2 * sqrt(3) = 0.346 -> all zero.
  // Group {3,4} = (3, 4): norm 5 > 0.2 * sqrt(2), scaled by 1 - 0.2 * sqrt(2) / 5. Index 5 untouched.
  Parameter<double> w = parameter_with_values<double>({0.1, 0.2, -0.2, 3.0, 4.0, 7.0});
  const GroupLasso<double> lasso(&w, {{0, 1, 2}, {3, 4}}, 2.0);
  lasso.apply_proximal_step(0.1);
  EXPECT_EQ(w.value[0], 0.0);
  EXPECT_EQ(w.value[1], 0.0);
  EXPECT_EQ(w.value[2], 0.0);
  const double keep = 1.0 - 0.2 * std::sqrt(2.0) / 5.0;
  EXPECT_DOUBLE_EQ(w.value[3], 3.0 * keep);
  EXPECT_DOUBLE_EQ(w.value[4], 4.0 * keep);
  EXPECT_EQ(w.value[5], 7.0);
}

TEST(GroupLasso, ProximalSgdDropsTheWholeGroupWithoutSignal) {
  // min 1/2 ||w - c||^2 + lambda * sum_g sqrt(|g|) ||w_g||: group {2, 3} has c = (0.1, -0.1), norm
  // 0.14 < lambda * sqrt(2) = 0.42, so it ends exactly at zero; group {0, 1} (norm 5) survives,
  // shrunk towards zero along c: w_g = c_g * (1 - 0.42 / 5).
  const test::QuadraticObjective<double> objective{{1.0, 1.0, 1.0, 1.0}, {3.0, 4.0, 0.1, -0.1}};
  Parameter<double> w = parameter_with_values<double>({1.0, 1.0, 1.0, 1.0});
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.0, false, 0.0});
  const GroupLasso<double> lasso(&w, {{0, 1}, {2, 3}}, 0.3);
  for (int step = 0; step < 400; ++step) {
    objective.write_gradient(w);
    sgd.step();
    lasso.apply_proximal_step(sgd.learning_rate());
  }
  EXPECT_EQ(w.value[2], 0.0);
  EXPECT_EQ(w.value[3], 0.0);
  const double keep = 1.0 - 0.3 * std::sqrt(2.0) / 5.0;
  EXPECT_NEAR(w.value[0], 3.0 * keep, 1e-9);
  EXPECT_NEAR(w.value[1], 4.0 * keep, 1e-9);
}

TEST(GroupLasso, RejectsOverlappingEmptyAndOutOfRangeGroups) {
  Parameter<double> w = parameter_with_values<double>({1.0, 2.0, 3.0});
  EXPECT_THROW(GroupLasso<double>(&w, {{0, 1}, {1, 2}}, 1.0), InternalError);
  EXPECT_THROW(GroupLasso<double>(&w, {{0}, {}}, 1.0), InternalError);
  EXPECT_THROW(GroupLasso<double>(&w, {{0, 3}}, 1.0), InternalError);
  EXPECT_THROW(GroupLasso<double>(&w, {{0}}, -1.0), ConfigError);
}

}  // namespace
}  // namespace ontonet
