// A small synthetic regression and classification problem over the hand-made ontology of the
// network tests, held in memory, for tests of the training loop.
#pragma once

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../network/network_fixtures.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/model.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet::test {

// Features [samples, features] as given; no preprocessing.
class MatrixFeatures : public FeatureSource {
 public:
  MatrixFeatures(std::vector<std::string> ids, Matrix<float> values)
      : ids_(std::move(ids)), values_(std::move(values)) {}
  std::size_t n_samples() const override { return static_cast<std::size_t>(values_.rows()); }
  const std::vector<std::string>& feature_ids() const override { return ids_; }
  void fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const override {
    x.resize(values_.cols(), static_cast<Index>(rows.size()));
    for (std::size_t j = 0; j < rows.size(); ++j) {
      x.col(static_cast<Index>(j)) = values_.row(static_cast<Index>(rows[j])).transpose();
    }
  }

 private:
  std::vector<std::string> ids_;
  Matrix<float> values_;
};

// n samples of the six hand-made genes, standard normal; with s = g1 + g3 - g6 plus noise of sd 0.1
// the target is s (regression), its sign (binary), its tercile class -inf..-0.5..0.5..inf
// (multiclass: "low", "mid", "high"), or a survival time exp(-s) * Exp(1) with an event unless
// censored at random (30%). Splits: 70% train, 15% validation, 15% test, in order.
inline TrainingSet synthetic_training_set(std::size_t n, TaskKind task, std::uint64_t seed = 5) {
  const std::vector<std::string> genes{"g1", "g2", "g3", "g4", "g5", "g6"};
  std::mt19937_64 generator(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Matrix<float> values(static_cast<Index>(n), 6);
  TrainingSet set;
  std::exponential_distribution<float> exponential(1.0f);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  set.targets.resize(task == TaskKind::kSurvival ? 2 : 1, static_cast<Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (Index g = 0; g < 6; ++g) values(static_cast<Index>(i), g) = normal(generator);
    const float signal = values(static_cast<Index>(i), 0) + values(static_cast<Index>(i), 2) -
                         values(static_cast<Index>(i), 5);
    const float y = signal + 0.1f * normal(generator);
    const auto c = static_cast<Index>(i);
    switch (task) {
      case TaskKind::kRegression:
        set.targets(0, c) = y;
        break;
      case TaskKind::kBinary:
        set.targets(0, c) = y > 0 ? 1.0f : 0.0f;
        break;
      case TaskKind::kMulticlass:
        set.targets(0, c) = y < -0.5f ? 0.0f : y < 0.5f ? 1.0f : 2.0f;
        break;
      case TaskKind::kSurvival:
        set.targets(0, c) = std::exp(-y) * exponential(generator);
        set.targets(1, c) = uniform(generator) < 0.3f ? 0.0f : 1.0f;
        break;
    }
    set.sample_ids.push_back("s" + std::to_string(i));
    const double position = static_cast<double>(i) / static_cast<double>(n);
    (position < 0.7    ? set.splits.train
     : position < 0.85 ? set.splits.validation
                       : set.splits.test)
        .push_back(i);
  }
  set.features = std::make_shared<MatrixFeatures>(genes, std::move(values));
  set.task = task;
  if (task == TaskKind::kMulticlass) set.class_labels = {"low", "mid", "high"};
  set.description = "synthetic " + std::string(task_kind_name(task)) + " n=" + std::to_string(n);
  return set;
}

inline Model<float> hand_made_model(std::uint64_t seed, Index n_outputs = 1) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 4;
  options.n_outputs = n_outputs;
  return Model<float>(
      build_dcell_spec(hand_made_ontology(),
                       gene_identity_map({"g1", "g2", "g3", "g4", "g5", "g6"}), options),
      seed);
}

}  // namespace ontonet::test
