#include "ontonet/autodiff/ops_linear.hpp"

#include "gradient_check.hpp"
#include "ontonet/autodiff/sparse_linear_kernels.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>

namespace ontonet {
namespace {

using test::check_gradients;
using test::random_matrix;

// W = [[1, 0, 2], [0, 3, 0]] as CSR: row 0 -> columns {0, 2}, row 1 -> column {1}.
SparsePattern two_by_three_pattern() { return SparsePattern(2, 3, {0, 2, 3}, {0, 2, 1}); }

TEST(SparseLinear, ComputesProductOfStoredEntriesOnHandExample) {
  const SparsePattern pattern = two_by_three_pattern();
  Parameter<double> w("w", 2, 3, 3);
  w.value << 1, 2, 3;
  Matrix<double> x(3, 2);
  x << 1, 10,   //
      2, 20,    //
      3, 30;
  Tape<double> tape;
  const NodeId y = ops::sparse_linear(tape, tape.input(x), pattern, w);
  Matrix<double> expected(2, 2);
  expected << 1 * 1 + 2 * 3, 10 + 2 * 30,  //
      3 * 2, 3 * 20;
  EXPECT_EQ(tape.value(y), expected);
}

TEST(SparseLinear, GradientsMatchFiniteDifferencesAtEveryDensity) {
  for (const double density : {0.01, 0.1, 0.5, 1.0}) {
    std::mt19937_64 rng(static_cast<std::uint64_t>(density * 1000));
    const SparsePattern pattern = test::random_pattern(12, 40, density, rng);
    Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
    const auto report = check_gradients(
        [&](Tape<double>& tape, const std::vector<NodeId>& in) {
          return ops::sparse_linear(tape, in[0], pattern, w);
        },
        {random_matrix(40, 5, rng)}, {&w});
    EXPECT_LT(report.max_error, 1e-6) << "density " << density << ": " << report.worst;
    EXPECT_EQ(report.n_checked, 40 * 5 + pattern.nnz());
  }
}

// Eigen's sparse_basic habit: the sparse kernels must equal the dense computation with the mask
// applied, over random shapes and densities.
TEST(SparseLinear, MatchesMaskedDenseProductOverRandomSizes) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<Index> size(1, 60);
  std::uniform_real_distribution<double> density(0.0, 1.0);
  for (int trial = 0; trial < 25; ++trial) {
    const Index n_out = size(rng), n_in = size(rng), batch = size(rng);
    const SparsePattern pattern = test::random_pattern(n_out, n_in, density(rng), rng);
    Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
    const Matrix<double> dense_w = test::densify(pattern, w.value);
    const Matrix<double> x = random_matrix(n_in, batch, rng);
    const Matrix<double> dy = random_matrix(n_out, batch, rng);

    Tape<double> tape;
    const NodeId x_node = tape.input(x);
    const NodeId y = ops::sparse_linear(tape, x_node, pattern, w);
    tape.backward(y, dy);

    EXPECT_LT((tape.value(y) - dense_w * x).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_LT((tape.grad(x_node) - dense_w.transpose() * dy).cwiseAbs().maxCoeff(), 1e-12);
    // The dense weight gradient restricted to the stored entries, and nothing elsewhere.
    const Matrix<double> dense_dw = dy * x.transpose();
    const Matrix<double> mask = test::densify(pattern, Vector<double>::Ones(pattern.nnz()).eval());
    EXPECT_LT((test::densify(pattern, w.grad) - dense_dw.cwiseProduct(mask)).cwiseAbs().maxCoeff(),
              1e-12)
        << "trial " << trial;
  }
}

TEST(SparseLinear, IsBitwiseIdenticalWithOneAndTwoThreads) {
  std::mt19937_64 rng(11);
  const SparsePattern pattern = test::random_pattern(300, 500, 0.05, rng);
  Parameter<float> w = test::random_sparse_weights<float>(pattern, rng);
  const Matrix<float> x = random_matrix<float>(500, 64, rng);
  const Matrix<float> dy = random_matrix<float>(300, 64, rng);
  ASSERT_GE(pattern.nnz() * 64, 1 << 15) << "too small to take the parallel path";

  auto run = [&](int threads, Matrix<float>& y, Vector<float>& dw, Matrix<float>& dx) {
    omp_set_num_threads(threads);
    w.zero_grad();
    Tape<float> tape;
    const NodeId x_node = tape.input(x);
    const NodeId y_node = ops::sparse_linear(tape, x_node, pattern, w);
    tape.backward(y_node, dy);
    y = tape.value(y_node);
    dw = w.grad;
    dx = tape.grad(x_node);
  };
  const int previous = omp_get_max_threads();
  Matrix<float> y1, y2, dx1, dx2;
  Vector<float> dw1, dw2;
  run(1, y1, dw1, dx1);
  run(2, y2, dw2, dx2);
  omp_set_num_threads(previous);
  EXPECT_EQ(std::memcmp(y1.data(), y2.data(), sizeof(float) * y1.size()), 0);
  EXPECT_EQ(std::memcmp(dw1.data(), dw2.data(), sizeof(float) * dw1.size()), 0);
  EXPECT_EQ(std::memcmp(dx1.data(), dx2.data(), sizeof(float) * dx1.size()), 0);
}

TEST(SparseLinear, ShapeMismatchNamesOpAndBothSizes) {
  const SparsePattern pattern(2, 7, {0, 1, 2}, {0, 6});
  Parameter<double> w("w", 2, 7, 2);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(5, 3));
  try {
    ops::sparse_linear(tape, x, pattern, w);
    FAIL() << "expected a shape error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "sparse_linear: input has 5 features, pattern expects 7");
  }
}

TEST(SparseLinear, RejectsWeightsOfWrongSize) {
  const SparsePattern pattern = two_by_three_pattern();
  Parameter<double> w("w", 2, 3, 4);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(3, 1));
  EXPECT_THROW(ops::sparse_linear(tape, x, pattern, w), Error);
}

