#include "ontonet/train/trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "training_fixtures.hpp"

namespace ontonet {
namespace {

TrainOptions quick_options(Index epochs) {
  TrainOptions options;
  options.epochs = epochs;
  options.batch_size = 32;
  options.learning_rate = 0.01;
  options.patience = 0;
  options.seed = 3;
  return options;
}

TEST(Trainer, LearnsALinearSignalThroughTheOntology) {
  const TrainingSet data = test::synthetic_training_set(400, TaskKind::kRegression);
  Model<float> model = test::hand_made_model(1);
  const MetricSet before = evaluate_splits(model, data).at("test");
  const TrainingResult result = train_model(model, data, quick_options(40));
  ASSERT_EQ(result.history.size(), 40u);
  const MetricSet& test = result.metrics.at("test");
  // Target variance is 3.01; a model that learned the signal explains most of it.
  EXPECT_GT(test.at("r2"), 0.8);
  EXPECT_LT(test.at("mse"), 0.25 * before.at("mse"));
  EXPECT_LT(result.history.back().train_loss, result.history.front().train_loss);
}

TEST(Trainer, ClassifiesTheSignOfTheSignal) {
  const TrainingSet data = test::synthetic_training_set(400, TaskKind::kBinary);
  Model<float> model = test::hand_made_model(2);
  const TrainingResult result = train_model(model, data, quick_options(30));
  EXPECT_GT(result.metrics.at("test").at("auroc"), 0.9);
  EXPECT_GT(result.metrics.at("validation").at("accuracy"), 0.8);
}

TEST(Trainer, ClassifiesThreeClassesWithASoftmaxOverPerClassOutputs) {
  const TrainingSet data = test::synthetic_training_set(600, TaskKind::kMulticlass);
  Model<float> model = test::hand_made_model(3, 3);
  const TrainingResult result = train_model(model, data, quick_options(30));
  // Three ordered classes of a noisy linear signal; chance is about 1/3.
  EXPECT_GT(result.metrics.at("test").at("accuracy"), 0.75);
  EXPECT_GT(result.metrics.at("test").at("auroc"), 0.9);
}

TEST(Trainer, RanksSurvivalTimesWithACoxLoss) {
  const TrainingSet data = test::synthetic_training_set(600, TaskKind::kSurvival);
  Model<float> model = test::hand_made_model(4);
  const TrainingResult result = train_model(model, data, quick_options(30));
  const MetricSet before = [&] {
    Model<float> untrained = test::hand_made_model(4);
    return evaluate_splits(untrained, data).at("test");
  }();
  EXPECT_GT(result.metrics.at("test").at("c_index"), 0.75);
  EXPECT_LT(result.metrics.at("test").at("loss"), before.at("loss"));
}

TEST(Trainer, RefusesAModelWithTheWrongNumberOfOutputsForTheTask) {
  const TrainingSet data = test::synthetic_training_set(100, TaskKind::kMulticlass);
  Model<float> model = test::hand_made_model(1);
  try {
    train_model(model, data, quick_options(1));
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("needs 3"), std::string::npos) << error.what();
  }
}

TEST(Trainer, StartsTheOutputsAtTheTrainingMean) {
  TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  data.targets.array() += 5.0f;
  double mean = 0.0;
  for (std::size_t i : data.splits.train) mean += data.targets(0, static_cast<Index>(i));
  mean /= static_cast<double>(data.splits.train.size());
  // With a learning rate of ~0 the outputs stay where they started.
  TrainOptions options = quick_options(1);
  options.optimizer = "sgd";
  options.momentum = 0.0;
  options.learning_rate = 1e-12;
  Model<float> model = test::hand_made_model(1);
  train_model(model, data, options);
  const ModelLevel<float>& output_level =
      model.levels()[static_cast<std::size_t>(model.level_of(model.spec().n_neurons() - 1))];
  const NeuronBlock& output =
      *std::find_if(model.spec().blocks.begin(), model.spec().blocks.end(),
                    [](const NeuronBlock& b) { return b.kind == NeuronKind::kOutput; });
  const ModelLevel<float>& level =
      model.levels()[static_cast<std::size_t>(model.level_of(output.first_neuron))];
  EXPECT_NEAR(level.bias.value[output.first_neuron - level.first_neuron], mean, 1e-5);
  // The auxiliary heads (the last level) start there too.
  EXPECT_NEAR(output_level.bias.value.mean(), mean, 1e-5);
}

TEST(Trainer, SameSeedGivesBitwiseIdenticalWeights) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  Model<float> first = test::hand_made_model(1);
  Model<float> second = test::hand_made_model(1);
  train_model(first, data, quick_options(5));
  train_model(second, data, quick_options(5));
  EXPECT_EQ(first.weight_blocks(), second.weight_blocks());

