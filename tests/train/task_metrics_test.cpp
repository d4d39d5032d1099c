#include "ontonet/train/task_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ontonet {
namespace {

TEST(TaskMetrics, SoftmaxLossAndMulticlassMetricsFromLogits) {
  Matrix<float> classes(1, 3);
  classes << 0, 2, 1;
  Matrix<float> logits(3, 3);
  logits << 2, 0, 0,  //
      0, 0, 1,        //
      0, 1, 0;
  // Sample 0: class 0 has logit 2 against 0, 0; samples 1 and 2: their class has logit 1 against 0,
  // 0.
  const double expected =
      (std::log(std::exp(2.0) + 2.0) - 2.0 + 2 * (std::log(std::exp(1.0) + 2.0) - 1.0)) / 3.0;
  const MetricSet metrics = task_metrics(TaskKind::kMulticlass, classes, logits);
  EXPECT_NEAR(metrics.at("loss"), expected, 1e-6);
  EXPECT_DOUBLE_EQ(metrics.at("accuracy"), 1.0);
  EXPECT_TRUE(metrics.count("auroc"));
}

TEST(TaskMetrics, CoxLossWithTiesAndConcordanceFromRiskScores) {
  Matrix<float> survival(2, 4);
  survival << 1, 2, 2, 3,  // times, a tie at 2
      1, 1, 0, 1;          // events
  Matrix<float> risk(1, 4);
  risk << 0.5f, 0.2f, -0.1f, 0.0f;
  // Breslow: event at t=1: risk set all four; event at t=2 (sample 1): risk set {1, 2, 3};
  // event at t=3: {3}.
  const double e = std::exp(1.0);
  const double set1 = std::pow(e, 0.5) + std::pow(e, 0.2) + std::pow(e, -0.1) + 1.0;
  const double set2 = std::pow(e, 0.2) + std::pow(e, -0.1) + 1.0;
  const double expected = -((0.5 - std::log(set1)) + (0.2 - std::log(set2)) + (0.0 - 0.0)) / 3.0;
  const MetricSet metrics = task_metrics(TaskKind::kSurvival, survival, risk);
  EXPECT_NEAR(metrics.at("loss"), expected, 1e-6);
  // The comparable pairs (the earlier time is an event) are (0,1), (0,2), (0,3) and (1,3); in each
  // the earlier sample has the higher risk.
  EXPECT_DOUBLE_EQ(metrics.at("c_index"), 1.0);
}

TEST(TaskMetrics, CoxLossWithoutEventsIsZero) {
  Matrix<float> survival(2, 2);
  survival << 1, 2, 0, 0;
  Matrix<float> risk(1, 2);
  risk << 1, 2;
  EXPECT_EQ(task_loss(TaskKind::kSurvival, survival, risk), 0.0);
}

TEST(TaskMetrics, BinaryLossIsTheStableCrossEntropyOfLogits) {
  Matrix<float> labels(1, 2);
  labels << 1, 0;
  Matrix<float> logits(1, 2);
  logits << 30, -2;
  const double expected = (std::log1p(std::exp(-30.0)) + std::log1p(std::exp(-2.0))) / 2.0;
  EXPECT_NEAR(task_loss(TaskKind::kBinary, labels, logits), expected, 1e-9);
}

}  // namespace
}  // namespace ontonet
