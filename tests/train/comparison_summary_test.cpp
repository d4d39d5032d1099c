#include "ontonet/train/comparison_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ontonet {
namespace {

// A result with hand-set metrics: run (model m, seed s) has the given test loss and pearson, and
// validation loss validation[m].
ComparisonResult hand_made_result(const std::vector<std::vector<double>>& test_loss,
                                  const std::vector<std::vector<double>>& test_pearson,
                                  const std::vector<double>& validation) {
  ComparisonResult result;
  result.task = TaskKind::kRegression;
  result.penalty = "l2";
  result.models = {{"ontology lambda=0", "ontology", 0.0},
                   {"ontology lambda=0.1", "ontology", 0.1},
                   {"dense", "dense", 0.0}};
  for (std::size_t m = 0; m < result.models.size(); ++m) {
    for (std::size_t s = 0; s < test_loss[m].size(); ++s) {
      ComparisonRun run;
      run.model = m;
      run.seed = 1 + s;
      run.parameters = 100 * static_cast<Index>(m + 1);
      run.nonzero_weights = 10 + static_cast<Index>(s);
      run.seconds = 1.0;
      run.result.best_epoch = 3;
      run.result.metrics["test"] = {{"loss", test_loss[m][s]}, {"pearson", test_pearson[m][s]}};
      run.result.metrics["validation"] = {{"loss", validation[m]}, {"pearson", 0.5}};
      result.runs.push_back(run);
    }
  }
  return result;
}

TEST(ComparisonSummary, MeanAndSampleStandardDeviationLeaveOutNaN) {
  const MeanSd summary = mean_sd({1.0, 2.0, std::nan(""), 6.0});
  EXPECT_EQ(summary.n, 3);
  EXPECT_DOUBLE_EQ(summary.mean, 3.0);
  EXPECT_DOUBLE_EQ(summary.sd, std::sqrt(7.0));  // (4 + 1 + 9) / 2
  EXPECT_EQ(mean_sd({5.0}).sd, 0.0);
  EXPECT_TRUE(std::isnan(mean_sd({}).mean));
}

TEST(ComparisonSummary, StudentQuantilesMatchTheTableAndTheNormalLimit) {
  EXPECT_NEAR(student_t_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_975(4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_975(30), 2.0423, 1e-4);
  EXPECT_NEAR(student_t_975(31), 2.0395, 1e-4);    // numerical integration: 2.039513
  EXPECT_NEAR(student_t_975(60), 2.0003, 1e-4);    // numerical integration: 2.000298
  EXPECT_NEAR(student_t_975(1000), 1.9623, 1e-4);  // numerical integration: 1.962339
}

TEST(ComparisonSummary, PairsSeedsAgainstTheDenseBaseline) {
  const ComparisonResult result =
      hand_made_result({{1.0, 2.0, 3.0}, {0.5, 1.0, 2.1}, {1.5, 1.5, 2.0}},
                       {{0.6, 0.7, 0.8}, {0.9, 0.9, 0.9}, {0.7, 0.7, 0.7}}, {2.0, 1.0, 1.5});
  const ComparisonSummary summary = summarize_comparison(result);
  EXPECT_EQ(summary.main_metric, "pearson");
  EXPECT_EQ(summary.selected, 1u);  // lowest validation loss among ontology models
  ASSERT_EQ(summary.models.size(), 3u);
  EXPECT_DOUBLE_EQ(summary.models[0].metrics.at("test").at("loss").mean, 2.0);
  EXPECT_DOUBLE_EQ(summary.models[0].metrics.at("test").at("loss").sd, 1.0);
  EXPECT_DOUBLE_EQ(summary.models[2].nonzero_weights.mean, 11.0);
  EXPECT_EQ(summary.models[1].parameters, 200);

  ASSERT_EQ(summary.differences.size(), 4u);  // two models x (loss, pearson)
  const PairedDifference& loss = summary.differences[0];
  EXPECT_EQ(loss.model, 0u);
  EXPECT_EQ(loss.reference, 2u);
  EXPECT_EQ(loss.split, "test");
  EXPECT_EQ(loss.metric, "loss");
  // Differences -0.5, 0.5, 1.0: mean 1/3, sd sqrt(((-5/6)^2 + (1/6)^2 + (2/3)^2) / 2).
  const double sd = std::sqrt((25.0 / 36 + 1.0 / 36 + 16.0 / 36) / 2.0);
  EXPECT_NEAR(loss.difference.mean, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(loss.difference.sd, sd, 1e-12);
  EXPECT_NEAR(loss.ci_low, 1.0 / 3.0 - 4.302653 * sd / std::sqrt(3.0), 1e-9);
  EXPECT_NEAR(loss.ci_high, 1.0 / 3.0 + 4.302653 * sd / std::sqrt(3.0), 1e-9);
  EXPECT_EQ(loss.model_better, 1);  // lower loss in seed 1 only
  const PairedDifference& pearson = summary.differences[1];
  EXPECT_EQ(pearson.metric, "pearson");
  EXPECT_NEAR(pearson.difference.mean, 0.0, 1e-12);
  EXPECT_EQ(pearson.model_better, 1);  // higher pearson in seed 3 only
  EXPECT_EQ(summary.differences[3].model_better, 3);
}

TEST(ComparisonSummary, NoDenseBaselineMeansNoPairedDifferences) {
  ComparisonResult result =
      hand_made_result({{1.0}, {2.0}, {3.0}}, {{0.1}, {0.2}, {0.3}}, {1.0, 2.0, 3.0});
  result.models[2] = {"shuffled", "shuffled", 0.0};
  const ComparisonSummary summary = summarize_comparison(result);
  EXPECT_TRUE(summary.differences.empty());
  EXPECT_EQ(summary.selected, 0u);
}

}  // namespace
}  // namespace ontonet