  TrainOptions other_seed = quick_options(5);
  other_seed.seed = 4;
  Model<float> third = test::hand_made_model(1);
  train_model(third, data, other_seed);
  EXPECT_NE(first.weight_blocks(), third.weight_blocks());
}

// Stops the run after a given checkpoint, as a crash right after it would.
class CrashAfter : public TrainingObserver {
 public:
  explicit CrashAfter(Index epoch) : epoch_(epoch) {}
  void on_checkpoint(Index epoch) override {
    if (epoch == epoch_) throw std::runtime_error("crash");
  }

 private:
  Index epoch_;
};

TEST(Trainer, ResumedRunEndsWithTheWeightsOfAnUninterruptedOne) {
  const test::ScratchDir dir("trainer");
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  TrainOptions options = quick_options(6);
  options.patience = 3;

  Model<float> uninterrupted = test::hand_made_model(1);
  const TrainingResult expected =
      train_model(uninterrupted, data, options, {dir.path("full.ckpt"), false});

  Model<float> crashed = test::hand_made_model(1);
  CrashAfter crash(2);
  EXPECT_THROW(train_model(crashed, data, options, {dir.path("run.ckpt"), false}, &crash),
               std::runtime_error);
  Model<float> resumed =
      test::hand_made_model(9);  // initial weights are replaced by the checkpoint
  const TrainingResult result = train_model(resumed, data, options, {dir.path("run.ckpt"), true});

  EXPECT_EQ(resumed.weight_blocks(), uninterrupted.weight_blocks());
  ASSERT_EQ(result.history.size(), expected.history.size());
  for (std::size_t e = 0; e < result.history.size(); ++e) {
    EXPECT_EQ(result.history[e].train_loss, expected.history[e].train_loss) << "epoch " << e + 1;
    EXPECT_EQ(result.history[e].validation_loss, expected.history[e].validation_loss);
  }
  EXPECT_EQ(result.best_epoch, expected.best_epoch);
}

TEST(Trainer, ResumeRefusesACheckpointOfOtherOptions) {
  const test::ScratchDir dir("trainer");
  const TrainingSet data = test::synthetic_training_set(100, TaskKind::kRegression);
  Model<float> model = test::hand_made_model(1);
  train_model(model, data, quick_options(2), {dir.path("run.ckpt"), false});
  TrainOptions changed = quick_options(4);
  changed.learning_rate = 0.02;
  try {
    train_model(model, data, changed, {dir.path("run.ckpt"), true});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), dir.path("run.ckpt"));
    EXPECT_NE(std::string(error.what()).find("/train/learning_rate"), std::string::npos)
        << error.what();
  }
  // More epochs alone is a valid continuation.
  EXPECT_EQ(train_model(model, data, quick_options(4), {dir.path("run.ckpt"), true}).history.size(),
            4u);
}

