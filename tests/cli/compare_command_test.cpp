// `ontonet compare` and `ontonet plot` end to end on the example cohort: the report files and their
// rows, the figure, a saved run model that predict applies, the config repeating the comparison,
// and bad options refused before any folder exists.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../report/svg_checks.hpp"
#include "../test_support.hpp"
#include "ontonet/io/text_table.hpp"
#include "run_command.hpp"

namespace ontonet {
namespace {

using test::read_text;

// Header and rows of a TSV file.
std::vector<std::vector<std::string>> read_rows(const std::string& path) {
  TextTable table = read_text_table(path);
  table.rows.insert(table.rows.begin(), table.header);
  return table.rows;
}

// Rows without the columns whose names contain "seconds" (wall time differs between runs).
std::vector<std::vector<std::string>> without_times(std::vector<std::vector<std::string>> rows) {
  std::vector<std::size_t> times;
  for (std::size_t k = 0; k < rows.front().size(); ++k) {
    if (rows.front()[k].find("seconds") != std::string::npos) times.push_back(k);
  }
  for (std::vector<std::string>& row : rows) {
    for (auto k = times.rbegin(); k != times.rend(); ++k) row.erase(row.begin() + *k);
  }
  return rows;
}

std::string quick_compare(const std::string& out, const std::string& lambdas = "0,0.1",
                          const std::string& extra = "") {
  return "compare --config configs/example_compare.json --epochs 6 --patience 0 --seeds 2 "
         "--lambdas " +
         lambdas + " --out '" + out + "' " + extra;
}

TEST(CompareCommand, WritesTheTablesTheFigureAndEveryRunsModel) {
  const test::ScratchDir dir("compare-cli");
  const test::CommandResult result =
      test::run_ontonet(quick_compare(dir.path("cmp")), test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("5 models x 2 seeds = 10 runs"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("[ 10/10]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("paired differences, model - dense"), std::string::npos);

  const auto models = read_rows(dir.path("cmp/comparison.tsv"));
  ASSERT_EQ(models.size(), 7u);  // header, 2 lambdas, 3 controls, ridge
  EXPECT_EQ(models[0][0], "model");
  EXPECT_EQ(models[1][0], "ontology lambda=0");
  EXPECT_EQ(models[2][0], "ontology lambda=0.1");
  EXPECT_EQ(models[3][0], "dense");
  EXPECT_EQ(models[6][0], "ridge");
  EXPECT_EQ(std::count(models[0].begin(), models[0].end(), "test_pearson_mean"), 1);
  for (const auto& row : models) EXPECT_EQ(row.size(), models[0].size());

  const auto runs = read_rows(dir.path("cmp/runs.tsv"));
  ASSERT_EQ(runs.size(), 11u);  // header + 5 models x 2 seeds
  EXPECT_EQ(runs[1][3], "1");   // seed column
  EXPECT_EQ(runs[2][3], "2");
  const auto differences = read_rows(dir.path("cmp/paired_differences.tsv"));
  EXPECT_EQ(differences.size(), 1u + 4 * 2);  // 4 models against dense, loss and pearson
  EXPECT_GT(read_rows(dir.path("cmp/learning_curves.tsv")).size(), 5u * 6);

  const nlohmann::json report = nlohmann::json::parse(read_text(dir.path("cmp/comparison.json")));
  EXPECT_EQ(report.at("main_metric"), "pearson");
  EXPECT_EQ(report.at("models").size(), 5u);
  EXPECT_EQ(report.at("linear_baseline").at("model"), "ridge");

  const std::string svg = read_text(dir.path("cmp/comparison.svg"));
  const test::ParsedSvg parsed = test::parse_svg(svg);
  EXPECT_EQ(parsed.error, "") << parsed.error;
  EXPECT_EQ(test::non_finite_attribute(parsed), "");
  const std::vector<std::string> texts = test::texts(parsed);
  for (const char* label : {"Validation loss per epoch", "epoch", "dense_equal_params"}) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), label), texts.end()) << label;
  }

  const std::string model = dir.path("cmp/runs/ontology_lambda_0.1/seed2/model.onm");
  ASSERT_TRUE(std::filesystem::exists(model));
  EXPECT_TRUE(std::filesystem::exists(dir.path("cmp/runs/shuffled/seed1/log.tsv")));
  const test::CommandResult predicted = test::run_ontonet(
      "predict --model '" + model +
          "' --data-format matrix --matrix ontologies/example/example_expression.tsv "
          "--phenotypes ontologies/example/example_phenotypes.tsv --target-column phenotype "
          "--covariates age --out '" +
          dir.path("predictions.tsv") + "'",
      test::source_path(""));
  EXPECT_EQ(predicted.exit_code, 0) << predicted.output;

  // The saved config repeats the comparison, whatever the number of threads.
  const test::CommandResult again =
      test::run_ontonet("compare --config '" + dir.path("cmp/config.json") +
                            "' --threads 1 --out '" + dir.path("again") + "'",
                        test::source_path(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(without_times(read_rows(dir.path("again/runs.tsv"))), without_times(runs));
}

TEST(CompareCommand, RefusesBadOptionsBeforeWritingAnything) {
  const test::ScratchDir dir("compare-bad");
  const test::CommandResult negative =
      test::run_ontonet(quick_compare(dir.path("cmp"), "0,-1"), test::source_path(""));
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.output.find("compare.lambdas must be finite and >= 0, got -1"),
            std::string::npos)
      << negative.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("cmp")));

  const test::CommandResult control = test::run_ontonet(
      quick_compare(dir.path("cmp"), "0,0.1", "--controls dense,mlp"), test::source_path(""));
  EXPECT_EQ(control.exit_code, 2);
  EXPECT_NE(control.output.find("--controls"), std::string::npos) << control.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("cmp")));
}

