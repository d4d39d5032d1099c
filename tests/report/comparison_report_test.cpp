#include "ontonet/report/comparison_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::read_text;

EpochRecord epoch(Index number, double train, double validation) {
  EpochRecord record;
  record.epoch = number;
  record.train_loss = train;
  record.validation_loss = validation;
  return record;
}

// Two ontology lambdas and the dense baseline over two seeds; seed 2 of lambda 0 stops after one
// epoch.
ComparisonResult hand_made_result() {
  ComparisonResult result;
  result.task = TaskKind::kRegression;
  result.penalty = "group_lasso";
  result.models = {{"ontology lambda=0", "ontology", 0.0},
                   {"ontology lambda=0.1", "ontology", 0.1},
                   {"dense", "dense", 0.0}};
  for (std::size_t m = 0; m < 3; ++m) {
    for (std::uint64_t seed : {1u, 2u}) {
      ComparisonRun run;
      run.model = m;
      run.seed = seed;
      run.parameters = 50;
      run.weights = 40;
      run.nonzero_weights = m == 1 ? 30 : 40;
      run.result.history = {epoch(1, 2.0 + seed, 1.0 + seed), epoch(2, 1.0, 0.5)};
      if (m == 0 && seed == 2) run.result.history.pop_back();
      for (const char* split : {"train", "validation", "test"}) {
        run.result.metrics[split] = {{"loss", 0.25 * static_cast<double>(m + seed)},
                                     {"pearson", 0.5}};
      }
      result.runs.push_back(run);
    }
  }
  return result;
}

TEST(ComparisonReport, LearningCurvesAverageTheSeedsThatRanEachEpoch) {
  const LearningCurve curve = learning_curve(hand_made_result(), 0);
  ASSERT_EQ(curve.epoch.size(), 2u);
  EXPECT_EQ(curve.runs, (std::vector<Index>{2, 1}));
  EXPECT_DOUBLE_EQ(curve.train_mean[0], 3.5);  // (3 + 4) / 2
  EXPECT_DOUBLE_EQ(curve.validation_mean[0], 2.5);
  EXPECT_DOUBLE_EQ(curve.validation_sd[0], std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(curve.validation_mean[1], 0.5);  // seed 1 alone
  EXPECT_DOUBLE_EQ(curve.validation_sd[1], 0.0);
}

TEST(ComparisonReport, WritesEveryFileWithOneRowPerModelAndRun) {
  const test::ScratchDir dir("comparison-report");
  const ComparisonResult result = hand_made_result();
  const ComparisonSummary summary = summarize_comparison(result);
  write_comparison_report(dir.path(""), {result, summary, std::nullopt, {{"data", "hand-made"}}});

  const std::string table = read_text(dir.path("comparison.tsv"));
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 4);
  EXPECT_NE(table.find("ontology lambda=0.1\tontology\t0.1\t50\t40\t30\t2\t"), std::string::npos)
      << table;
  const std::string runs = read_text(dir.path("runs.tsv"));
  EXPECT_EQ(std::count(runs.begin(), runs.end(), '\n'), 7);
  const std::string curves = read_text(dir.path("learning_curves.tsv"));
  EXPECT_NE(curves.find("ontology lambda=0\t2\t1\t1\t0\t0.5\t0\n"), std::string::npos) << curves;
  const std::string differences = read_text(dir.path("paired_differences.tsv"));
  // lambda 0 minus dense: test loss 0.25 s - (0.5 + 0.25 s) = -0.5 in both seeds.
  EXPECT_NE(differences.find("ontology lambda=0\tdense\ttest\tloss\t-0.5\t0\t-0.5\t-0.5\t2\t2"),
            std::string::npos)
      << differences;

  const nlohmann::json json = nlohmann::json::parse(read_text(dir.path("comparison.json")));
  EXPECT_EQ(json.at("selected"), "ontology lambda=0");
  EXPECT_EQ(json.at("context").at("data"), "hand-made");
  EXPECT_EQ(json.at("models").at(1).at("runs").size(), 2u);

  const test::ParsedSvg svg = test::parse_svg(read_text(dir.path("comparison.svg")));
  EXPECT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  const std::vector<std::string> texts = test::texts(svg);
  // Lambda 0 has a place on the log axis, labelled 0.
  EXPECT_NE(std::find(texts.begin(), texts.end(), "0"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "λ (group_lasso penalty)"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "dense, test"), texts.end());
}

}  // namespace
}  // namespace ontonet