TEST(Trainer, EarlyStoppingRestoresTheBestEpochsWeights) {
  TrainingSet data = test::synthetic_training_set(120, TaskKind::kRegression);
  TrainOptions options = quick_options(200);
  options.learning_rate = 0.05;  // overfits 84 samples quickly
  options.patience = 4;
  Model<float> model = test::hand_made_model(1);
  const TrainingResult result = train_model(model, data, options);
  ASSERT_TRUE(result.stopped_early);
  ASSERT_LT(result.history.size(), 200u);
  EXPECT_EQ(static_cast<Index>(result.history.size()), result.best_epoch + options.patience);
  const EpochRecord& best = result.history[static_cast<std::size_t>(result.best_epoch - 1)];
  EXPECT_TRUE(best.best);
  for (const EpochRecord& record : result.history) {
    EXPECT_GE(record.validation_loss, best.validation_loss);
  }
  EXPECT_DOUBLE_EQ(result.metrics.at("validation").at("loss"), best.validation_loss);
}

class BatchCounter : public TrainingObserver {
 public:
  void on_batch(Index, Index, Index n_batches, double, double) override {
    ++batches;
    last_n_batches = n_batches;
  }
  Index batches = 0;
  Index last_n_batches = 0;
};

TEST(Trainer, MergesALoneLastSampleIntoTheBatchBefore) {
  TrainingSet data = test::synthetic_training_set(100, TaskKind::kRegression);
  data.splits.train.resize(65);  // 64 + 1
  data.splits.validation.clear();
  data.splits.test.clear();
  TrainOptions options = quick_options(1);
  options.batch_size = 64;
  Model<float> model = test::hand_made_model(1);
  BatchCounter counter;
  train_model(model, data, options, {}, &counter);
  EXPECT_EQ(counter.batches, 1);
  options.batch_size = 32;  // 32 + 32 + 1 -> 32 + 33
  BatchCounter second;
  train_model(model, data, options, {}, &second);
  EXPECT_EQ(second.last_n_batches, 2);
}

TEST(Trainer, DivergenceIsAnErrorNamingTheEpochAndBatch) {
  TrainingSet data = test::synthetic_training_set(100, TaskKind::kRegression);
  data.targets *= 1e19f;  // squared errors overflow float
  Model<float> model = test::hand_made_model(1);
  try {
    train_model(model, data, quick_options(2));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("epoch 1"), std::string::npos) << error.what();
  }
}

TEST(Trainer, RejectsInvalidOptionsNamingThem) {
  const TrainingSet data = test::synthetic_training_set(50, TaskKind::kRegression);
  Model<float> model = test::hand_made_model(1);
  const auto expect_option_error = [&](TrainOptions options, const std::string& path) {
    try {
      train_model(model, data, options);
      FAIL() << "expected ConfigError for " << path;
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), path);
    }
  };
  TrainOptions options = quick_options(1);
  options.batch_size = 1;
  expect_option_error(options, "train.batch_size");
  options = quick_options(1);
  options.optimizer = "lbfgs";
  expect_option_error(options, "train.optimizer");
  options = quick_options(1);
  options.learning_rate = -1;
  expect_option_error(options, "train.learning_rate");
  options = quick_options(1);
  options.weight_decay = 0.1;  // plain adam has no decoupled decay
  expect_option_error(options, "train.weight_decay");
}

Index zero_weights(const Model<float>& model) {
  Index zeros = 0;
  for (const ModelLevel<float>& level : model.levels()) {
    zeros += (level.weights.value.array() == 0.0f).count();
  }
  return zeros;
}

TEST(Trainer, L1DrivesSomeWeightsToExactlyZero) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  TrainOptions options = quick_options(10);
  Model<float> plain = test::hand_made_model(1);
  train_model(plain, data, options);
  EXPECT_EQ(zero_weights(plain), 0);
  options.l1 = 0.5;
  Model<float> sparse = test::hand_made_model(1);
  train_model(sparse, data, options);
  EXPECT_GT(zero_weights(sparse), 10);
}

}  // namespace
}  // namespace ontonet
