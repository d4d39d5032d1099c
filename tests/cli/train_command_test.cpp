// `ontonet train` and `ontonet predict` end to end on the example cohort: the run folder, its
// config repeating the run, resuming after kill -9, prediction from the saved model, and bad data
// stopping the run with a clear error before any run folder exists.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "../test_support.hpp"
#include "run_command.hpp"

namespace ontonet {
namespace {

using test::read_text;

std::size_t count_lines(const std::string& path) {
  const std::string text = read_text(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The example config with a short schedule, writing to `out`.
std::string example_run(const std::string& out, const std::string& extra = "") {
  return "train --config configs/example_train.json --epochs 8 --patience 0 --progress lines "
         "--out '" +
         out + "' " + extra;
}

TEST(TrainCommand, WritesARunFolderWhoseConfigRepeatsTheRun) {
  const test::ScratchDir dir("train-cli");
  const test::CommandResult first =
      test::run_ontonet(example_run(dir.path("run")), test::source_path(""));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  for (const char* file : {"config.json", "log.tsv", "checkpoint.onm", "model.onm",
                           "predictions.tsv", "metrics.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path("run/") + file)) << file;
  }
  EXPECT_EQ(count_lines(dir.path("run/log.tsv")), 9u);            // header + 8 epochs
  EXPECT_EQ(count_lines(dir.path("run/predictions.tsv")), 801u);  // header + 800 samples
  const nlohmann::json metrics = nlohmann::json::parse(read_text(dir.path("run/metrics.json")));
  EXPECT_EQ(metrics.at("epochs_run"), 8);
  EXPECT_GT(metrics.at("metrics").at("test").at("pearson").get<double>(), 0.5);
  EXPECT_TRUE(metrics.at("linear_baseline").at("metrics").contains("test"));
  EXPECT_NE(first.output.find("epoch    8"), std::string::npos) << first.output;

  const test::CommandResult again = test::run_ontonet(
      "train --config '" + dir.path("run/config.json") + "' --out '" + dir.path("again") + "'",
      test::source_path(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(read_text(dir.path("again/model.onm")), read_text(dir.path("run/model.onm")));
  EXPECT_EQ(read_text(dir.path("again/predictions.tsv")),
            read_text(dir.path("run/predictions.tsv")));
}

TEST(TrainCommand, ResumeAfterKillNineEndsWhereAnUninterruptedRunEnds) {
  const test::ScratchDir dir("train-kill");
  // Small batches make epochs long enough to kill the run in the middle.
  const std::string slow = "--epochs 40 --batch-size 4 --patience 0 --progress lines";
  const std::string base = "train --config configs/example_train.json " + slow;
  const test::CommandResult full =
      test::run_ontonet(base + " --out '" + dir.path("full") + "'", test::source_path(""));
  ASSERT_EQ(full.exit_code, 0) << full.output;

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (chdir(test::source_path("").c_str()) != 0) _exit(127);
    const std::string out = dir.path("killed");
    const std::string log = dir.path("killed.txt");
    execl("/bin/sh", "sh", "-c",
          ("exec " + std::string(ONTONET_BINARY) + " " + base + " --out '" + out + "' > '" + log +
           "' 2>&1")
              .c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill as soon as two epochs are logged (their checkpoint is written before the log).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (count_lines(dir.path("killed/log.tsv")) < 3 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it could be killed";
  EXPECT_FALSE(std::filesystem::exists(dir.path("killed/model.onm")));
  const std::size_t logged = count_lines(dir.path("killed/log.tsv")) - 1;
  ASSERT_GE(logged, 2u);
  ASSERT_LT(logged, 40u);

  // A resume with other options is refused and leaves the folder as it was.
  const std::string config_before = read_text(dir.path("killed/config.json"));
  const std::string checkpoint_before = read_text(dir.path("killed/checkpoint.onm"));
  const test::CommandResult refused = test::run_ontonet(
      "train --config '" + dir.path("killed/config.json") + "' --resume --learning-rate 0.5",
      test::source_path(""));
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("/train/learning_rate"), std::string::npos) << refused.output;
  EXPECT_EQ(read_text(dir.path("killed/config.json")), config_before);
  EXPECT_EQ(read_text(dir.path("killed/checkpoint.onm")), checkpoint_before);

  const test::CommandResult resumed = test::run_ontonet(
      "train --config '" + dir.path("killed/config.json") + "' --resume", test::source_path(""));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(read_text(dir.path("killed/model.onm")), read_text(dir.path("full/model.onm")));
  EXPECT_EQ(count_lines(dir.path("killed/log.tsv")), 41u);
}

TEST(PredictCommand, ReproducesTheRunsOwnPredictionsFromTheSavedModel) {
  const test::ScratchDir dir("predict-cli");
  ASSERT_EQ(test::run_ontonet(example_run(dir.path("run")), test::source_path("")).exit_code, 0);
  const test::CommandResult predicted = test::run_ontonet(
      "predict --model '" + dir.path("run/model.onm") +
          "' --data-format matrix --matrix ontologies/example/example_expression.tsv "
          "--phenotypes ontologies/example/example_phenotypes.tsv --target-column phenotype "
          "--covariates age --out '" +
          dir.path("predicted.tsv") + "'",
      test::source_path(""));
  ASSERT_EQ(predicted.exit_code, 0) << predicted.output;
  EXPECT_NE(predicted.output.find("pearson"), std::string::npos);
  // sample -> output, from both files.
  const auto outputs = [](const std::string& path, std::size_t column) {
    std::map<std::string, std::string> by_sample;
    std::istringstream lines(read_text(path));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      std::vector<std::string> fields;
      std::istringstream parts(line);
      for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
      by_sample[fields[0]] = fields.at(column);
    }
    return by_sample;
  };
  const auto from_run = outputs(dir.path("run/predictions.tsv"), 3);
  const auto from_predict = outputs(dir.path("predicted.tsv"), 2);  // sample, target, prediction
  ASSERT_EQ(from_predict.size(), 800u);
  EXPECT_EQ(from_predict, from_run);
}

// Writes the example phenotypes with `edit` applied to each data row's fields.
std::string edited_phenotypes(const test::ScratchDir& dir,
                              const std::function<void(std::vector<std::string>&, int)>& edit) {
  std::istringstream lines(
      read_text(test::source_path("ontologies/example/example_phenotypes.tsv")));
  std::ostringstream out;
  std::string line;
  std::getline(lines, line);
  out << line << "\n";
  for (int row = 0; std::getline(lines, line); ++row) {
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
    edit(fields, row);
    for (std::size_t f = 0; f < fields.size(); ++f) out << (f ? "\t" : "") << fields[f];
    out << "\n";
  }
  return dir.write("phenotypes.tsv", out.str());
}

TEST(TrainCommand, BadDataStopsBeforeTheRunFolderExists) {
  const test::ScratchDir dir("train-bad");
  const auto expect_refused = [&](const std::string& extra, const std::string& expected) {
    const test::CommandResult result =
        test::run_ontonet(example_run(dir.path("run"), extra), test::source_path(""));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find(expected), std::string::npos) << result.output;
    EXPECT_FALSE(std::filesystem::exists(dir.path("run"))) << extra;
  };
  const std::string renamed = edited_phenotypes(
      dir, [](std::vector<std::string>& fields, int) { fields[0] = "other_" + fields[0]; });
  expect_refused("--phenotypes '" + renamed + "'", "phenotypes.tsv");

  const std::string one_class =
      edited_phenotypes(dir, [](std::vector<std::string>& fields, int) { fields[2] = "control"; });
  expect_refused("--phenotypes '" + one_class + "' --task binary --target-column status",
                 "found only class 0");

  const std::string all_train = edited_phenotypes(
      dir, [](std::vector<std::string>& fields, int) { fields.push_back("train"); });
  std::string text = read_text(all_train);
  text.replace(text.find('\n'), 1, "\tsplit\n");
  const std::string split_file = dir.write("split.tsv", text);
  expect_refused("--phenotypes '" + split_file + "' --split-column split", "validation");
}

TEST(TrainCommand, MissingValuesAreImputedAndCounted) {
  const test::ScratchDir dir("train-nan");
  std::string matrix = read_text(test::source_path("ontologies/example/example_expression.tsv"));
  const std::size_t row = matrix.find("\nsample0002\t");
  const std::size_t field = matrix.find('\t', row + 1);
  const std::size_t end = matrix.find('\t', field + 1);
  matrix.replace(field + 1, end - field - 1, "NaN");
  const std::string path = dir.write("matrix.tsv", matrix);
  const test::CommandResult result = test::run_ontonet(
      example_run(dir.path("run"), "--matrix '" + path + "'"), test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("note"), std::string::npos);
  EXPECT_NE(result.output.find("1 missing"), std::string::npos) << result.output;
}

// Phenotypes derived from the example's: a three-level grade (terciles of the phenotype) and a
// survival time that shortens as the phenotype grows, every fourth sample censored.
std::string derived_phenotypes(const test::ScratchDir& dir) {
  std::istringstream lines(
      read_text(test::source_path("ontologies/example/example_phenotypes.tsv")));
  std::ostringstream out;
  std::string line;
  std::getline(lines, line);
  out << "sample\tgrade\ttime\tevent\tage\n";
  for (int row = 0; std::getline(lines, line); ++row) {
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
    const double phenotype = std::stod(fields[1]);
    const char* grade = phenotype < -0.5 ? "low" : phenotype < 0.5 ? "mid" : "high";
    out << fields[0] << '\t' << grade << '\t' << std::exp(-phenotype) << '\t'
        << (row % 4 == 3 ? 0 : 1) << '\t' << fields[3] << "\n";
  }
  return dir.write("derived.tsv", out.str());
}

TEST(TrainCommand, TrainsMulticlassAndSurvivalTargetsAndPredictScoresThem) {
  const test::ScratchDir dir("train-tasks");
  const std::string phenotypes = derived_phenotypes(dir);
  const test::CommandResult multiclass = test::run_ontonet(
      example_run(dir.path("grade"),
                  "--phenotypes '" + phenotypes + "' --task multiclass --target-column grade"),
      test::source_path(""));
  ASSERT_EQ(multiclass.exit_code, 0) << multiclass.output;
  EXPECT_NE(multiclass.output.find("no linear baseline for a multiclass task"), std::string::npos);
  const nlohmann::json grade = nlohmann::json::parse(read_text(dir.path("grade/metrics.json")));
  EXPECT_GT(grade.at("metrics").at("test").at("accuracy").get<double>(), 0.6);  // chance ~1/3
  EXPECT_NE(read_text(dir.path("grade/predictions.tsv")).find("predicted\tlogit_high\tlogit_low"),
            std::string::npos);

  const test::CommandResult survival = test::run_ontonet(
      example_run(dir.path("survival"),
                  "--phenotypes '" + phenotypes +
                      "' --task survival --target-column time --event-column event"),
      test::source_path(""));
  ASSERT_EQ(survival.exit_code, 0) << survival.output;
  const nlohmann::json risk = nlohmann::json::parse(read_text(dir.path("survival/metrics.json")));
  EXPECT_GT(risk.at("metrics").at("test").at("c_index").get<double>(), 0.75);

  const test::CommandResult predicted = test::run_ontonet(
      "predict --model '" + dir.path("survival/model.onm") +
          "' --data-format matrix --matrix ontologies/example/example_expression.tsv "
          "--phenotypes '" +
          phenotypes + "' --target-column time --event-column event --covariates age --out '" +
          dir.path("risk.tsv") + "' --metrics-json '" + dir.path("risk.json") + "'",
      test::source_path(""));
  ASSERT_EQ(predicted.exit_code, 0) << predicted.output;
  EXPECT_GT(nlohmann::json::parse(read_text(dir.path("risk.json"))).at("c_index").get<double>(),
            0.75);
  EXPECT_EQ(read_text(dir.path("risk.tsv")).substr(0, 22), "sample\ttime\tevent\trisk");
}

}  // namespace
}  // namespace ontonet
