#include "ontonet/train/classification_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

Matrix<double> rows_to_matrix(const std::vector<std::vector<double>>& rows) {
  Matrix<double> matrix(static_cast<Index>(rows.size()), static_cast<Index>(rows[0].size()));
  for (Index r = 0; r < matrix.rows(); ++r) {
    for (Index c = 0; c < matrix.cols(); ++c) matrix(r, c) = rows[r][c];
  }
  return matrix;
}

TEST(BinaryMetrics, MatchHandComputedValues) {
  // labels {0, 0, 1, 1}, scores {0.1, 0.4, 0.35, 0.8}.
  // AUROC: positive 0.35 beats 0.1 but not 0.4; 0.8 beats both -> 3 of 4 pairs = 0.75.
  // AP, thresholds high to low: 0.8 -> TP 1 FP 0, P = 1, recall +1/2;
  //   0.4 -> recall +0; 0.35 -> TP 2 FP 1, P = 2/3, recall +1/2 -> AP = 1/2 + 1/3 = 5/6.
  // Predictions at 0.5: {0, 0, 0, 1} -> accuracy 3/4; recalls 2/2 and 1/2 -> balanced 3/4.
  const std::vector<int> labels = {0, 0, 1, 1};
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8};
  EXPECT_DOUBLE_EQ(auroc(labels, scores), 0.75);
  EXPECT_DOUBLE_EQ(average_precision(labels, scores), 5.0 / 6.0);
  const MetricSet metrics = binary_metrics(labels, scores, ScoreKind::kProbability);
  ASSERT_EQ(metrics.size(), 4u);
  EXPECT_DOUBLE_EQ(metrics.at("auroc"), 0.75);
  EXPECT_DOUBLE_EQ(metrics.at("auprc"), 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(metrics.at("accuracy"), 0.75);
  EXPECT_DOUBLE_EQ(metrics.at("balanced_accuracy"), 0.75);
}

TEST(BinaryMetrics, BalancedAccuracyAveragesPerClassRecall) {
  // Predictions {0, 1, 0, 1}: accuracy 3/4; recall of class 0 = 2/3, of class 1 = 1/1.
  const std::vector<int> labels = {0, 0, 0, 1};
  const MetricSet metrics = binary_metrics(labels, {0.2, 0.6, 0.3, 0.9}, ScoreKind::kProbability);
  EXPECT_DOUBLE_EQ(metrics.at("accuracy"), 0.75);
  EXPECT_DOUBLE_EQ(metrics.at("balanced_accuracy"), (2.0 / 3.0 + 1.0) / 2.0);
}

TEST(BinaryMetrics, TiedScoresCountHalfInAurocAndEnterAveragePrecisionTogether) {
  // labels {0, 1, 0, 1}, scores {0.5, 0.5, 0.2, 0.9}: the pair (0.5+, 0.5-) counts 1/2, the
  // other three pairs are won -> 3.5 / 4. AP: 0.9 -> P 1, recall +1/2; the tied 0.5s enter as one
  // threshold -> TP 2 FP 1, P 2/3, recall +1/2 -> 5/6 (1 if the positive were put first).
  EXPECT_DOUBLE_EQ(auroc({0, 1, 0, 1}, {0.5, 0.5, 0.2, 0.9}), 0.875);
  EXPECT_DOUBLE_EQ(average_precision({0, 1, 0, 1}, {0.5, 0.5, 0.2, 0.9}), 5.0 / 6.0);
  // All scores tied: AUROC 1/2 and AP the positive fraction (any ordering within would differ).
  EXPECT_DOUBLE_EQ(auroc({1, 1, 0}, {0.3, 0.3, 0.3}), 0.5);
  EXPECT_DOUBLE_EQ(average_precision({1, 1, 0}, {0.3, 0.3, 0.3}), 2.0 / 3.0);
}