TEST(CompareCommand, ControlsNoneTrainsTheOntologyNetworkAlone) {
  const test::ScratchDir dir("compare-none");
  const test::CommandResult alone = test::run_ontonet(
      quick_compare(dir.path("cmp"), "0", "--controls none"), test::source_path(""));
  ASSERT_EQ(alone.exit_code, 0) << alone.output;
  const TextTable table = read_text_table(dir.path("cmp/comparison.tsv"));
  std::vector<std::string> models;
  for (const std::vector<std::string>& row : table.rows) models.push_back(row[0]);
  EXPECT_EQ(models, (std::vector<std::string>{"ontology", "ridge"}));

  const test::CommandResult mixed = test::run_ontonet(
      quick_compare(dir.path("mixed"), "0", "--controls none,dense"), test::source_path(""));
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.output.find("--controls none cannot be listed with others"), std::string::npos)
      << mixed.output;
}

// An interrupted comparison: the run whose run.json is missing never finished. --resume reads the
// others, trains that one and writes the report the whole comparison would have written; other
// options are refused, before anything is overwritten.
TEST(CompareCommand, ResumeTrainsOnlyTheRunsThatDidNotFinish) {
  const test::ScratchDir dir("compare-resume");
  const auto compare = [&](const std::string& epochs, const std::string& lambdas) {
    return "compare --config configs/example_compare.json --epochs " + epochs +
           " --patience 0 --seeds 2 --lambdas " + lambdas + " --controls dense --out '" +
           dir.path("cmp") + "'";
  };
  const std::string options = compare("3", "0");
  const test::CommandResult first = test::run_ontonet(options, test::source_path(""));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto runs = read_rows(dir.path("cmp/runs.tsv"));
  ASSERT_EQ(runs.size(), 5u);  // header + 2 models x 2 seeds
  ASSERT_TRUE(std::filesystem::remove(dir.path("cmp/runs/dense/seed2/run.json")));
  std::filesystem::remove(dir.path("cmp/runs.tsv"));

  const test::CommandResult resumed =
      test::run_ontonet(options + " --resume --threads 1", test::source_path(""));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("3 of 4 runs finished earlier are read"), std::string::npos)
      << resumed.output;
  EXPECT_NE(resumed.output.find("[  4/4] dense"), std::string::npos) << resumed.output;
  EXPECT_EQ(resumed.output.find("[  1/4]"), std::string::npos) << resumed.output;
  EXPECT_EQ(without_times(read_rows(dir.path("cmp/runs.tsv"))), without_times(runs));
  EXPECT_TRUE(std::filesystem::exists(dir.path("cmp/runs/dense/seed2/run.json")));

  const test::CommandResult changed =
      test::run_ontonet(compare("4", "0,0.1") + " --resume", test::source_path(""));
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.output.find("--resume the options differ from those of the comparison in"),
            std::string::npos)
      << changed.output;
  EXPECT_NE(changed.output.find("(epochs, lambdas)"), std::string::npos) << changed.output;

  const test::CommandResult nothing = test::run_ontonet(
      "compare --config configs/example_compare.json --resume --out '" + dir.path("none") + "'",
      test::source_path(""));
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.output.find("expected the config.json of the comparison --resume continues"),
            std::string::npos)
      << nothing.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("none")));
}

TEST(CompareCommand, ItsConfigKeepsAFlagThatWasTurnedOn) {
  const test::ScratchDir dir("compare-flag");
  const test::CommandResult first = test::run_ontonet(
      "compare --config configs/example_compare.json --epochs 2 --seeds 1 --lambdas 0 "
      "--controls dense --no-save-models --out '" +
          dir.path("first") + "'",
      test::source_path(""));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("first/runs/dense/seed1/model.onm")));
  EXPECT_TRUE(std::filesystem::exists(dir.path("first/runs/dense/seed1/run.json")));
  const nlohmann::json config = nlohmann::json::parse(read_text(dir.path("first/config.json")));
  EXPECT_EQ(config.at("compare").at("no_save_models"), true);
  EXPECT_EQ(config.at("compare").at("linear_baseline"), true);  // from the config file

  const test::CommandResult again = test::run_ontonet(
      "compare --config '" + dir.path("first/config.json") + "' --out '" + dir.path("again") + "'",
      test::source_path(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("again/runs/dense/seed1/model.onm")));
}

TEST(PlotCommand, DrawsOneLinePerSeriesFromATable) {
  const test::ScratchDir dir("plot-cli");
  {
    std::ofstream table(dir.path("table.tsv"));
    table << "n\tmodel\tloss\tsd\n200\tdense\t1.5\t0.1\n1000\tdense\t1.2\t0.1\n"
             "200\tontology\t1.4\tNA\n1000\tontology\t0.9\t0.05\n";
  }
  const test::CommandResult result =
      test::run_ontonet("plot '" + dir.path("table.tsv") +
                            "' --x n --y loss --error sd --series model --log-x "
                            "--out '" +
                            dir.path("plot.svg") + "'",
                        test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const test::ParsedSvg parsed = test::parse_svg(read_text(dir.path("plot.svg")));
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(test::elements_named(parsed, "polyline").size(), 2u);
  const std::vector<std::string> texts = test::texts(parsed);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "ontology"), texts.end());

  const test::CommandResult missing = test::run_ontonet(
      "plot '" + dir.path("table.tsv") + "' --x n --y accuracy --out '" + dir.path("bad.svg") + "'",
      test::source_path(""));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("no column 'accuracy'; the columns are n, model, loss, sd"),
            std::string::npos)
      << missing.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("bad.svg")));
}

}  // namespace
}  // namespace ontonet