TEST(DenseLinear, MultipliesRowMajorWeightsOnHandExample) {
  Parameter<double> w("w", 2, 3, 6);
  w.value << 1, 2, 3, 4, 5, 6;  // [[1, 2, 3], [4, 5, 6]]
  Matrix<double> x(3, 1);
  x << 1, 0, -1;
  Tape<double> tape;
  const NodeId y = ops::dense_linear(tape, tape.input(x), w);
  Matrix<double> expected(2, 1);
  expected << -2, -2;
  EXPECT_EQ(tape.value(y), expected);
}

TEST(DenseLinear, GradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(3);
  Parameter<double> w("w", 4, 6, 24);
  w.value = random_matrix(24, 1, rng);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::dense_linear(tape, in[0], w);
      },
      {random_matrix(6, 3, rng)}, {&w});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(DenseLinear, ShapeMismatchNamesOp) {
  Parameter<double> w("w", 2, 3, 6);
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(4, 1));
  EXPECT_THROW(
      {
        try {
          ops::dense_linear(tape, x, w);
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "dense_linear: input has 4 features, weights expects 3");
          throw;
        }
      },
      Error);
}

TEST(BiasAdd, AddsBiasToEverySampleAndSumsItsGradient) {
  Parameter<double> b("b", 2, 1, 2);
  b.value << 1, -1;
  Tape<double> tape;
  const NodeId y = ops::bias_add(tape, tape.input(Matrix<double>::Zero(2, 3)), b);
  Matrix<double> expected(2, 3);
  expected << 1, 1, 1, -1, -1, -1;
  EXPECT_EQ(tape.value(y), expected);
  tape.backward(y, Matrix<double>::Ones(2, 3));
  EXPECT_EQ(b.grad, Vector<double>::Constant(2, 3.0));
}

TEST(BiasAdd, GradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(5);
  Parameter<double> b("b", 3, 1, 3);
  b.value = random_matrix(3, 1, rng);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) { return ops::bias_add(tape, in[0], b); },
      {random_matrix(3, 4, rng)}, {&b});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

}  // namespace
}  // namespace ontonet
