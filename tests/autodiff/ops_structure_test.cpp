#include "ontonet/autodiff/ops_structure.hpp"

#include "gradient_check.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>

namespace ontonet {
namespace {

using test::check_gradients;
using test::random_matrix;

Matrix<double> rows_of(std::initializer_list<std::initializer_list<double>> rows) {
  Matrix<double> m(static_cast<Index>(rows.size()), static_cast<Index>(rows.begin()->size()));
  Index r = 0;
  for (const auto& row : rows) {
    Index c = 0;
    for (double v : row) m(r, c++) = v;
    ++r;
  }
  return m;
}

TEST(ConcatRows, StacksFeatureBlocksInOrder) {
  Tape<double> tape;
  const NodeId a = tape.input(rows_of({{1, 2}}));
  const NodeId b = tape.input(rows_of({{3, 4}, {5, 6}}));
  const NodeId y = ops::concat_rows(tape, {b, a});
  EXPECT_EQ(tape.value(y), rows_of({{3, 4}, {5, 6}, {1, 2}}));
}

TEST(ConcatRows, GradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(1);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::concat_rows(tape, {in[0], in[1], in[0]});
      },
      {random_matrix(2, 3, rng), random_matrix(4, 3, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(ConcatRows, BatchMismatchNamesOpAndShapes) {
  Tape<double> tape;
  const NodeId a = tape.input(Matrix<double>::Zero(2, 3));
  const NodeId b = tape.input(Matrix<double>::Zero(2, 4));
  try {
    ops::concat_rows(tape, {a, b});
    FAIL() << "expected a shape error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "concat_rows: part 0 is [2 x 3], part 1 is [2 x 4]");
  }
}

TEST(SliceRows, TakesFeatureBlock) {
  Tape<double> tape;
  const NodeId y = ops::slice_rows(tape, tape.input(rows_of({{1, 2}, {3, 4}, {5, 6}})), 1, 2);
  EXPECT_EQ(tape.value(y), rows_of({{3, 4}, {5, 6}}));
}

TEST(SliceRows, GradientMatchesFiniteDifferencesAndRejectsOutOfRange) {
  std::mt19937_64 rng(2);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::slice_rows(tape, in[0], 2, 3);
      },
      {random_matrix(6, 2, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(3, 1));
  EXPECT_THROW(ops::slice_rows(tape, x, 2, 2), Error);
}

TEST(GatherRows, PicksRowsByIndexWithRepeats) {
  Tape<double> tape;
  const NodeId y = ops::gather_rows(tape, tape.input(rows_of({{1}, {2}, {3}})), {2, 0, 2});
  EXPECT_EQ(tape.value(y), rows_of({{3}, {1}, {3}}));
}

TEST(GatherRows, GradientMatchesFiniteDifferencesAndRejectsBadIndex) {
  std::mt19937_64 rng(3);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::gather_rows(tape, in[0], {3, 1, 3, 0});
      },
      {random_matrix(4, 3, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(3, 1));
  EXPECT_THROW(ops::gather_rows(tape, x, {0, 3}), Error);
}

TEST(ScatterAddRows, SumsRowsLandingOnTheSameIndex) {
  Tape<double> tape;
  const NodeId y =
      ops::scatter_add_rows(tape, tape.input(rows_of({{1, 1}, {2, 2}, {4, 4}})), {1, 3, 1}, 4);
  EXPECT_EQ(tape.value(y), rows_of({{0, 0}, {5, 5}, {0, 0}, {2, 2}}));
}

TEST(ScatterAddRows, GradientMatchesFiniteDifferences) {
  std::mt19937_64 rng(4);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::scatter_add_rows(tape, in[0], {0, 2, 0}, 3);
      },
      {random_matrix(3, 2, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(Add, SumsElementwiseAndRejectsShapeMismatch) {
  Tape<double> tape;
  const NodeId a = tape.input(rows_of({{1, 2}}));
  const NodeId b = tape.input(rows_of({{10, 20}}));
  EXPECT_EQ(tape.value(ops::add(tape, a, b)), rows_of({{11, 22}}));
  const NodeId c = tape.input(Matrix<double>::Zero(2, 2));
  try {
    ops::add(tape, a, c);
    FAIL() << "expected a shape error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "add: left is [1 x 2], right is [2 x 2]");
  }
}

TEST(Add, GradientsMatchFiniteDifferencesIncludingSameNodeTwice) {
  std::mt19937_64 rng(5);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::add(tape, ops::add(tape, in[0], in[1]), in[0]);
      },
      {random_matrix(3, 2, rng), random_matrix(3, 2, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(Scale, MultipliesByConstant) {
  Tape<double> tape;
  const NodeId y = ops::scale(tape, tape.input(rows_of({{1, -2}})), -3.0);
  EXPECT_EQ(tape.value(y), rows_of({{-3, 6}}));
}

TEST(Scale, GradientMatchesFiniteDifferences) {
  std::mt19937_64 rng(6);
  const auto report = check_gradients(
      [](Tape<double>& tape, const std::vector<NodeId>& in) { return ops::scale(tape, in[0], 2.5); },
      {random_matrix(2, 3, rng)}, {});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

}  // namespace
}  // namespace ontonet
