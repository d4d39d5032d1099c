#include "ontonet/autodiff/ops_dropout.hpp"

#include "gradient_check.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>

namespace ontonet {
namespace {

Matrix<double> dropout_output(const Matrix<double>& x, double p, std::uint64_t seed, bool training) {
  Tape<double> tape;
  tape.set_training(training);
  return tape.value(ops::dropout(tape, tape.input(x), p, seed));
}

TEST(Dropout, IsIdentityAtInference) {
  std::mt19937_64 rng(1);
  const Matrix<double> x = test::random_matrix(6, 5, rng);
  EXPECT_EQ(dropout_output(x, 0.5, 9, false), x);
}

TEST(Dropout, SameSeedGivesSameMaskAndOtherSeedAnother) {
  const Matrix<double> x = Matrix<double>::Ones(20, 10);
  EXPECT_EQ(dropout_output(x, 0.3, 42, true), dropout_output(x, 0.3, 42, true));
  EXPECT_NE(dropout_output(x, 0.3, 42, true), dropout_output(x, 0.3, 43, true));
}

TEST(Dropout, KeepsAboutOneMinusPAndScalesKeptByItsInverse) {
  const Matrix<double> y = dropout_output(Matrix<double>::Ones(100, 100), 0.25, 7, true);
  Index kept = 0;
  for (Index i = 0; i < y.size(); ++i) {
    const double v = y.data()[i];
    EXPECT_TRUE(v == 0.0 || std::abs(v - 1 / 0.75) < 1e-15) << v;
    kept += v != 0.0;
  }
  EXPECT_NEAR(static_cast<double>(kept) / 10000.0, 0.75, 0.02);
}

TEST(Dropout, CallerGeneratorAdvancesSoConsecutiveMasksDiffer) {
  std::mt19937_64 rng(5);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Ones(10, 10));
  const NodeId first = ops::dropout(tape, x, 0.5, rng);
  const NodeId second = ops::dropout(tape, x, 0.5, rng);
  EXPECT_NE(tape.value(first), tape.value(second));
}

TEST(Dropout, GradientMatchesFiniteDifferencesWithFixedMask) {
  std::mt19937_64 rng(2);
  const auto report = test::check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::dropout(tape, in[0], 0.4, std::uint64_t{17});
      },
      {test::random_matrix(4, 5, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(Dropout, RejectsProbabilityOutsideZeroToOne) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Ones(2, 2));
  EXPECT_THROW(ops::dropout(tape, x, 1.0, std::uint64_t{1}), Error);
  EXPECT_THROW(ops::dropout(tape, x, -0.1, std::uint64_t{1}), Error);
}

}  // namespace
}  // namespace ontonet
