#include "ontonet/train/regression_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

// observed {1, 2, 3, 4}, predicted {1, 3, 2, 5}:
//   residuals 0, -1, 1, -1 -> SS_res = 3, MSE = 3/4;
//   observed mean 2.5 -> SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, R² = 1 - 3/5 = 0.4;
//   predicted mean 2.75: sum dx*dy = 5.5, sum dx² = 5, sum dy² = 8.75 -> r = 5.5 / sqrt(43.75);
//   ranks {1,2,3,4} vs {1,3,2,4}: sum d² = 2 -> rho = 1 - 6*2 / (4 * 15) = 0.8.
const std::vector<double> kObserved = {1.0, 2.0, 3.0, 4.0};
const std::vector<double> kPredicted = {1.0, 3.0, 2.0, 5.0};

TEST(RegressionMetrics, MatchHandComputedValues) {
  EXPECT_DOUBLE_EQ(mean_squared_error(kObserved, kPredicted), 0.75);
  EXPECT_DOUBLE_EQ(r_squared(kObserved, kPredicted), 0.4);
  EXPECT_DOUBLE_EQ(pearson_correlation(kObserved, kPredicted), 5.5 / std::sqrt(43.75));
  EXPECT_DOUBLE_EQ(spearman_correlation(kObserved, kPredicted), 0.8);
}

TEST(RegressionMetrics, MetricSetHoldsTheFourMetricsByName) {
  const MetricSet metrics = regression_metrics(kObserved, kPredicted);
  ASSERT_EQ(metrics.size(), 4u);
  EXPECT_DOUBLE_EQ(metrics.at("mse"), 0.75);
  EXPECT_DOUBLE_EQ(metrics.at("r2"), 0.4);
  EXPECT_DOUBLE_EQ(metrics.at("pearson"), 5.5 / std::sqrt(43.75));
  EXPECT_DOUBLE_EQ(metrics.at("spearman"), 0.8);
}

TEST(RegressionMetrics, MatchScikitLearnAndScipyOnRandomVectors) {
  // Reference: /usr/bin/python3 with numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1:
  //   rng = np.random.default_rng(7); y = np.round(rng.normal(size=12), 4)
  //   yhat = np.round(y + rng.normal(scale=0.7, size=12), 4); yhat[3] = yhat[5]
  //   mean_squared_error(y, yhat), r2_score(y, yhat), pearsonr(y, yhat)[0], spearmanr(y, yhat)[0]
  const std::vector<double> y = {0.0012, 0.2987, -0.2741, -0.8906, -0.4547, -0.9916,
                                 0.0601, 1.3402, -0.4922, -0.6205, 0.4898,  0.3569};
  const std::vector<double> yhat = {0.075,   -0.3526, -0.2946, -1.3119, -1.3957, -1.3119,
                                    -1.2708, 0.4375,  -1.7814, -0.7851, -0.3974, 0.5468};
  EXPECT_NEAR(mean_squared_error(y, yhat), 0.55784190916666665, 1e-12);
  EXPECT_NEAR(r_squared(y, yhat), -0.38696177940872079, 1e-12);
  EXPECT_NEAR(pearson_correlation(y, yhat), 0.74513513603511417, 1e-12);
  EXPECT_NEAR(spearman_correlation(y, yhat), 0.70402910068003799, 1e-12);  // yhat has a tie
}

TEST(RegressionMetrics, PerfectPredictionsGiveZeroErrorAndUnitScores) {
  const std::vector<double> y = {0.5, -1.0, 2.0, 7.0};
  const MetricSet metrics = regression_metrics(y, y);
  EXPECT_DOUBLE_EQ(metrics.at("mse"), 0.0);
  EXPECT_DOUBLE_EQ(metrics.at("r2"), 1.0);
  EXPECT_DOUBLE_EQ(metrics.at("pearson"), 1.0);
  EXPECT_DOUBLE_EQ(metrics.at("spearman"), 1.0);
}

TEST(RegressionMetrics, SpearmanIsPlusOrMinusOneForMonotonePredictions) {
  const std::vector<double> y = {1.0, 2.0, 3.0, 4.0, 5.0};
  EXPECT_DOUBLE_EQ(spearman_correlation(y, {1.0, 8.0, 27.0, 64.0, 125.0}), 1.0);
  EXPECT_DOUBLE_EQ(spearman_correlation(y, {0.0, -1.0, -8.0, -9.0, -100.0}), -1.0);
  // Pearson sees the curvature that Spearman ignores.
  EXPECT_LT(pearson_correlation(y, {1.0, 8.0, 27.0, 64.0, 125.0}), 0.99);
}

TEST(RegressionMetrics, SpearmanAveragesTiedRanks) {
  // Ranks {1, 2.5, 2.5, 4} vs {1, 2, 3, 4}; both centred on 2.5:
  // sum dx*dy = 2.25 + 0 + 0 + 2.25 = 4.5, sum dx² = 4.5, sum dy² = 5 -> 4.5 / sqrt(22.5).
  EXPECT_DOUBLE_EQ(spearman_correlation({1.0, 2.0, 2.0, 3.0}, {10.0, 20.0, 30.0, 40.0}),
                   4.5 / std::sqrt(22.5));
}

TEST(RegressionMetrics, ConstantTargetMakesR2AndCorrelationsNaN) {
  // {0.1, 0.1, 0.1} has a computed mean that is not exactly 0.1: the constant must still be seen.
  const std::vector<double> constant = {0.1, 0.1, 0.1};
  const std::vector<double> varying = {0.0, 0.1, 0.3};
  EXPECT_TRUE(std::isnan(r_squared(constant, varying)));
  EXPECT_TRUE(std::isnan(pearson_correlation(constant, varying)));
  EXPECT_TRUE(std::isnan(pearson_correlation(varying, constant)));
  EXPECT_TRUE(std::isnan(spearman_correlation(varying, constant)));
  EXPECT_NEAR(mean_squared_error(constant, varying), (0.01 + 0.0 + 0.04) / 3.0, 1e-15);
  // A constant prediction of a varying target is a defined (poor) R²: 1 - SS_res / SS_tot.
  EXPECT_FALSE(std::isnan(r_squared(varying, constant)));
}

TEST(RegressionMetrics, SingleSampleHasAnErrorButNoCorrelation) {
  EXPECT_DOUBLE_EQ(mean_squared_error({2.0}, {5.0}), 9.0);
  EXPECT_TRUE(std::isnan(r_squared({2.0}, {5.0})));
  EXPECT_TRUE(std::isnan(pearson_correlation({2.0}, {5.0})));
}

TEST(RegressionMetrics, RejectsLengthMismatchEmptyInputAndNonFiniteValues) {
  try {
    mean_squared_error({1.0, 2.0}, {1.0});
    FAIL() << "expected ontonet::Error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "mse: observed and predicted differ in length (2 vs 1)");
  }
  EXPECT_THROW(r_squared({}, {}), Error);
  EXPECT_THROW(regression_metrics({}, {}), Error);
  EXPECT_THROW(pearson_correlation({1.0, std::nan("")}, {1.0, 2.0}), Error);
  EXPECT_THROW(spearman_correlation({1.0, 2.0}, {1.0, HUGE_VAL}), Error);
}

}  // namespace
}  // namespace ontonet