TEST(BinaryMetrics, PerfectAndInvertedScoresGiveAurocOneAndZero) {
  const std::vector<int> labels = {0, 1, 0, 1, 1};
  const std::vector<double> perfect = {0.1, 0.8, 0.2, 0.9, 0.7};
  const std::vector<double> inverted = {0.9, 0.2, 0.8, 0.1, 0.3};
  EXPECT_DOUBLE_EQ(auroc(labels, perfect), 1.0);
  EXPECT_DOUBLE_EQ(average_precision(labels, perfect), 1.0);
  EXPECT_DOUBLE_EQ(auroc(labels, inverted), 0.0);
  // Inverted: the positives come last, at precisions 1/3, 2/4, 3/5.
  EXPECT_DOUBLE_EQ(average_precision(labels, inverted), (1.0 / 3.0 + 2.0 / 4.0 + 3.0 / 5.0) / 3.0);
}

TEST(BinaryMetrics, MatchScikitLearnOnRandomScoresWithTies) {
  // Reference: /usr/bin/python3 with numpy 1.24.2, scikit-learn 1.2.1:
  //   rng = np.random.default_rng(7) (after drawing the regression vectors of
  //   regression_metrics_test); lab = rng.integers(0, 2, size=15); p = np.round(rng.uniform(size=15), 2)
  //   p[2] = p[7]; p[4] = p[9] = p[11]; pred = (p >= 0.5).astype(int)
  //   roc_auc_score(lab, p), average_precision_score(lab, p), accuracy_score(lab, pred),
  //   balanced_accuracy_score(lab, pred)
  const std::vector<int> labels = {0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0};
  const std::vector<double> scores = {0.01, 0.19, 0.15, 0.2,  0.85, 0.0,  0.83, 0.15,
                                      0.27, 0.85, 0.51, 0.85, 0.64, 0.74, 0.09};
  const MetricSet metrics = binary_metrics(labels, scores, ScoreKind::kProbability);
  EXPECT_NEAR(metrics.at("auroc"), 0.8125, 1e-12);
  EXPECT_NEAR(metrics.at("auprc"), 0.8392857142857143, 1e-12);
  EXPECT_NEAR(metrics.at("accuracy"), 0.6, 1e-12);
  EXPECT_NEAR(metrics.at("balanced_accuracy"), 0.5982142857142857, 1e-12);
}

TEST(BinaryMetrics, LogitsAreThresholdedAtZeroAndRankLikeProbabilities) {
  // sigmoid is monotone, so logit(p) ranks like p; the threshold moves from 0.5 to 0.
  const std::vector<int> labels = {0, 0, 1, 1};
  const std::vector<double> probabilities = {0.1, 0.4, 0.35, 0.8};
  std::vector<double> logits;
  for (double p : probabilities) logits.push_back(std::log(p / (1.0 - p)));
  EXPECT_EQ(binary_predictions(logits, ScoreKind::kLogit), (std::vector<int>{0, 0, 0, 1}));
  EXPECT_EQ(binary_predictions(logits, ScoreKind::kLogit),
            binary_predictions(probabilities, ScoreKind::kProbability));
  EXPECT_DOUBLE_EQ(binary_metrics(labels, logits, ScoreKind::kLogit).at("auroc"), 0.75);
  // A score exactly at the threshold predicts the positive class.
  EXPECT_EQ(binary_predictions({0.5, 0.0}, ScoreKind::kProbability), (std::vector<int>{1, 0}));
  EXPECT_EQ(binary_predictions({0.0, -1e-9}, ScoreKind::kLogit), (std::vector<int>{1, 0}));
}

