#include "ontonet/train/optimizer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "ontonet/core/error.hpp"
#include "ontonet/train/adam.hpp"
#include "ontonet/train/adamw.hpp"
#include "ontonet/train/sgd.hpp"
#include "quadratic_objective.hpp"

namespace ontonet {
namespace {

using test::parameter_with_values;

TEST(Optimizer, ZeroGradClearsEveryParameterInTheGroup) {
  Parameter<float> a = parameter_with_values<float>({1.0f, 2.0f});
  Parameter<float> b = parameter_with_values<float>({3.0f});
  a.grad << 5.0f, -1.0f;
  b.grad << 7.0f;
  Sgd<float> sgd({&a, &b}, SgdOptions{});
  sgd.zero_grad();
  EXPECT_EQ(a.grad.cwiseAbs().sum() + b.grad.cwiseAbs().sum(), 0.0f);
  EXPECT_EQ(a.value[1], 2.0f);
}

TEST(Optimizer, SetLearningRateChangesTheNextStepAndRejectsNegatives) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  w.grad << 1.0;
  Sgd<double> sgd({&w}, SgdOptions{0.1, 0.0, false, 0.0});
  sgd.set_learning_rate(0.25);
  EXPECT_EQ(sgd.learning_rate(), 0.25);
  sgd.step();
  EXPECT_DOUBLE_EQ(w.value[0], 0.75);
  EXPECT_THROW(sgd.set_learning_rate(-1.0), ConfigError);
  EXPECT_EQ(sgd.learning_rate(), 0.25);
}

TEST(Optimizer, RejectsNullDuplicateAndMismatchedParameters) {
  Parameter<double> w = parameter_with_values<double>({1.0});
  Parameter<double> bad_grad = parameter_with_values<double>({1.0, 2.0});
  bad_grad.grad.resize(1);
  EXPECT_THROW(Adam<double>({&w, nullptr}, AdamOptions{}), InternalError);
  EXPECT_THROW(Adam<double>({&w, &w}, AdamOptions{}), InternalError);
  EXPECT_THROW(Adam<double>({&bad_grad}, AdamOptions{}), InternalError);
}

TEST(Optimizer, StepThrowsIfAParameterWasResizedAfterConstruction) {
  Parameter<double> w = parameter_with_values<double>({1.0, 2.0});
  Adam<double> adam({&w}, AdamOptions{});
  w.value.resize(3);
  w.grad.resize(3);
  EXPECT_THROW(adam.step(), InternalError);
}

// Runs 50 steps of the given optimizer on a fixed quadratic and returns the final weights.
template <typename MakeOptimizer>
Vector<float> run_fixed_sequence(MakeOptimizer make_optimizer) {
  const test::QuadraticObjective<float> objective{{0.5f, 3.0f, 20.0f}, {1.0f, -0.3f, 0.7f}};
  Parameter<float> w = parameter_with_values<float>({0.1f, 0.2f, -0.3f});
  std::unique_ptr<Optimizer<float>> optimizer = make_optimizer(w);
  for (int step = 0; step < 50; ++step) {
    objective.write_gradient(w);
    optimizer->step();
  }
  return w.value;
}

TEST(Optimizer, SameSequenceGivesBitwiseEqualWeights) {
  const auto make_sgd = [](Parameter<float>& w) -> std::unique_ptr<Optimizer<float>> {
    return std::make_unique<Sgd<float>>(ParameterGroup<float>{&w}, SgdOptions{0.01, 0.9, true, 1e-3});
  };
  const auto make_adam = [](Parameter<float>& w) -> std::unique_ptr<Optimizer<float>> {
    return std::make_unique<Adam<float>>(ParameterGroup<float>{&w}, AdamOptions{});
  };
  const auto make_adamw = [](Parameter<float>& w) -> std::unique_ptr<Optimizer<float>> {
    return std::make_unique<AdamW<float>>(ParameterGroup<float>{&w}, AdamWOptions{});
  };
  for (const auto& make : {+make_sgd, +make_adam, +make_adamw}) {
    const Vector<float> first = run_fixed_sequence(make);
    const Vector<float> second = run_fixed_sequence(make);
    ASSERT_EQ(first.size(), second.size());
    EXPECT_EQ(std::memcmp(first.data(), second.data(), sizeof(float) * first.size()), 0);
    EXPECT_NE(first[0], 0.1f);  // the run did move the weights
  }
}

}  // namespace
}  // namespace ontonet
