// Agreement between importance rankings: hand-worked rank correlations with ties, top-k overlaps
// with ties and k beyond the size, non-finite scores ranking last, and the pairwise matrices.
#include "ontonet/explain/rank_agreement.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(RankCorrelation, TiesShareTheirAverageRank) {
  // Ranks {1, 2.5, 2.5, 4} and {1, 3, 2, 4}: deviations {-1.5, 0, 0, 1.5} and
  // {-1.5, 0.5, -0.5, 1.5}, so r = 4.5 / sqrt(4.5 * 5) (scipy.stats.spearmanr: 0.9486832980505139).
  EXPECT_NEAR(rank_correlation({1, 2, 2, 3}, {10, 30, 20, 40}), 4.5 / std::sqrt(22.5), 1e-15);
  // scipy.stats.spearmanr([3,1,4,1,5,9,2,6], [2,7,1,8,2,8,1,8]): ties on both sides.
  EXPECT_NEAR(rank_correlation({3, 1, 4, 1, 5, 9, 2, 6}, {2, 7, 1, 8, 2, 8, 1, 8}),
              0.19885368120992467, 1e-15);
  EXPECT_DOUBLE_EQ(rank_correlation({0.1, 5, 2}, {-3, 8, 7}), 1.0);  // same order, other values
  EXPECT_DOUBLE_EQ(rank_correlation({0.1, 5, 2}, {3, -8, -7}), -1.0);
}

TEST(RankCorrelation, NonFiniteScoresTieBelowEveryFiniteScore) {
  // A NaN ranks lowest, so it agrees with a 0 that is lowest in the other vector.
  EXPECT_DOUBLE_EQ(rank_correlation({kNaN, 3, 1, 2}, {0, 3, 1, 2}), 1.0);
  // Ranks {1.5, 1.5, 4, 3} against {4, 3, 2, 1}: r = -3.5 / sqrt(4.5 * 5)
  // (scipy.stats.spearmanr([-1e9, -1e9, 5, 1], [4, 3, 2, 1]): -0.7378647873726218).
  const double expected = -3.5 / std::sqrt(22.5);
  EXPECT_NEAR(rank_correlation({kNaN, kNaN, 5, 1}, {4, 3, 2, 1}), expected, 1e-15);
  // +inf and -inf count as non-finite too, and tie with NaN.
  EXPECT_NEAR(rank_correlation({kInf, -kInf, 5, 1}, {4, 3, 2, 1}), expected, 1e-15);
  EXPECT_NEAR(rank_correlation({kNaN, kInf, 5, 1}, {4, 3, 2, 1}), expected, 1e-15);
}

TEST(RankCorrelation, UndefinedCasesAreNaN) {
  EXPECT_TRUE(std::isnan(rank_correlation({2, 2, 2}, {1, 2, 3})));           // constant
  EXPECT_TRUE(std::isnan(rank_correlation({kNaN, kNaN, kInf}, {1, 2, 3})));  // all non-finite
  EXPECT_TRUE(std::isnan(rank_correlation({1}, {1})));
  EXPECT_TRUE(std::isnan(rank_correlation({}, {})));
  EXPECT_THROW(rank_correlation({1, 2}, {1, 2, 3}), InternalError);
}

TEST(TopKOverlap, TakesTheHighestScoresWithTiesToTheLowerIndex) {
  const std::vector<double> a = {0.9, 0.5, 0.5, 0.1, kNaN};
  const std::vector<double> b = {kNaN, 0.5, 0.7, 0.6, 0.2};
  // top-1: {0} vs {2}.
  EXPECT_DOUBLE_EQ(top_k_overlap(a, b, 1), 0.0);
  // top-2: {0, 1} (the tie at 0.5 goes to entity 1) vs {2, 3}.
  EXPECT_DOUBLE_EQ(top_k_overlap(a, b, 2), 0.0);
  // top-3: {0, 1, 2} vs {2, 3, 1}.
  EXPECT_DOUBLE_EQ(top_k_overlap(a, b, 3), 2.0 / 3.0);
  // top-4: {0, 1, 2, 3} vs {2, 3, 1, 4}: b's NaN entity 0 comes last, after 0.2.
  EXPECT_DOUBLE_EQ(top_k_overlap(a, b, 4), 0.75);
  EXPECT_DOUBLE_EQ(top_k_overlap(a, b, 5), 1.0);
}

TEST(TopKOverlap, NonFiniteScoresComeLastInIndexOrder) {
  // Order of {NaN, -inf, 1}: 2, then 0 and 1 tied as non-finite, by index.
  const std::vector<double> a = {kNaN, -kInf, 1};
  EXPECT_DOUBLE_EQ(top_k_overlap(a, {-kInf, kNaN, 1}, 2), 1.0);  // {2, 0} both
  EXPECT_DOUBLE_EQ(top_k_overlap(a, {0, 5, 1}, 2), 0.5);         // {2, 0} vs {1, 2}
  // +inf is not "most important": it ranks with the NaN.
  EXPECT_DOUBLE_EQ(top_k_overlap({kInf, 0, 1}, {0, 0, 1}, 1), 1.0);
}

