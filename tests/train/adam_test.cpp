#include "ontonet/train/adam.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/train/l1_penalty.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(Adam, TwoStepsOnAQuadraticMatchHandComputation) {
  // f(w) = 1/2 ||w - c||^2, c = (3, 0.5), w0 = (1, 1); lr 0.1, betas (0.9, 0.999), eps 1e-8.
  // Step 1: g = (-2, 0.5). m = 0.1 g, v = 0.001 g^2; the bias corrections give m^ = g, v^ = g^2,
  //   so each weight moves by lr * g / (|g| + eps) = 0.1 * (1 - 5e-9) resp. 0.1 * (1 - 2e-8):
  //   w1 = (1.0999999995, 0.900000002).
  // Step 2: g = w1 - c = (-1.9000000005, 0.400000002).
  //   m = 0.9 m + 0.1 g = (-0.37, 0.085);  v = 0.999 v + 0.001 g^2 = (0.007606, 0.00040975)
  //   m^ = m / (1 - 0.81) = (-1.9473684, 0.4473684);  v^ = v / (1 - 0.998001) = (3.8049025, 0.2049775)
  //   w2 = w1 - 0.1 * m^ / (sqrt(v^) + eps) = (1.1 + 0.0998335, 0.9 - 0.0988126)
  //      = (1.1998335133789073, 0.8011874237306403)   (full precision from the same formula).
  const test::QuadraticObjective<double> objective{{1.0, 1.0}, {3.0, 0.5}};
  Parameter<double> w = parameter_with_values<double>({1.0, 1.0});
  Adam<double> adam({&w}, AdamOptions{0.1, 0.9, 0.999, 1e-8});
  objective.write_gradient(w);
  adam.step();
  EXPECT_NEAR(w.value[0], 1.0999999995, 1e-14);
  EXPECT_NEAR(w.value[1], 0.900000002, 1e-14);
  objective.write_gradient(w);
  adam.step();
  EXPECT_NEAR(w.value[0], 1.1998335133789073, 1e-14);
  EXPECT_NEAR(w.value[1], 0.8011874237306403, 1e-14);
  EXPECT_EQ(adam.steps_taken(), 2);
}

TEST(Adam, EpsilonIsAddedAfterTheSquareRoot) {
  // With g = 1e-8 on the first step, m^ = 1e-8 and sqrt(v^) = 1e-8, so the step is
  // lr * 1e-8 / (1e-8 + eps) = lr / 2 with eps = 1e-8. Adding eps inside the root would give
  // lr * 1e-8 / sqrt(1e-16 + 1e-8) ~ lr * 1e-4 instead.
  Parameter<double> w = parameter_with_values<double>({0.0});
  w.grad << 1e-8;
  Adam<double> adam({&w}, AdamOptions{0.1, 0.9, 0.999, 1e-8});
  adam.step();
  EXPECT_NEAR(w.value[0], -0.05, 1e-15);
}

TEST(Adam, ConvergesOnAnIllConditionedQuadratic) {
  const test::QuadraticObjective<float> objective{{1.0f, 100.0f}, {3.0f, -2.0f}};
  Parameter<float> w = parameter_with_values<float>({0.0f, 0.0f});
  Adam<float> adam({&w}, AdamOptions{0.05, 0.9, 0.999, 1e-8});
  for (int step = 0; step < 3000; ++step) {
    objective.write_gradient(w);
    adam.step();
  }
  EXPECT_LT(objective.max_distance_to_minimum(w), 1e-3f);
}

// The update runs in fixed chunks split between threads: a parameter of several chunks, with an
// odd tail, takes bitwise the same three steps on one thread and on two, and Adam followed by L1's
// proximal step (GenNet's training step) too.
TEST(Adam, LargeParameterTakesTheSameStepsOnOneAndTwoThreads) {
  const Index n = 3 * (Index{1} << 14) + 37;
  std::mt19937_64 rng(5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> initial(static_cast<std::size_t>(n));
  for (float& value : initial) value = normal(rng);
  std::vector<float> gradient(initial.size());
  for (float& value : gradient) value = normal(rng);
  const auto train = [&](int threads) {
    omp_set_num_threads(threads);
    Parameter<float> w = parameter_with_values<float>(initial);
    Adam<float> adam({&w}, AdamOptions{0.01, 0.9, 0.999, 1e-8});
    const L1Penalty<float> l1({&w}, 0.5);
    for (int step = 0; step < 3; ++step) {
      w.grad = Eigen::Map<const Vector<float>>(gradient.data(), n) * static_cast<float>(step + 1);
      adam.step();
      l1.apply_proximal_step(adam.learning_rate());
    }
    return std::vector<float>(w.value.data(), w.value.data() + n);
  };
  const int previous = omp_get_max_threads();
  const std::vector<float> one = train(1);
  const std::vector<float> two = train(2);
  omp_set_num_threads(previous);
  EXPECT_EQ(std::memcmp(one.data(), two.data(), sizeof(float) * one.size()), 0);
  EXPECT_GT(std::count(one.begin(), one.end(), 0.0f), 0);  // the proximal step zeroed some
  EXPECT_NE(one, initial);
}

TEST(Adam, RejectsBadOptions) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  EXPECT_THROW(Adam<double>({&w}, AdamOptions{0.1, 1.0, 0.999, 1e-8}), ConfigError);
  EXPECT_THROW(Adam<double>({&w}, AdamOptions{0.1, 0.9, -0.5, 1e-8}), ConfigError);
  EXPECT_THROW(Adam<double>({&w}, AdamOptions{0.1, 0.9, 0.999, 0.0}), ConfigError);
}

}  // namespace
}  // namespace ontonet
