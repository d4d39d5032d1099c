// Training a network whose term layers use dropout: the masks come from the training seed and the
// step, so runs repeat bit for bit at any thread count and across a resume, and evaluation never
// drops.
#include <gtest/gtest.h>
#include <omp.h>

#include <stdexcept>

#include "../test_support.hpp"
#include "ontonet/train/trainer.hpp"
#include "training_fixtures.hpp"

namespace ontonet {
namespace {

// The hand-made DrugCell network with 32 neurons per term: with batches of 128 its term levels
// have enough multiply-adds for the sparse kernels to run in parallel.
Model<float> wide_model(double dropout) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 32;
  options.term_layer.dropout = dropout;
  return Model<float>(
      build_dcell_spec(test::hand_made_ontology(),
                       test::gene_identity_map({"g1", "g2", "g3", "g4", "g5", "g6"}), options),
      1);
}

TrainOptions options_with_seed(std::uint64_t seed) {
  TrainOptions options;
  options.epochs = 3;
  options.batch_size = 128;
  options.learning_rate = 0.01;
  options.patience = 0;
  options.seed = seed;
  return options;
}

NamedBlocks trained_weights(const TrainingSet& data, double dropout, std::uint64_t seed,
                            int threads) {
  const int threads_before = omp_get_max_threads();
  omp_set_num_threads(threads);
  Model<float> model = wide_model(dropout);
  train_model(model, data, options_with_seed(seed));
  omp_set_num_threads(threads_before);
  return model.weight_blocks();
}

TEST(TrainerDropout, SameSeedGivesBitwiseIdenticalWeightsAtOneAndTwoThreads) {
  const TrainingSet data = test::synthetic_training_set(400, TaskKind::kRegression);
  const NamedBlocks reference = trained_weights(data, 0.5, 3, 1);
  EXPECT_EQ(trained_weights(data, 0.5, 3, 1), reference);
  EXPECT_EQ(trained_weights(data, 0.5, 3, 2), reference);
  EXPECT_NE(trained_weights(data, 0.5, 4, 1), reference);
  // The masks do act: the same seed without dropout ends elsewhere.
  EXPECT_NE(trained_weights(data, 0.0, 3, 1), reference);
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

TEST(TrainerDropout, AResumedRunDrawsTheMasksOfAnUninterruptedOne) {
  const test::ScratchDir dir("trainer-dropout");
  const TrainingSet data = test::synthetic_training_set(400, TaskKind::kRegression);
  const TrainOptions options = options_with_seed(6);
  Model<float> uninterrupted = wide_model(0.5);
  train_model(uninterrupted, data, options);

  Model<float> crashed = wide_model(0.5);
  CrashAfter crash(1);
  EXPECT_THROW(train_model(crashed, data, options, {dir.path("run.ckpt"), false}, &crash),
               std::runtime_error);
  Model<float> resumed = wide_model(0.5);
  train_model(resumed, data, options, {dir.path("run.ckpt"), true});
  EXPECT_EQ(resumed.weight_blocks(), uninterrupted.weight_blocks());
}

TEST(TrainerDropout, EvaluationDoesNotDrop) {
  const TrainingSet data = test::synthetic_training_set(400, TaskKind::kRegression);
  Model<float> model = wide_model(0.5);
  TrainOptions options = options_with_seed(5);
  options.epochs = 4;
  const TrainingResult result = train_model(model, data, options);
  // The best epoch's validation loss was measured during training; measured again on the restored
  // weights it is the same number, which a dropped evaluation would not give.
  ASSERT_GE(result.best_epoch, 1);
  const double during =
      result.history[static_cast<std::size_t>(result.best_epoch - 1)].validation_loss;
  EXPECT_EQ(result.metrics.at("validation").at("loss"), during);
  EXPECT_EQ(evaluate_splits(model, data).at("test").at("loss"),
            result.metrics.at("test").at("loss"));
}

}  // namespace
}  // namespace ontonet