TEST(TopKOverlap, KIsClampedToTheSizeAndZeroIsNaN) {
  EXPECT_DOUBLE_EQ(top_k_overlap({1, 2, 3}, {3, 2, 1}, 100), 1.0);
  EXPECT_DOUBLE_EQ(top_k_overlap({1, 2, 3}, {3, 2, 1}, 2), 0.5);  // {2, 1} vs {0, 1}
  EXPECT_TRUE(std::isnan(top_k_overlap({1, 2, 3}, {3, 2, 1}, 0)));
  EXPECT_TRUE(std::isnan(top_k_overlap({}, {}, 3)));
  EXPECT_THROW(top_k_overlap({1, 2}, {1}, 1), InternalError);
}

TEST(RankAgreementMatrices, ArePairwiseSymmetricWithOneOnTheDiagonal) {
  const std::vector<std::vector<double>> scores = {
      {1, 2, 2, 3}, {10, 30, 20, 40}, {4, 3, 2, 1}, {kNaN, 0, 1, 5}};
  const Eigen::MatrixXd rho = rank_correlation_matrix(scores);
  const Eigen::MatrixXd overlap = top_k_overlap_matrix(scores, 2);
  ASSERT_EQ(rho.rows(), 4);
  ASSERT_EQ(rho.cols(), 4);
  ASSERT_EQ(overlap.rows(), 4);
  for (Eigen::Index i = 0; i < 4; ++i) {
    EXPECT_EQ(rho(i, i), 1.0);
    EXPECT_EQ(overlap(i, i), 1.0);
    for (Eigen::Index j = 0; j < 4; ++j) {
      const auto& a = scores[static_cast<std::size_t>(i)];
      const auto& b = scores[static_cast<std::size_t>(j)];
      if (i != j) {
        EXPECT_DOUBLE_EQ(rho(i, j), rank_correlation(a, b));
        EXPECT_DOUBLE_EQ(overlap(i, j), top_k_overlap(a, b, 2));
      }
      EXPECT_EQ(rho(i, j), rho(j, i));
      EXPECT_EQ(overlap(i, j), overlap(j, i));
    }
  }
  EXPECT_NEAR(rho(0, 1), 4.5 / std::sqrt(22.5), 1e-15);
  // Ranks {1, 3, 2, 4} vs {4, 3, 2, 1}: deviations' products sum to -4, each sum of squares is 5.
  EXPECT_DOUBLE_EQ(rho(1, 2), -0.8);
  // top-2 of {1, 2, 2, 3} is {3, 1}; of {4, 3, 2, 1} {0, 1}; of {NaN, 0, 1, 5} {3, 2}.
  EXPECT_DOUBLE_EQ(overlap(0, 2), 0.5);
  EXPECT_DOUBLE_EQ(overlap(2, 3), 0.0);
  EXPECT_DOUBLE_EQ(overlap(0, 3), 0.5);
}

TEST(RankAgreementMatrices, AConstantVectorGivesANaNRowAndColumn) {
  const std::vector<std::vector<double>> scores = {{1, 2, 3}, {kNaN, kNaN, kNaN}, {3, 1, 2}};
  const Eigen::MatrixXd rho = rank_correlation_matrix(scores);
  for (Eigen::Index j = 0; j < 3; ++j) {
    EXPECT_TRUE(std::isnan(rho(1, j)));
    EXPECT_TRUE(std::isnan(rho(j, 1)));
  }
  EXPECT_EQ(rho(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(rho(0, 2), -0.5);  // ranks {1, 2, 3} vs {3, 1, 2}
  // The overlap is still defined: an all-NaN vector's top-k is its first k entities.
  const Eigen::MatrixXd overlap = top_k_overlap_matrix(scores, 1);
  EXPECT_EQ(overlap(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(overlap(1, 2), 1.0);  // {0} and {0}
  EXPECT_DOUBLE_EQ(overlap(0, 1), 0.0);  // {2} and {0}
  EXPECT_TRUE(std::isnan(top_k_overlap_matrix(scores, 0)(0, 0)));

  EXPECT_EQ(rank_correlation_matrix({}).size(), 0);
  EXPECT_THROW(rank_correlation_matrix({{1, 2}, {1, 2, 3}}), InternalError);
  EXPECT_THROW(top_k_overlap_matrix({{1, 2}, {1, 2, 3}}, 1), InternalError);
}

}  // namespace
}  // namespace ontonet
