// The simulator's own draws: normals with the right moments and tails, the inverse normal
// distribution function against known quantiles, and streams that repeat from their seed.
#include "ontonet/simulate/random_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ontonet {
namespace {

TEST(RandomStream, NormalDrawsHaveMeanZeroVarianceOneAndNormalTails) {
  RandomStream random(11, 0);
  const int n = 200000;
  double sum = 0, sum_squares = 0, sum_fourth = 0;
  int below_quantile = 0;
  for (int i = 0; i < n; ++i) {
    const double z = random.normal();
    sum += z;
    sum_squares += z * z;
    sum_fourth += z * z * z * z;
    below_quantile += z < 1.959963984540054 ? 1 : 0;
  }
  // Five sampling standard deviations: 1/sqrt(n) for the mean, sqrt(2/n) for the variance,
  // sqrt(96/n) for the fourth moment (3 for a normal), sqrt(p(1-p)/n) for a proportion.
  EXPECT_NEAR(sum / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(sum_squares / n, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sum_fourth / n, 3.0, 5 * std::sqrt(96.0 / n));
  EXPECT_NEAR(static_cast<double>(below_quantile) / n, 0.975, 5 * std::sqrt(0.975 * 0.025 / n));
}

TEST(RandomStream, UniformAndBoundedDrawsStayInRange) {
  RandomStream random(5, 2);
  std::vector<int> counts(7, 0);
  const int n = 70000;
  for (int i = 0; i < n; ++i) {
    const double u = random.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    const std::uint64_t k = random.below(7);
    ASSERT_LT(k, 7u);
    ++counts[k];
  }
  for (int count : counts) EXPECT_NEAR(count, n / 7.0, 5 * std::sqrt(n * (1.0 / 7) * (6.0 / 7)));
}

TEST(RandomStream, SameSeedAndStreamRepeatOtherStreamsDiffer) {
  RandomStream a(42, 3), b(42, 3), other_stream(42, 4), other_seed(43, 3);
  int same_as_other_stream = 0, same_as_other_seed = 0;
  for (int i = 0; i < 100; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal());
    same_as_other_stream += x == other_stream.normal() ? 1 : 0;
    same_as_other_seed += x == other_seed.normal() ? 1 : 0;
  }
  EXPECT_EQ(same_as_other_stream, 0);
  EXPECT_EQ(same_as_other_seed, 0);
}

TEST(NormalQuantile, MatchesKnownQuantiles) {
  // Values from the closed form Phi^{-1}(p) = -sqrt(2) erfcinv(2p), as tabulated by R's qnorm.
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.05), -1.6448536269514722, 1e-14);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(1e-6), -4.753424308822899, 1e-12);
  for (double p : {0.01, 0.2, 0.37, 0.5, 0.9})
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-15);
}

}  // namespace
}  // namespace ontonet