TEST(BinaryMetrics, OneClassTargetMakesAurocNaN) {
  EXPECT_TRUE(std::isnan(auroc({1, 1, 1}, {0.2, 0.5, 0.9})));
  EXPECT_TRUE(std::isnan(auroc({0, 0}, {0.2, 0.5})));
  // Average precision needs a positive; with only positives every precision is 1.
  EXPECT_TRUE(std::isnan(average_precision({0, 0}, {0.2, 0.5})));
  EXPECT_DOUBLE_EQ(average_precision({1, 1, 1}, {0.2, 0.5, 0.9}), 1.0);
  // Balanced accuracy averages over the one class present: 2 of 3 positives found.
  const MetricSet metrics = binary_metrics({1, 1, 1}, {0.2, 0.5, 0.9}, ScoreKind::kProbability);
  EXPECT_TRUE(std::isnan(metrics.at("auroc")));
  EXPECT_DOUBLE_EQ(metrics.at("balanced_accuracy"), 2.0 / 3.0);
}

TEST(BinaryMetrics, RejectsMalformedInputNamingTheProblem) {
  const auto message_of = [](auto&& call) -> std::string {
    try {
      call();
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(message_of([] { auroc({0, 1}, {0.5}); }),
            "auroc: labels and scores differ in length (2 vs 1)");
  EXPECT_EQ(message_of([] { auroc({}, {}); }), "auroc: expected at least one sample, got none");
  EXPECT_EQ(message_of([] { average_precision({0, 2}, {0.1, 0.2}); }),
            "auprc: labels[1] must be 0 or 1, got 2");
  EXPECT_NE(message_of([] { auroc({0, 1}, {0.1, std::nan("")}); }).find("scores[1] is not finite"),
            std::string::npos);
  EXPECT_NE(message_of([] { binary_metrics({0, 1}, {-2.0, 3.0}, ScoreKind::kProbability); })
                .find("pass ScoreKind::kLogit for logits"),
            std::string::npos);
  EXPECT_THROW(accuracy({0, 1}, {0}), Error);
  EXPECT_THROW(balanced_accuracy({}, {}), Error);
}

// Probabilities [n_classes = 3, n_samples = 4]; labels {0, 1, 2, 2}.
// Argmax {0, 1, 2, 0} (sample 3 ties classes 0 and 1 at 0.4 -> the lower class, 0):
//   accuracy 3/4; recalls 1/1, 1/1, 1/2 -> balanced (1 + 1 + 0.5) / 3.
// One-vs-rest AUROC: class 0: positive 0.7 beats 0.2, 0.1, 0.4 -> 1; class 1: 0.5 beats 0.2, 0.3,
//   0.4 -> 1; class 2: positives 0.6, 0.2 vs negatives 0.1, 0.3 -> 3 of 4 pairs -> 0.75.
//   Macro mean (1 + 1 + 0.75) / 3.
const std::vector<std::vector<double>> kClassProbabilities = {{0.7, 0.2, 0.1, 0.4},
                                                              {0.2, 0.5, 0.3, 0.4},
                                                              {0.1, 0.3, 0.6, 0.2}};
const std::vector<int> kClassLabels = {0, 1, 2, 2};

TEST(MulticlassMetrics, MatchHandComputedValues) {
  const Matrix<double> scores = rows_to_matrix(kClassProbabilities);
  EXPECT_EQ(argmax_predictions(scores), (std::vector<int>{0, 1, 2, 0}));
  const MetricSet metrics = multiclass_metrics(kClassLabels, scores, ScoreKind::kProbability);
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_DOUBLE_EQ(metrics.at("accuracy"), 0.75);
  EXPECT_DOUBLE_EQ(metrics.at("balanced_accuracy"), 2.5 / 3.0);
  EXPECT_DOUBLE_EQ(metrics.at("auroc"), 2.75 / 3.0);
}

TEST(MulticlassMetrics, MatchScikitLearnOnRandomLogits) {
  // Reference: /usr/bin/python3 with numpy 1.24.2, scikit-learn 1.2.1, continuing
  //   rng = np.random.default_rng(7) after the binary vectors of this file:
  //   lab3 = rng.integers(0, 3, size=10); logits = np.round(rng.normal(size=(10, 3)), 2)
  //   prob = softmax(logits, axis=1); pred = logits.argmax(1)
  //   roc_auc_score(lab3, prob, multi_class="ovr", average="macro"),
  //   accuracy_score(lab3, pred), balanced_accuracy_score(lab3, pred)
  const Matrix<double> logits = rows_to_matrix(
      {{-1.2, -0.19, 0.67, 0.2, -1.19, 0.9, -0.79, -0.46, 0.69, -0.25},
       {0.07, 0.68, 1.44, -0.46, -0.58, 1.15, 0.65, -0.1, -0.33, 1.52},
       {0.58, -0.07, -0.68, 0.13, -0.2, -1.32, -1.99, 1.26, -0.37, -0.43}});
  const std::vector<int> labels = {0, 0, 1, 2, 1, 1, 2, 2, 1, 1};
  const MetricSet metrics = multiclass_metrics(labels, logits, ScoreKind::kLogit);
  EXPECT_NEAR(metrics.at("auroc"), 0.50301587301587303, 1e-12);
  EXPECT_NEAR(metrics.at("accuracy"), 0.4, 1e-12);
  EXPECT_NEAR(metrics.at("balanced_accuracy"), 0.31111111111111112, 1e-12);
}

TEST(MulticlassMetrics, LogitsAreRankedAfterSoftmaxNotRaw) {
  // logits: [2 classes, 3 samples], labels {0, 1, 1}. Raw class-0 logits rank sample 1 above
  // sample 0 (1.0 > 0.9), but sample 1's class-1 logit is larger still, so its softmax probability
  // of class 0 is lower (0.27 < 0.69). After softmax both classes separate perfectly (AUROC 1);
  // the raw logits would give 1/2 for each class.
  const Matrix<double> logits = rows_to_matrix({{0.9, 1.0, -3.0}, {0.1, 2.0, 0.0}});
  const std::vector<int> labels = {0, 1, 1};
  EXPECT_DOUBLE_EQ(macro_one_vs_rest_auroc(labels, logits, ScoreKind::kLogit), 1.0);
}

TEST(MulticlassMetrics, AurocAveragesOnlyClassesWithADefinedOneVsRestAuroc) {
  // The hand example's scores with labels in which class 2 never occurs: its one-vs-rest AUROC is
  // undefined and left out of the mean.
  const Matrix<double> scores = rows_to_matrix(kClassProbabilities);
  const std::vector<int> no_class_two = {0, 1, 0, 1};
  // Class 0: positives 0.7, 0.1 vs negatives 0.2, 0.4 -> 2 of 4; class 1: positives 0.5, 0.4 vs
  // negatives 0.2, 0.3 -> 4 of 4 -> mean 0.75.
  EXPECT_DOUBLE_EQ(macro_one_vs_rest_auroc(no_class_two, scores, ScoreKind::kProbability), 0.75);
  // A single class present leaves no defined one-vs-rest AUROC at all.
  EXPECT_TRUE(
      std::isnan(macro_one_vs_rest_auroc({1, 1, 1, 1}, scores, ScoreKind::kProbability)));
}

TEST(MulticlassMetrics, RejectsLabelsOutOfRangeAndMisshapenScores) {
  const Matrix<double> scores = rows_to_matrix(kClassProbabilities);
  EXPECT_THROW(multiclass_metrics({0, 1, 3, 2}, scores, ScoreKind::kProbability), Error);
  EXPECT_THROW(multiclass_metrics({0, 1, -1, 2}, scores, ScoreKind::kProbability), Error);
  EXPECT_THROW(multiclass_metrics({0, 1, 2}, scores, ScoreKind::kProbability), Error);
  EXPECT_THROW(multiclass_metrics({0, 0}, rows_to_matrix({{0.5, 0.5}}), ScoreKind::kLogit), Error);
  Matrix<double> logits = scores;
  logits(0, 0) = 4.0;
  EXPECT_THROW(multiclass_metrics(kClassLabels, logits, ScoreKind::kProbability), Error);
  EXPECT_NO_THROW(multiclass_metrics(kClassLabels, logits, ScoreKind::kLogit));
}

}  // namespace
}  // namespace ontonet
