#include "ontonet/train/adamw.hpp"

#include <gtest/gtest.h>

#include "ontonet/core/error.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(AdamW, DecayAppliedIsLearningRateTimesWeightDecayTimesWeight) {
  // With a zero gradient Adam's own update is 0 / (0 + eps) = 0, so only the decay moves w.
  // lr = 0.1, weight_decay = 0.01, w = 2: decay = lr * wd * w = 0.002, so w = 1.998.
  // The known bug (learning rate passed as weight decay) would give lr * lr * w = 0.02 -> 1.98.
  Parameter<double> w = parameter_with_values<double>({2.0, -4.0});
  AdamW<double> adamw({&w}, AdamWOptions{AdamOptions{0.1, 0.9, 0.999, 1e-8}, 0.01});
  adamw.step();
  EXPECT_NEAR(2.0 - w.value[0], 0.1 * 0.01 * 2.0, 1e-15);
  EXPECT_NEAR(-4.0 - w.value[1], 0.1 * 0.01 * -4.0, 1e-15);
  EXPECT_GT(std::abs((2.0 - w.value[0]) - 0.1 * 0.1 * 2.0), 1e-3);
}

TEST(AdamW, DecayIsDecoupledFromTheAdamUpdate) {
  // Adam's update does not depend on w, so AdamW must equal Adam minus lr * wd * w_before, step by
  // step, for the same gradients; a coupled decay (wd * w added to g) would change m and v instead.
  const double lr = 0.05;
  const double weight_decay = 0.2;
  Parameter<double> plain = parameter_with_values<double>({1.5, -0.5, 0.25});
  Parameter<double> decayed = plain;
  Adam<double> adam({&plain}, AdamOptions{lr, 0.9, 0.999, 1e-8});
  AdamW<double> adamw({&decayed}, AdamWOptions{AdamOptions{lr, 0.9, 0.999, 1e-8}, weight_decay});
  const double gradients[3][3] = {{0.3, -1.0, 2.0}, {0.1, 0.4, -0.7}, {-0.2, 0.9, 0.05}};
  for (const auto& g : gradients) {
    plain.grad << g[0], g[1], g[2];
    decayed.grad = plain.grad;
    const Vector<double> before = decayed.value;
    const Vector<double> plain_before = plain.value;
    adam.step();
    adamw.step();
    const Vector<double> adam_move = plain.value - plain_before;
    const Vector<double> expected = before - lr * weight_decay * before + adam_move;
    for (Index i = 0; i < expected.size(); ++i) EXPECT_NEAR(decayed.value[i], expected[i], 1e-15);
  }
}

TEST(AdamW, ConvergesNearTheMinimumWithSmallDecay) {
  const test::QuadraticObjective<float> objective{{1.0f, 100.0f}, {3.0f, -2.0f}};
  Parameter<float> w = parameter_with_values<float>({0.0f, 0.0f});
  AdamW<float> adamw({&w}, AdamWOptions{AdamOptions{0.05, 0.9, 0.999, 1e-8}, 1e-3});
  for (int step = 0; step < 3000; ++step) {
    objective.write_gradient(w);
    adamw.step();
  }
  EXPECT_LT(objective.max_distance_to_minimum(w), 1e-2f);
}

TEST(AdamW, RejectsNegativeWeightDecay) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  EXPECT_THROW(AdamW<double>({&w}, AdamWOptions{AdamOptions{}, -0.01}), ConfigError);
}

}  // namespace
}  // namespace ontonet
