// Recovery of a planted truth from a ranking: AUROC, average precision and R-precision on rankings
// worked out by hand, with ties, unscored items and excluded items; AUROC against the pairwise
// definition on random scores; and the summary over seeds.
#include "ontonet/explain/truth_recovery.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace ontonet {
namespace {

constexpr TruthLabel P = TruthLabel::kPositive;
constexpr TruthLabel N = TruthLabel::kNegative;
constexpr TruthLabel X = TruthLabel::kExcluded;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(TruthRecovery, ScoresADistinctRankingAsWorkedOutByHand) {
  const RecoveryScores r = recovery_scores({0.9, 0.8, 0.7, 0.6, 0.5}, {P, N, P, N, N});
  EXPECT_EQ(r.positives, 2u);
  EXPECT_EQ(r.negatives, 3u);
  EXPECT_EQ(r.k, 2u);
  EXPECT_DOUBLE_EQ(r.auroc, 5.0 / 6.0);                  // 3 + 2 of 6 pairs won
  EXPECT_DOUBLE_EQ(r.auprc, 0.5 * 1 + 0.5 * 2.0 / 3.0);  // precision 1 at rank 1, 2/3 at rank 3
  EXPECT_DOUBLE_EQ(r.precision_at_k, 0.5);
}

TEST(TruthRecovery, PerfectAndReversedRankings) {
  const RecoveryScores perfect = recovery_scores({3, 2, 1}, {P, N, N});
  EXPECT_DOUBLE_EQ(perfect.auroc, 1.0);
  EXPECT_DOUBLE_EQ(perfect.auprc, 1.0);
  EXPECT_DOUBLE_EQ(perfect.precision_at_k, 1.0);
  const RecoveryScores reversed = recovery_scores({1, 2, 3}, {P, N, N});
  EXPECT_DOUBLE_EQ(reversed.auroc, 0.0);
  EXPECT_DOUBLE_EQ(reversed.auprc, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(reversed.precision_at_k, 0.0);
}

TEST(TruthRecovery, TiesCountHalfAndByTheirExpectedShare) {
  // Thresholds 1 (precision 1/2, recall 1/2) and 0 (precision 1/2, recall 1).
  const RecoveryScores r = recovery_scores({1, 1, 0, 0}, {P, N, P, N});
  EXPECT_DOUBLE_EQ(r.auroc, 0.5);
  EXPECT_DOUBLE_EQ(r.auprc, 0.5);
  EXPECT_DOUBLE_EQ(r.precision_at_k, 0.5);
  // One positive in a three-way tie for the two best places: 2/3 of it expected in the top 2.
  const RecoveryScores tied = recovery_scores({5, 5, 5, 1}, {P, N, N, P});
  EXPECT_DOUBLE_EQ(tied.precision_at_k, (2.0 / 3.0) / 2.0);
  // A ranking that ties everything is a random one.
  const RecoveryScores flat = recovery_scores({0, 0, 0, 0, 0}, {P, N, N, N, N});
  EXPECT_DOUBLE_EQ(flat.auroc, 0.5);
  EXPECT_DOUBLE_EQ(flat.auprc, 0.2);
  EXPECT_DOUBLE_EQ(flat.precision_at_k, 0.2);
}

TEST(TruthRecovery, UnscoredItemsRankLastAndExcludedItemsDoNotCount) {
  // The unscored positive ties the unscored negative, below the scored one.
  const RecoveryScores unscored = recovery_scores({kNaN, 0.5, kNaN}, {P, N, N});
  EXPECT_DOUBLE_EQ(unscored.auroc, 0.25);
  const RecoveryScores excluded = recovery_scores({0.9, 0.1, 0.05}, {X, P, N});
  EXPECT_EQ(excluded.positives + excluded.negatives, 2u);
  EXPECT_DOUBLE_EQ(excluded.auroc, 1.0);
  EXPECT_DOUBLE_EQ(excluded.auprc, 1.0);
  EXPECT_DOUBLE_EQ(excluded.precision_at_k, 1.0);
}

TEST(TruthRecovery, UndefinedWithoutScoresPositivesOrNegatives) {
  EXPECT_TRUE(std::isnan(recovery_scores({kNaN, kNaN}, {P, N}).auroc));
  EXPECT_TRUE(std::isnan(recovery_scores({1, 2}, {N, N}).auprc));
  EXPECT_TRUE(std::isnan(recovery_scores({1, 2}, {P, X}).precision_at_k));
  EXPECT_TRUE(std::isnan(recovery_scores({}, {}).auroc));
}

TEST(TruthRecovery, AurocIsTheFractionOfPairsWonOnRandomScores) {
  std::mt19937_64 random(3);
  std::uniform_int_distribution<int> coarse(0, 6);  // many ties
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> scores(40);
    std::vector<TruthLabel> labels(40);
    for (std::size_t i = 0; i < scores.size(); ++i) {
      scores[i] = coarse(random);
      labels[i] = i % 5 == 0 ? P : (i % 7 == 0 ? X : N);
    }
    double wins = 0, pairs = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
      for (std::size_t j = 0; j < scores.size(); ++j) {
        if (labels[i] != P || labels[j] != N) continue;
        pairs += 1;
        wins += scores[i] > scores[j] ? 1.0 : (scores[i] == scores[j] ? 0.5 : 0.0);
      }
    }
    const RecoveryScores r = recovery_scores(scores, labels);
    EXPECT_NEAR(r.auroc, wins / pairs, 1e-12);
    EXPECT_GE(r.auprc, 0.0);
    EXPECT_LE(r.auprc, 1.0);
  }
}

