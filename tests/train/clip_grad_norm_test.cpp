#include "ontonet/train/clip_grad_norm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(ClipGradNorm, ReturnsGlobalNormAndScalesAllGradientsToMaxNorm) {
  // Gradients (3, 4) and (12): global norm sqrt(9 + 16 + 144) = 13. max_norm 6.5 halves them.
  Parameter<double> a = parameter_with_values<double>({0.0, 0.0});
  Parameter<double> b = parameter_with_values<double>({0.0});
  a.grad << 3.0, 4.0;
  b.grad << 12.0;
  EXPECT_EQ(clip_grad_norm<double>({&a, &b}, 6.5), 13.0);
  EXPECT_EQ(a.grad[0], 1.5);
  EXPECT_EQ(a.grad[1], 2.0);
  EXPECT_EQ(b.grad[0], 6.0);
  EXPECT_NEAR(std::hypot(a.grad[0], a.grad[1], b.grad[0]), 6.5, 1e-15);
}

TEST(ClipGradNorm, LeavesGradientsAtOrBelowMaxNormUntouched) {
  Parameter<float> a = parameter_with_values<float>({0.0f, 0.0f});
  a.grad << 3.0f, 4.0f;
  EXPECT_EQ(clip_grad_norm<float>({&a}, 5.0), 5.0f);
  EXPECT_EQ(clip_grad_norm<float>({&a}, 100.0), 5.0f);
  EXPECT_EQ(a.grad[0], 3.0f);
  EXPECT_EQ(a.grad[1], 4.0f);
}

TEST(ClipGradNorm, FloatNormDoesNotOverflowForLargeGradients) {
  // 1e30^2 overflows float; the sum of squares is kept in double.
  Parameter<float> a = parameter_with_values<float>({0.0f, 0.0f});
  a.grad << 3e30f, 4e30f;
  const float norm = clip_grad_norm<float>({&a}, 1.0);
  EXPECT_NEAR(norm / 5e30f, 1.0f, 1e-6f);
  EXPECT_NEAR(a.grad[0], 0.6f, 1e-6f);
  EXPECT_NEAR(a.grad[1], 0.8f, 1e-6f);
}

TEST(ClipGradNorm, NonFiniteNormIsReturnedAndGradientsLeftAlone) {
  Parameter<double> a = parameter_with_values<double>({0.0, 0.0});
  a.grad << std::numeric_limits<double>::quiet_NaN(), 4.0;
  EXPECT_TRUE(std::isnan(clip_grad_norm<double>({&a}, 1.0)));
  EXPECT_EQ(a.grad[1], 4.0);
}

TEST(ClipGradNorm, RejectsNegativeMaxNorm) {
  Parameter<double> a = parameter_with_values<double>({0.0});
  EXPECT_THROW(clip_grad_norm<double>({&a}, -1.0), ConfigError);
}

}  // namespace
}  // namespace ontonet
