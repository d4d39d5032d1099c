#include "ontonet/autodiff/ops_linear.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "gradient_check.hpp"
#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/sparse_linear_kernels.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

namespace ontonet {
namespace {

using test::check_gradients;
using test::random_matrix;

template <typename Buffer>
std::vector<float> as_floats(const Buffer& buffer) {
  return std::vector<float>(buffer.data(), buffer.data() + buffer.size());
}

// compute() returns the buffers a computation produced; run at 1 and at 2 threads, they must be
// bitwise the same (float == would also accept -0 for +0; these compare the bytes).
template <typename Compute>
void expect_same_bits_at_one_and_two_threads(Compute compute) {
  const int previous = omp_get_max_threads();
  omp_set_num_threads(1);
  const std::vector<std::vector<float>> one = compute();
  omp_set_num_threads(2);
  const std::vector<std::vector<float>> two = compute();
  omp_set_num_threads(previous);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    ASSERT_EQ(one[i].size(), two[i].size());
    EXPECT_EQ(std::memcmp(one[i].data(), two[i].data(), sizeof(float) * one[i].size()), 0)
        << "buffer " << i;
  }
}

// W = [[1, 0, 2], [0, 3, 0]] as CSR: row 0 -> columns {0, 2}, row 1 -> column {1}.
SparsePattern two_by_three_pattern() { return SparsePattern(2, 3, {0, 2, 3}, {0, 2, 1}); }

TEST(SparseLinear, ComputesProductOfStoredEntriesOnHandExample) {
  const SparsePattern pattern = two_by_three_pattern();
  Parameter<double> w("w", 2, 3, 3);
  w.value << 1, 2, 3;
  Matrix<double> x(3, 2);
  x << 1, 10,  //
      2, 20,   //
      3, 30;
  Tape<double> tape;
  const NodeId y = ops::sparse_linear(tape, tape.input(x), pattern, w);
  Matrix<double> expected(2, 2);
  expected << 1 * 1 + 2 * 3, 10 + 2 * 30,  //
      3 * 2, 3 * 20;
  EXPECT_EQ(tape.value(y), expected);
}

// 12 outputs over 40 inputs walk the inputs in the backward pass, 40 over 12 walk the outputs
// (sparse_backward_walks_inputs); both must give the derivatives.
TEST(SparseLinear, GradientsMatchFiniteDifferencesAtEveryDensity) {
  for (const auto& [rows, cols] : {std::pair<Index, Index>{12, 40}, {40, 12}}) {
    ASSERT_EQ(sparse_backward_walks_inputs(
                  SparsePattern(rows, cols, std::vector<Index>(rows + 1), {}), 5, sizeof(double)),
              rows < cols);
    for (const double density : {0.01, 0.1, 0.5, 1.0}) {
      std::mt19937_64 rng(static_cast<std::uint64_t>(density * 1000));
      const SparsePattern pattern = test::random_pattern(rows, cols, density, rng);
      Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
      const auto report = check_gradients(
          [&](Tape<double>& tape, const std::vector<NodeId>& in) {
            return ops::sparse_linear(tape, in[0], pattern, w);
          },
          {random_matrix(cols, 5, rng)}, {&w});
      EXPECT_LT(report.max_error, 1e-6)
          << rows << " x " << cols << ", density " << density << ": " << report.worst;
      EXPECT_EQ(report.n_checked, cols * 5 + pattern.nnz());
    }
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

  expect_same_bits_at_one_and_two_threads([&] {
    w.zero_grad();
    Tape<float> tape;
    const NodeId x_node = tape.input(x);
    const NodeId y_node = ops::sparse_linear(tape, x_node, pattern, w);
    tape.backward(y_node, dy);
    return std::vector<std::vector<float>>{as_floats(tape.value(y_node)), as_floats(w.grad),
                                           as_floats(tape.grad(x_node))};
  });
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
  const auto report =
      check_gradients([&](Tape<double>& tape,
                          const std::vector<NodeId>& in) { return ops::bias_add(tape, in[0], b); },
                      {random_matrix(3, 4, rng)}, {&b});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

// The sources a segmented pattern reads, cut from one matrix x at the pattern's boundaries.
std::vector<Matrix<double>> cut_at_segments(const Matrix<double>& x, const SparsePattern& pattern) {
  std::vector<Matrix<double>> parts;
  const auto& bounds = pattern.segment_boundaries();
  for (std::size_t s = 0; s + 1 < bounds.size(); ++s) {
    parts.push_back(x.middleRows(bounds[s], bounds[s + 1] - bounds[s]));
  }
  return parts;
}

TEST(SparseLinear, SegmentedSourcesGiveTheConcatenatedResultExactly) {
  std::mt19937_64 rng(21);
  const SparsePattern whole = test::random_pattern(20, 25, 0.3, rng);
  SparsePattern split = whole;
  split.set_column_segments({0, 7, 7, 20, 25});  // an empty segment included
  Parameter<double> w = test::random_sparse_weights<double>(whole, rng);
  const Matrix<double> x = random_matrix(25, 6, rng);
  const Matrix<double> dy = random_matrix(20, 6, rng);

  Tape<double> tape;
  const NodeId x_node = tape.input(x);
  const NodeId y_whole = ops::sparse_linear(tape, x_node, whole, w);
  tape.backward(y_whole, dy);
  const Matrix<double> expected_y = tape.value(y_whole);
  const Matrix<double> expected_dx = tape.grad(x_node);
  const Vector<double> expected_dw = w.grad;

  w.zero_grad();
  tape.reset();
  std::vector<NodeId> sources;
  for (const Matrix<double>& part : cut_at_segments(x, split)) sources.push_back(tape.input(part));
  const NodeId y_split = ops::sparse_linear(tape, sources, split, w);
  tape.backward(y_split, dy);
  EXPECT_EQ(tape.value(y_split), expected_y);
  EXPECT_EQ(w.grad, expected_dw);
  const std::vector<Matrix<double>> expected_parts = cut_at_segments(expected_dx, split);
  for (std::size_t s = 0; s < sources.size(); ++s) {
    EXPECT_EQ(tape.grad(sources[s]), expected_parts[s]) << "source " << s;
  }
}

TEST(SparseLinear, SegmentedGradientsMatchFiniteDifferences) {
  std::mt19937_64 rng(22);
  SparsePattern pattern = test::random_pattern(9, 16, 0.4, rng);
  pattern.set_column_segments({0, 10, 13, 16});
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  const auto report = check_gradients(
      [&](Tape<double>& tape, const std::vector<NodeId>& in) {
        return ops::sparse_linear(tape, in, pattern, w);
      },
      {random_matrix(10, 4, rng), random_matrix(3, 4, rng), random_matrix(3, 4, rng)}, {&w});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
  EXPECT_EQ(report.n_checked, 16 * 4 + pattern.nnz());
}

// A 12-output layer over two sources (15 and 5 rows) with a bias, a batch of 5 and an output
// gradient, drawn in that order from `seed`.
struct TwoSourceLayer {
  explicit TwoSourceLayer(std::uint64_t seed) : rng(seed) {
    pattern = test::random_pattern(12, 20, 0.3, rng);
    pattern.set_column_segments({0, 15, 20});
    w = test::random_sparse_weights<double>(pattern, rng);
    b.value = random_matrix(12, 1, rng);
    x0 = random_matrix(15, 5, rng);
    x1 = random_matrix(5, 5, rng);
    dy = random_matrix(12, 5, rng);
  }
  std::mt19937_64 rng;
  SparsePattern pattern;
  Parameter<double> w;
  Parameter<double> b{"b", 12, 1, 12};
  Matrix<double> x0, x1, dy;
};

TEST(SparseLinear, BiasInsideTheProductEqualsABiasAddAfterIt) {
  TwoSourceLayer layer(27);
  const SparsePattern& pattern = layer.pattern;
  Parameter<double>& w = layer.w;
  Parameter<double>& b = layer.b;
  const Matrix<double>& x0 = layer.x0;
  const Matrix<double>& x1 = layer.x1;
  const Matrix<double>& dy = layer.dy;

  Tape<double> tape;
  std::vector<NodeId> sources{tape.input(x0), tape.input(x1)};
  const NodeId separate = ops::bias_add(tape, ops::sparse_linear(tape, sources, pattern, w), b);
  tape.backward(separate, dy);
  const Matrix<double> expected_y = tape.value(separate);
  const Vector<double> expected_dw = w.grad;
  const Vector<double> expected_db = b.grad;
  const Matrix<double> expected_dx1 = tape.grad(sources[1]);

  w.zero_grad();
  b.zero_grad();
  tape.reset();
  sources = {tape.input(x0), tape.input(x1)};
  const NodeId fused = ops::sparse_linear(tape, sources, pattern, w, &b);
  tape.backward(fused, dy);
  EXPECT_LT((tape.value(fused) - expected_y).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((w.grad - expected_dw).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((b.grad - expected_db).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((tape.grad(sources[1]) - expected_dx1).cwiseAbs().maxCoeff(), 1e-12);

  const auto report = check_gradients(
      [&](Tape<double>& t, const std::vector<NodeId>& in) {
        return ops::sparse_linear(t, in, pattern, w, &b);
      },
      {x0, x1}, {&w, &b});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
  EXPECT_EQ(report.n_checked, 20 * 5 + pattern.nnz() + 12);
}

// Two outputs, each fed by all 3 columns of segment 1 (columns 2-4) and nothing of segment 0.
SparsePattern two_outputs_of_a_dense_segment() {
  SparsePattern pattern(2, 5, {0, 3, 6}, {2, 3, 4, 2, 3, 4});
  pattern.set_column_segments({0, 2, 5});
  return pattern;
}

TEST(SparseLinear, BiasOfADenseSegmentMatchesFiniteDifferences) {
  const SparsePattern pattern = two_outputs_of_a_dense_segment();
  ASSERT_EQ(pattern.dense_segment(), 1);
  std::mt19937_64 rng(28);
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  Parameter<double> b("b", 2, 1, 2);
  b.value << 0.5, -0.25;
  const auto report = check_gradients(
      [&](Tape<double>& t, const std::vector<NodeId>& in) {
        return ops::sparse_linear(t, in, pattern, w, &b);
      },
      {random_matrix(2, 4, rng), random_matrix(3, 4, rng)}, {&w, &b});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

TEST(SparseLinear, DenseSegmentTakesTheDenseProductAndItsGradients) {
  // 3 outputs, each fed by all 4 columns of segment 1 and nothing else: a dense layer over that
  // source, multiplied with Eigen's GEMM.
  std::vector<Index> offsets{0, 4, 8, 12};
  std::vector<Index> columns{5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 8};
  SparsePattern pattern(3, 9, offsets, columns);
  pattern.set_column_segments({0, 5, 9});
  ASSERT_EQ(pattern.dense_segment(), 1);
  std::mt19937_64 rng(23);
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  const Matrix<double> x0 = random_matrix(5, 3, rng);
  const Matrix<double> x1 = random_matrix(4, 3, rng);
  Tape<double> tape;
  const NodeId y = ops::sparse_linear(tape, {tape.input(x0), tape.input(x1)}, pattern, w);
  const Matrix<double> dense_w = Eigen::Map<const Matrix<double>>(w.value.data(), 3, 4);
  EXPECT_LT((tape.value(y) - dense_w * x1).cwiseAbs().maxCoeff(), 1e-12);

  const auto report = check_gradients(
      [&](Tape<double>& t, const std::vector<NodeId>& in) {
        return ops::sparse_linear(t, in, pattern, w);
      },
      {x0, x1}, {&w});
  EXPECT_LT(report.max_error, 1e-6) << report.worst;
}

// The activation op a fused sparse_linear stands for.
NodeId activation_op(Tape<double>& tape, NodeId z, Activation activation) {
  switch (activation) {
    case Activation::kTanh:
      return ops::tanh(tape, z);
    case Activation::kRelu:
      return ops::relu(tape, z);
    case Activation::kSigmoid:
      return ops::sigmoid(tape, z);
    case Activation::kIdentity:
      break;
  }
  return z;
}

const Activation kFusedActivations[] = {Activation::kTanh, Activation::kRelu, Activation::kSigmoid};

TEST(SparseLinear, ActivationInsideTheProductEqualsTheActivationOpAfterIt) {
  TwoSourceLayer layer(29);
  const SparsePattern& pattern = layer.pattern;
  Parameter<double>& w = layer.w;
  Parameter<double>& b = layer.b;
  const Matrix<double>& x0 = layer.x0;
  const Matrix<double>& x1 = layer.x1;
  const Matrix<double>& dy = layer.dy;
  for (const Activation activation : kFusedActivations) {
    SCOPED_TRACE(static_cast<int>(activation));
    w.zero_grad();
    b.zero_grad();
    Tape<double> tape;
    std::vector<NodeId> sources{tape.input(x0), tape.input(x1)};
    const NodeId separate =
        activation_op(tape, ops::sparse_linear(tape, sources, pattern, w, &b), activation);
    tape.backward(separate, dy);
    const Matrix<double> expected_y = tape.value(separate);
    const Vector<double> expected_dw = w.grad;
    const Vector<double> expected_db = b.grad;
    const Matrix<double> expected_dx0 = tape.grad(sources[0]);
    const Matrix<double> expected_dx1 = tape.grad(sources[1]);

    // With sources that need grad, and without (no d loss / d (W x + b) buffer is kept then).
    for (const bool sources_need_grad : {true, false}) {
      w.zero_grad();
      b.zero_grad();
      tape.reset();
      sources = {tape.input(x0, sources_need_grad), tape.input(x1, sources_need_grad)};
      const NodeId fused = ops::sparse_linear(tape, sources, pattern, w, &b, activation);
      tape.backward(fused, dy);
      EXPECT_LT((tape.value(fused) - expected_y).cwiseAbs().maxCoeff(), 1e-12);
      EXPECT_LT((w.grad - expected_dw).cwiseAbs().maxCoeff(), 1e-12);
      EXPECT_LT((b.grad - expected_db).cwiseAbs().maxCoeff(), 1e-12);
      if (!sources_need_grad) continue;
      EXPECT_LT((tape.grad(sources[0]) - expected_dx0).cwiseAbs().maxCoeff(), 1e-12);
      EXPECT_LT((tape.grad(sources[1]) - expected_dx1).cwiseAbs().maxCoeff(), 1e-12);
    }
  }
}

TEST(SparseLinear, ActivationInsideTheProductMatchesFiniteDifferences) {
  std::mt19937_64 rng(30);
  SparsePattern pattern = test::random_pattern(9, 16, 0.4, rng);
  pattern.set_column_segments({0, 10, 16});
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  Parameter<double> b("b", 9, 1, 9);
  b.value = random_matrix(9, 1, rng);
  for (const Activation activation : kFusedActivations) {
    SCOPED_TRACE(static_cast<int>(activation));
    const auto report = check_gradients(
        [&](Tape<double>& tape, const std::vector<NodeId>& in) {
          return ops::sparse_linear(tape, in, pattern, w, &b, activation);
        },
        {random_matrix(10, 4, rng), random_matrix(6, 4, rng)}, {&w, &b});
    EXPECT_LT(report.max_error, 1e-6) << report.worst;
    EXPECT_EQ(report.n_checked, 16 * 4 + pattern.nnz() + 9);
  }
}

TEST(SparseLinear, ActivationOfADenseSegmentMatchesFiniteDifferences) {
  const SparsePattern pattern = two_outputs_of_a_dense_segment();
  ASSERT_EQ(pattern.dense_segment(), 1);
  std::mt19937_64 rng(31);
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  Parameter<double> b("b", 2, 1, 2);
  b.value << 0.5, -0.25;
  for (const Activation activation : kFusedActivations) {
    SCOPED_TRACE(static_cast<int>(activation));
    const auto report = check_gradients(
        [&](Tape<double>& t, const std::vector<NodeId>& in) {
          return ops::sparse_linear(t, in, pattern, w, &b, activation);
        },
        {random_matrix(2, 4, rng), random_matrix(3, 4, rng)}, {&w, &b});
    EXPECT_LT(report.max_error, 1e-6) << report.worst;
    Tape<double> tape;
    const Matrix<double> x1 = random_matrix(3, 4, rng);
    const NodeId fused = ops::sparse_linear(
        tape, {tape.input(random_matrix(2, 4, rng)), tape.input(x1)}, pattern, w, &b, activation);
    const Matrix<double> dense_w = Eigen::Map<const Matrix<double>>(w.value.data(), 2, 3);
    Matrix<double> z = dense_w * x1;
    z.colwise() += b.value;
    const NodeId expected = activation_op(tape, tape.input(z), activation);
    EXPECT_LT((tape.value(fused) - tape.value(expected)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST(SparseLinear, IntegerCodesGiveExactlyTheResultOfTheirFloatValues) {
  std::mt19937_64 rng(24);
  SparsePattern pattern = test::random_pattern(30, 70, 0.2, rng);
  pattern.set_column_segments({0, 50, 70});  // 50 coded inputs, then 20 hidden neurons
  Parameter<float> w = test::random_sparse_weights<float>(pattern, rng);
  CodeMatrix codes(50, 8);
  std::uniform_int_distribution<int> genotype(0, 2);
  for (Index i = 0; i < codes.size(); ++i)
    codes.data()[i] = static_cast<std::int8_t>(genotype(rng));
  const Matrix<float> hidden = random_matrix<float>(20, 8, rng);
  const Matrix<float> dy = random_matrix<float>(30, 8, rng);

  Tape<float> tape;
  const NodeId as_floats = tape.input(Matrix<float>(codes.cast<float>()), false);
  const NodeId hidden_a = tape.input(hidden);
  const NodeId y_float = ops::sparse_linear(tape, {as_floats, hidden_a}, pattern, w);
  tape.backward(y_float, dy);
  const Matrix<float> expected_y = tape.value(y_float);
  const Matrix<float> expected_dhidden = tape.grad(hidden_a);
  const Vector<float> expected_dw = w.grad;

  w.zero_grad();
  tape.reset();
  CodeMatrix moved = codes;
  const NodeId coded = tape.input_codes(std::move(moved));
  EXPECT_FALSE(tape.needs_grad(coded));
  EXPECT_EQ(tape.rows(coded), 50);
  EXPECT_EQ(tape.cols(coded), 8);
  const NodeId hidden_b = tape.input(hidden);
  const NodeId y_coded = ops::sparse_linear(tape, {coded, hidden_b}, pattern, w);
  tape.backward(y_coded, dy);
  EXPECT_EQ(tape.value(y_coded), expected_y);
  EXPECT_EQ(w.grad, expected_dw);
  EXPECT_EQ(tape.grad(hidden_b), expected_dhidden);
}

// Float dot products run in 16 lanes (written out in AVX-512 where the machine has it), with a
// tail when the batch is not a multiple of 16: every batch size gives the double result to float
// precision, from float and from int8 sources.
TEST(SparseLinear, FloatWeightGradientMatchesDoublesAtEveryBatchSize) {
  std::mt19937_64 rng(32);
  SparsePattern pattern = test::random_pattern(12, 40, 0.3, rng);
  pattern.set_column_segments({0, 30, 40});  // 30 coded inputs, then 10 hidden neurons
  const Parameter<double> w_double = test::random_sparse_weights<double>(pattern, rng);
  std::uniform_int_distribution<int> genotype(0, 2);
  for (const Index batch : {1, 5, 15, 16, 17, 37, 64, 70}) {
    SCOPED_TRACE(batch);
    CodeMatrix codes(30, batch);
    for (Index i = 0; i < codes.size(); ++i) {
      codes.data()[i] = static_cast<std::int8_t>(genotype(rng));
    }
    const Matrix<double> hidden = random_matrix(10, batch, rng);
    const Matrix<double> dy = random_matrix(12, batch, rng);

    Parameter<double> w = w_double;
    Tape<double> exact;
    exact.backward(
        ops::sparse_linear(exact,
                           {exact.input(Matrix<double>(codes.cast<double>())), exact.input(hidden)},
                           pattern, w),
        dy);

    Parameter<float> w_float("w", pattern.rows(), pattern.cols(), pattern.nnz());
    w_float.value = w_double.value.cast<float>();
    Tape<float> tape;
    CodeMatrix moved = codes;
    tape.backward(ops::sparse_linear(tape,
                                     {tape.input_codes(std::move(moved)),
                                      tape.input(Matrix<float>(hidden.cast<float>()))},
                                     pattern, w_float),
                  Matrix<float>(dy.cast<float>()));
    EXPECT_LT((w_float.grad.cast<double>() - w.grad).cwiseAbs().maxCoeff(),
              1e-5 * (1.0 + w.grad.cwiseAbs().maxCoeff()));
  }
}

TEST(SparseLinear, OnlySparseLinearReadsIntegerCodes) {
  Tape<float> tape;
  const NodeId coded = tape.input_codes(CodeMatrix::Zero(3, 2));
  try {
    ops::tanh(tape, coded);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "tanh: input node 0 holds integer codes, which only sparse_linear reads");
  }
}

TEST(SparseLinear, InputWithoutGradKeepsTheWeightGradientAndNeedsNoneItself) {
  std::mt19937_64 rng(25);
  const SparsePattern pattern = test::random_pattern(6, 9, 0.5, rng);
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  const Matrix<double> x = random_matrix(9, 3, rng);
  const Matrix<double> dy = random_matrix(6, 3, rng);
  Tape<double> tape;
  tape.backward(ops::sparse_linear(tape, tape.input(x), pattern, w), dy);
  const Vector<double> expected_dw = w.grad;

  w.zero_grad();
  tape.reset();
  const NodeId data = tape.input(x, false);
  const NodeId y = ops::sparse_linear(tape, data, pattern, w);
  EXPECT_FALSE(tape.needs_grad(data));
  EXPECT_TRUE(tape.needs_grad(y));  // it has a parameter
  const NodeId z = ops::tanh(tape, data);
  EXPECT_FALSE(tape.needs_grad(z));  // computed from the data alone
  tape.backward(y, dy);
  EXPECT_EQ(w.grad, expected_dw);
}

// Gene sizes in GenNet are very uneven (one gene may own a thousand SNPs): the threads split rows
// by nonzeros, and the result must not depend on how many there are.
TEST(SparseLinear, UnevenSegmentedCodedLayerIsBitwiseIdenticalWithOneAndTwoThreads) {
  std::mt19937_64 rng(26);
  const Index n_codes = 3000;
  const Index n_hidden = 40;
  std::vector<Index> offsets{0};
  std::vector<Index> columns;
  for (Index r = 0; r < 200; ++r) {
    const Index first = r * 13 % n_codes;
    const Index count = r == 7 ? 1500 : 1 + r % 5;  // one huge row among small ones
    for (Index c = first; c < std::min(first + count, n_codes); ++c) columns.push_back(c);
    columns.push_back(n_codes + r % n_hidden);
    offsets.push_back(static_cast<Index>(columns.size()));
  }
  SparsePattern pattern(200, n_codes + n_hidden, offsets, columns);
  pattern.set_column_segments({0, n_codes, n_codes + n_hidden});
  Parameter<float> w = test::random_sparse_weights<float>(pattern, rng);
  CodeMatrix codes(n_codes, 64);
  for (Index i = 0; i < codes.size(); ++i) codes.data()[i] = static_cast<std::int8_t>(i % 3);
  const Matrix<float> hidden = random_matrix<float>(n_hidden, 64, rng);
  const Matrix<float> dy = random_matrix<float>(200, 64, rng);
  ASSERT_GE(pattern.nnz() * 64, 1 << 15) << "too small to take the parallel path";

  Parameter<float> b("b", 200, 1, 200);
  b.value = random_matrix<float>(200, 1, rng);
  for (const Activation activation : {Activation::kIdentity, Activation::kTanh}) {
    expect_same_bits_at_one_and_two_threads([&] {
      w.zero_grad();
      b.zero_grad();
      Tape<float> tape;
      CodeMatrix batch_codes = codes;
      const NodeId hidden_node = tape.input(hidden);
      const NodeId y_node =
          ops::sparse_linear(tape, {tape.input_codes(std::move(batch_codes)), hidden_node}, pattern,
                             w, &b, activation);
      tape.backward(y_node, dy);
      return std::vector<std::vector<float>>{as_floats(tape.value(y_node)), as_floats(w.grad),
                                             as_floats(b.grad), as_floats(tape.grad(hidden_node))};
    });
  }
}

// The pattern without the entries of row `r`.
SparsePattern without_row(const SparsePattern& pattern, Index r) {
  std::vector<Index> offsets{0};
  std::vector<Index> columns;
  for (Index row = 0; row < pattern.rows(); ++row) {
    for (Index k = pattern.row_offsets()[row]; k < pattern.row_offsets()[row + 1]; ++k) {
      if (row != r) columns.push_back(pattern.col_indices()[k]);
    }
    offsets.push_back(static_cast<Index>(columns.size()));
  }
  return SparsePattern(pattern.rows(), pattern.cols(), offsets, columns);
}

// The two walks through a layer's backward, by its outputs (rows of dz) and by its inputs (rows of
// x), add the same dot product into each weight's gradient and the same terms, in the same order,
// into each input's gradient: their results are bitwise equal, from int8 and float sources (and
// for an output without inputs), adding to gradients already there or writing over them.
TEST(SparseLinear, WalkingTheInputsGivesTheBitsOfWalkingTheOutputs) {
  std::mt19937_64 rng(41);
  SparsePattern pattern = without_row(test::random_pattern(30, 400, 0.05, rng), 3);
  pattern.set_column_segments({0, 300, 400});  // 300 coded inputs, then 100 hidden neurons
  const Vector<float> w = test::random_sparse_weights<float>(pattern, rng).value;
  const Index batch = 37;  // a tail after two 16-lane steps
  CodeMatrix codes(300, batch);
  for (Index i = 0; i < codes.size(); ++i) codes.data()[i] = static_cast<std::int8_t>(i * 7 % 3);
  const Matrix<float> hidden = random_matrix<float>(100, batch, rng);
  const Matrix<float> dy = random_matrix<float>(30, batch, rng);
  const Matrix<float> y = random_matrix<float>(30, batch, rng);  // as tanh's outputs, in (-1, 1)
  const std::vector<SourceRows<float>> sources{{nullptr, codes.data()}, {hidden.data(), nullptr}};
  const Vector<float> dw_before = random_matrix<float>(pattern.nnz(), 1, rng);
  const Vector<float> bias_before = random_matrix<float>(30, 1, rng);
  const Matrix<float> dx_before = random_matrix<float>(100, batch, rng);
  const OutputGrad<float> grad{dy, y, Activation::kTanh};
  const auto same_bits = [](const auto& a, const auto& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
  };

  for (const bool overwrite : {false, true}) {
    SCOPED_TRACE(overwrite);
    Vector<float> dw_outputs = dw_before;
    Vector<float> bias_outputs = bias_before;
    Matrix<float> dx_outputs = dx_before;
    Matrix<float> dz(30, batch);
    sparse_linear_backward_weights(dw_outputs, bias_outputs.data(), grad, sources, pattern, &dz);
    sparse_linear_backward_input(dx_outputs, 1, dz, pattern, w, overwrite);

    Vector<float> dw_inputs = dw_before;
    Vector<float> bias_inputs = bias_before;
    Matrix<float> dx_inputs = dx_before;
    Matrix<float> dz_whole(30, batch);
    sparse_linear_output_grad(bias_inputs.data(), grad, &dz_whole);
    sparse_linear_backward_by_inputs(dw_inputs, static_cast<Matrix<float>*>(nullptr), false, 0,
                                     dz_whole, sources[0], pattern, w);
    sparse_linear_backward_by_inputs(dw_inputs, &dx_inputs, overwrite, 1, dz_whole, sources[1],
                                     pattern, w);
    EXPECT_TRUE(same_bits(dz, dz_whole));
    EXPECT_TRUE(same_bits(dw_outputs, dw_inputs));
    EXPECT_TRUE(same_bits(bias_outputs, bias_inputs));
    EXPECT_TRUE(same_bits(dx_outputs, dx_inputs));
    EXPECT_NE(dw_inputs, dw_before);
  }
}

// Walking the inputs pays where dz stays in the cache and the inputs outnumber the outputs.
TEST(SparseLinear, BackwardWalksTheInputsOfSmallWideLayersOnly) {
  const auto pattern = [](Index rows, Index cols) {
    return SparsePattern(rows, cols, std::vector<Index>(static_cast<std::size_t>(rows) + 1), {});
  };
  EXPECT_TRUE(sparse_backward_walks_inputs(pattern(2000, 20000), 64, 4));     // W1's pathways
  EXPECT_FALSE(sparse_backward_walks_inputs(pattern(20000, 100000), 64, 4));  // W1's genes
  EXPECT_FALSE(sparse_backward_walks_inputs(pattern(2000, 20000), 128, 8));   // 2 MB of dz
  EXPECT_FALSE(sparse_backward_walks_inputs(pattern(300, 500), 64, 4));
}

}  // namespace
}  // namespace ontonet