TEST(TruthRecovery, SummaryAveragesOverSeedsAndAttachesStability) {
  std::vector<RecoveryRecord> records;
  for (std::uint64_t seed : {1u, 2u}) {
    for (ExplainMethod method : {ExplainMethod::kSaliency, ExplainMethod::kKnockout}) {
      RecoveryRecord record;
      record.scenario = "additive";
      record.model = "ontology";
      record.seed = seed;
      record.method = method;
      record.kind = EntityKind::kGene;
      record.scores.positives = 3;
      record.scores.k = 3;
      record.scores.auroc = method == ExplainMethod::kSaliency ? 0.5 + 0.1 * seed : 1.0;
      record.scores.auprc = 0.25 * seed;
      record.scores.precision_at_k = 1.0 / 3.0;
      record.seconds = static_cast<double>(seed);
      records.push_back(record);
    }
  }
  MethodStability saliency;
  saliency.method = ExplainMethod::kSaliency;
  saliency.kind = EntityKind::kGene;
  saliency.mean_spearman = 0.7;
  saliency.mean_top_overlap = 0.4;
  saliency.top_k = 10;
  const std::vector<RecoverySummary> summary =
      summarize_recovery(records, {{"additive", "ontology", saliency}});
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0].method, ExplainMethod::kSaliency);
  EXPECT_EQ(summary[0].seeds, 2u);
  EXPECT_EQ(summary[0].positives, 3u);
  EXPECT_DOUBLE_EQ(summary[0].auroc_mean, 0.65);
  EXPECT_NEAR(summary[0].auroc_sd, 0.1 / std::sqrt(2.0), 1e-15);  // sample sd of 0.6, 0.7
  EXPECT_DOUBLE_EQ(summary[0].auprc_mean, 0.375);
  EXPECT_DOUBLE_EQ(summary[0].precision_at_k_sd, 0.0);
  EXPECT_DOUBLE_EQ(summary[0].seconds_mean, 1.5);
  EXPECT_DOUBLE_EQ(summary[0].stability_spearman, 0.7);
  EXPECT_EQ(summary[0].top_k, 10u);
  EXPECT_EQ(summary[1].method, ExplainMethod::kKnockout);
  EXPECT_DOUBLE_EQ(summary[1].auroc_sd, 0.0);
  EXPECT_TRUE(std::isnan(summary[1].stability_spearman));
}

}  // namespace
}  // namespace ontonet
