#include "ontonet/autodiff/ops_normalization.hpp"

#include "gradient_check.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ontonet {
namespace {

using test::check_gradients;

TEST(BatchNorm, TrainingNormalizesEachFeatureOverTheBatch) {
  BatchNorm<double> layer("bn", 2, 0.1, 0.0);
  layer.gamma.value << 2, 1;
  layer.beta.value << 0, 5;
  Matrix<double> x(2, 4);
  x << 1, 2, 3, 4,  //
      -1, -1, 1, 1;
  Tape<double> tape;
  const NodeId y = ops::batch_norm(tape, tape.input(x), layer);
  // Feature 0: mean 2.5, biased variance 1.25; feature 1: mean 0, variance 1.
  const double s = 1 / std::sqrt(1.25);
  Matrix<double> expected(2, 4);
  expected << 2 * -1.5 * s, 2 * -0.5 * s, 2 * 0.5 * s, 2 * 1.5 * s,  //
      4, 4, 6, 6;
  EXPECT_TRUE(tape.value(y).isApprox(expected, 1e-12)) << tape.value(y);
}

TEST(BatchNorm, TrainingMovesRunningStatisticsByMomentum) {
  BatchNorm<double> layer("bn", 1, 0.1);
  Matrix<double> x(1, 4);
  x << 1, 2, 3, 4;  // mean 2.5, unbiased variance 5/3
  Tape<double> tape;
  ops::batch_norm(tape, tape.input(x), layer);
  EXPECT_NEAR(layer.running_mean[0], 0.9 * 0 + 0.1 * 2.5, 1e-15);
  EXPECT_NEAR(layer.running_var[0], 0.9 * 1 + 0.1 * (5.0 / 3.0), 1e-15);
}

TEST(BatchNorm, InferenceUsesRunningStatisticsAndLeavesThemAlone) {
  BatchNorm<double> layer("bn", 1, 0.1, 0.0);
  layer.running_mean << 1.0;
  layer.running_var << 4.0;
  layer.gamma.value << 3.0;
  layer.beta.value << 1.0;
  Matrix<double> x(1, 3);
  x << 1, 3, 5;
  Tape<double> tape;
  tape.set_training(false);
  const NodeId y = ops::batch_norm(tape, tape.input(x), layer);
  Matrix<double> expected(1, 3);
  expected << 1, 4, 7;  // 3 * (x - 1) / 2 + 1
  EXPECT_TRUE(tape.value(y).isApprox(expected, 1e-15)) << tape.value(y);
  EXPECT_EQ(layer.running_mean[0], 1.0);
  EXPECT_EQ(layer.running_var[0], 4.0);
}

TEST(BatchNorm, TrainingGradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(21);
  BatchNorm<double> layer("bn", 3, 0.1);
  layer.gamma.value = test::random_matrix(3, 1, rng, 0.5, 1.5);
  layer.beta.value = test::random_matrix(3, 1, rng);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::batch_norm(tape, in[0], layer);
      },
      {test::random_matrix(3, 6, rng)}, {&layer.gamma, &layer.beta});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
  EXPECT_EQ(report.n_checked, 18 + 3 + 3);
}

TEST(BatchNorm, InferenceGradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(22);
  BatchNorm<double> layer("bn", 3, 0.1);
  layer.running_mean = test::random_matrix(3, 1, rng);
  layer.running_var = test::random_matrix(3, 1, rng, 0.5, 2.0);
  layer.gamma.value = test::random_matrix(3, 1, rng, 0.5, 1.5);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        tape.set_training(false);
        return ops::batch_norm(tape, in[0], layer);
      },
      {test::random_matrix(3, 4, rng)}, {&layer.gamma, &layer.beta});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(BatchNorm, TrainingRejectsBatchOfOne) {
  BatchNorm<double> layer("bn", 2);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(2, 1));
  EXPECT_THROW(ops::batch_norm(tape, x, layer), Error);
}

TEST(BatchNorm, FeatureMismatchNamesOp) {
  BatchNorm<double> layer("bn", 2);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(3, 4));
  try {
    ops::batch_norm(tape, x, layer);
    FAIL() << "expected a shape error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "batch_norm: input has 3 features, layer expects 2");
  }
}

}  // namespace
}  // namespace ontonet
