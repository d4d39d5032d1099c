#include "ontonet/train/comparison_record.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "ontonet/core/error.hpp"
#include "training_fixtures.hpp"

namespace ontonet {
namespace {

ComparisonResult one_short_comparison() {
  ComparisonOptions options;
  options.train.epochs = 3;
  options.train.batch_size = 32;
  options.train.patience = 0;
  options.lambdas = {0.0};
  options.controls = {"dense"};
  options.n_seeds = 1;
  options.first_seed = 4;
  options.threads = 1;
  return run_comparison(test::hand_made_model(1).spec(),
                        test::synthetic_training_set(120, TaskKind::kRegression), options);
}

// Through its text, as run.json holds it.
ComparisonRun round_trip(const ComparisonResult& result, std::size_t index) {
  const ComparisonRun& run = result.runs[index];
  const ComparedModel& model = result.models[run.model];
  const nlohmann::json record = nlohmann::json::parse(comparison_run_record(model, run).dump());
  return read_comparison_run_record(record, run.model, model, run.seed, "run.json");
}

TEST(ComparisonRecord, KeepsEveryNumberOfARunExactlyNaNIncluded) {
  ComparisonResult result = one_short_comparison();
  ComparisonRun& run = result.runs[1];
  run.result.history[1].validation_loss = std::numeric_limits<double>::quiet_NaN();
  run.result.metrics.at("test")["pearson"] = std::numeric_limits<double>::quiet_NaN();
  ComparisonRun read = round_trip(result, 1);

  EXPECT_EQ(read.model, 1u);
  EXPECT_EQ(read.seed, 4u);
  EXPECT_EQ(read.parameters, run.parameters);
  EXPECT_EQ(read.weights, run.weights);
  EXPECT_EQ(read.nonzero_weights, run.nonzero_weights);
  EXPECT_EQ(read.seconds, run.seconds);
  EXPECT_EQ(read.result.best_epoch, run.result.best_epoch);
  EXPECT_EQ(read.result.stopped_early, run.result.stopped_early);
  EXPECT_TRUE(std::isnan(read.result.metrics.at("test").at("pearson")));
  read.result.metrics.at("test").erase("pearson");
  run.result.metrics.at("test").erase("pearson");
  EXPECT_EQ(read.result.metrics, run.result.metrics);
  ASSERT_EQ(read.result.history.size(), 3u);
  for (std::size_t e = 0; e < 3; ++e) {
    const EpochRecord& a = run.result.history[e];
    const EpochRecord& b = read.result.history[e];
    EXPECT_EQ(b.epoch, a.epoch);
    EXPECT_EQ(b.train_loss, a.train_loss);
    if (e == 1) {
      EXPECT_TRUE(std::isnan(b.validation_loss));
    } else {
      EXPECT_EQ(b.validation_loss, a.validation_loss);
    }
    EXPECT_EQ(b.validation, a.validation);
    EXPECT_EQ(b.learning_rate, a.learning_rate);
    EXPECT_EQ(b.seconds, a.seconds);
    EXPECT_EQ(b.samples_per_second, a.samples_per_second);
    EXPECT_EQ(b.best, a.best);
  }
}

TEST(ComparisonRecord, RefusesTheRecordOfAnotherRunOrAMalformedOneNamingTheFile) {
  const ComparisonResult result = one_short_comparison();
  const nlohmann::json record = comparison_run_record(result.models[0], result.runs[0]);
  const auto message_of = [&](const nlohmann::json& bad, std::size_t model, std::uint64_t seed) {
    try {
      read_comparison_run_record(bad, model, result.models[model], seed, "runs/x/run.json");
    } catch (const InputError& error) {
      EXPECT_EQ(error.file(), "runs/x/run.json");
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of(record, 0, 5).find("expected the run of 'ontology', seed 5"),
            std::string::npos);
  EXPECT_NE(message_of(record, 1, 4).find("expected the run of 'dense'"), std::string::npos);
  nlohmann::json newer = record;
  newer["schema_version"] = 2;
  EXPECT_NE(message_of(newer, 0, 4).find("expected schema_version 1"), std::string::npos);
  nlohmann::json cut = record;
  cut.erase("history");
  const std::string missing = message_of(cut, 0, 4);
  EXPECT_NE(missing.find("expected a comparison run record"), std::string::npos) << missing;
  EXPECT_NE(missing.find("delete the file to train this run again"), std::string::npos);
}

}  // namespace
}  // namespace ontonet
