// End-to-end checks that the optimizers train real tape models: logistic regression on separable
// data, a small tanh network on XOR, and bitwise reproducibility of a sparse model with dropout.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "ontonet/autodiff/losses.hpp"
#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/ops_dropout.hpp"
#include "ontonet/autodiff/ops_linear.hpp"
#include "ontonet/autodiff/tape.hpp"
#include "ontonet/train/adam.hpp"

namespace ontonet {
namespace {

// Uniform in [low, high) from the top 53 bits of the generator, the same on every standard library.
double uniform(std::mt19937_64& rng, double low, double high) {
  return low + (high - low) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

template <typename Scalar>
void fill_uniform(Parameter<Scalar>& parameter, std::mt19937_64& rng, double scale) {
  for (Index i = 0; i < parameter.size(); ++i) {
    parameter.value[i] = static_cast<Scalar>(uniform(rng, -scale, scale));
  }
}

// The model's logits for the batch must be > 0 exactly where the target is 1.
int count_correct(const Matrix<double>& logits, const Matrix<double>& targets) {
  int correct = 0;
  for (Index b = 0; b < logits.cols(); ++b) {
    correct += (logits(0, b) > 0.0) == (targets(0, b) > 0.5) ? 1 : 0;
  }
  return correct;
}

TEST(Convergence, LogisticRegressionSeparatesLinearlySeparableData) {
  // 60 points in [-1, 1]^2 labelled by the line x0 + 2 x1 = 0.3, none closer to it than 0.1.
  std::mt19937_64 rng(7);
  const Index n = 60;
  Matrix<double> x(2, n);
  Matrix<double> labels(1, n);
  for (Index b = 0; b < n;) {
    const double x0 = uniform(rng, -1, 1);
    const double x1 = uniform(rng, -1, 1);
    const double side = x0 + 2 * x1 - 0.3;
    if (std::abs(side) < 0.1) continue;
    x(0, b) = x0;
    x(1, b) = x1;
    labels(0, b) = side > 0 ? 1.0 : 0.0;
    ++b;
  }
  Parameter<double> weights("w", 1, 2, 2);
  Parameter<double> bias("b", 1, 1, 1);
  Adam<double> adam({&weights, &bias}, AdamOptions{0.1, 0.9, 0.999, 1e-8});
  Tape<double> tape;
  NodeId logits;
  double first_loss = 0.0;
  double last_loss = 0.0;
  for (int epoch = 0; epoch < 300; ++epoch) {
    tape.reset();
    logits = ops::bias_add(tape, ops::dense_linear(tape, tape.input(x), weights), bias);
    const NodeId loss = ops::bce_with_logits_loss(tape, logits, labels);
    (epoch == 0 ? first_loss : last_loss) = tape.value(loss)(0, 0);
    adam.zero_grad();
    tape.backward(loss);
    adam.step();
  }
  EXPECT_EQ(count_correct(tape.value(logits), labels), n);
  EXPECT_LT(last_loss, 0.1 * first_loss);
}

TEST(Convergence, TwoLayerTanhNetworkFitsXor) {
  Matrix<double> x(2, 4);
  x << 0, 0, 1, 1,  //
      0, 1, 0, 1;
  Matrix<double> labels(1, 4);
  labels << 0, 1, 1, 0;
  std::mt19937_64 rng(42);
  Parameter<double> w1("w1", 8, 2, 16);
  Parameter<double> b1("b1", 8, 1, 8);
  Parameter<double> w2("w2", 1, 8, 8);
  Parameter<double> b2("b2", 1, 1, 1);
  fill_uniform(w1, rng, 1.0);
  fill_uniform(w2, rng, 1.0);
  Adam<double> adam({&w1, &b1, &w2, &b2}, AdamOptions{0.05, 0.9, 0.999, 1e-8});
  Tape<double> tape;
  NodeId logits;
  for (int step = 0; step < 1000; ++step) {
    tape.reset();
    const NodeId hidden =
        ops::tanh(tape, ops::bias_add(tape, ops::dense_linear(tape, tape.input(x), w1), b1));
    logits = ops::bias_add(tape, ops::dense_linear(tape, hidden, w2), b2);
    const NodeId loss = ops::bce_with_logits_loss(tape, logits, labels);
    adam.zero_grad();
    tape.backward(loss);
    adam.step();
  }
  EXPECT_EQ(count_correct(tape.value(logits), labels), 4) << tape.value(logits);
}

// Trains input [64, 128] -> sparse 64->32 -> tanh -> dropout 0.3 -> dense 32->1 + bias -> MSE for
// 10 Adam steps from `seed` (weights, data and dropout masks) and returns every final weight.
// nnz * batch is above the sparse kernels' threshold for going parallel, so with 2 threads the
// OpenMP loops really split.
std::vector<float> train_sparse_model_with_dropout(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const Index n_in = 64;
  const Index n_hidden = 32;
  const Index batch = 128;
  std::vector<Index> row_offsets{0};
  std::vector<Index> col_indices;
  for (Index r = 0; r < n_hidden; ++r) {
    for (Index c = 0; c < n_in; ++c) {
      if ((r + 3 * c) % 4 == 0) col_indices.push_back(c);
    }
    row_offsets.push_back(static_cast<Index>(col_indices.size()));
  }
  const SparsePattern pattern(n_hidden, n_in, row_offsets, col_indices);
  Parameter<float> sparse_weights("sparse", n_hidden, n_in, pattern.nnz());
  Parameter<float> dense_weights("dense", 1, n_hidden, n_hidden);
  Parameter<float> bias("bias", 1, 1, 1);
  fill_uniform(sparse_weights, rng, 0.3);
  fill_uniform(dense_weights, rng, 0.3);
  Matrix<float> x(n_in, batch);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(uniform(rng, -1, 1));
  Matrix<float> targets(1, batch);
  for (Index b = 0; b < batch; ++b) targets(0, b) = x(0, b) - 0.5f * x(5, b);

  Adam<float> adam({&sparse_weights, &dense_weights, &bias}, AdamOptions{0.01, 0.9, 0.999, 1e-8});
  Tape<float> tape;
  for (int step = 0; step < 10; ++step) {
    tape.reset();
    NodeId h = ops::tanh(tape, ops::sparse_linear(tape, tape.input(x), pattern, sparse_weights));
    h = ops::dropout(tape, h, 0.3f, rng);
    const NodeId y = ops::bias_add(tape, ops::dense_linear(tape, h, dense_weights), bias);
    const NodeId loss = ops::mse_loss(tape, y, targets);
    adam.zero_grad();
    tape.backward(loss);
    adam.step();
  }
  std::vector<float> all;
  for (const Parameter<float>* p : adam.parameters()) {
    all.insert(all.end(), p->value.data(), p->value.data() + p->size());
  }
  return all;
}

bool bitwise_equal(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
}

TEST(Convergence, SameSeedGivesBitwiseIdenticalWeightsAtOneAndTwoThreads) {
  const int threads_before = omp_get_max_threads();
  omp_set_num_threads(1);
  const std::vector<float> one_thread_a = train_sparse_model_with_dropout(2024);
  const std::vector<float> one_thread_b = train_sparse_model_with_dropout(2024);
  omp_set_num_threads(2);
  const std::vector<float> two_threads_a = train_sparse_model_with_dropout(2024);
  const std::vector<float> two_threads_b = train_sparse_model_with_dropout(2024);
  const std::vector<float> other_seed = train_sparse_model_with_dropout(2025);
  omp_set_num_threads(threads_before);

  EXPECT_TRUE(bitwise_equal(one_thread_a, one_thread_b));
  EXPECT_TRUE(bitwise_equal(two_threads_a, two_threads_b));
  // The kernels split work by output row, so the thread count does not change the sums either.
  EXPECT_TRUE(bitwise_equal(one_thread_a, two_threads_a));
  EXPECT_FALSE(bitwise_equal(one_thread_a, other_seed));
}

}  // namespace
}  // namespace ontonet
