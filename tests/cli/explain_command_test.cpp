// `ontonet explain` end to end on the example cohort: every method's ranked table, the JSON that
// holds them, the figures, rank stability over two seeds, and bad runs, models and options refused
// with a message naming what was wrong.
#include <gtest/gtest.h>

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

// "" for a well-formed figure with only finite coordinates; else what is wrong.
std::string svg_problem(const std::string& path) {
  const test::ParsedSvg parsed = test::parse_svg(read_text(path));
  if (!parsed.error.empty()) return parsed.error;
  const auto texts = test::texts(parsed);
  if (texts.empty()) return "no text: axes and names are missing";
  return test::non_finite_attribute(parsed);
}

const char* const kMethods[] = {"weight_paths",         "saliency", "gradient_input",
                                "integrated_gradients", "deeplift", "knockout",
                                "permutation",          "rlipp"};

// A short training run of the example network, shared by the tests of this file.
class ExplainCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::ScratchDir("explain-cli");
    const test::CommandResult trained = test::run_ontonet(
        "compare --config configs/example_compare.json --epochs 4 --patience 0 --seeds 2 "
        "--lambdas 0 --controls dense --out '" +
            dir_->path("cmp") + "'",
        test::source_path(""));
    ASSERT_EQ(trained.exit_code, 0) << trained.output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string seed_model(int seed) {
    return dir_->path("cmp/runs/ontology/seed" + std::to_string(seed) + "/model.onm");
  }
  static test::ScratchDir* dir_;
};

test::ScratchDir* ExplainCommand::dir_ = nullptr;

TEST_F(ExplainCommand, ReportsTheDiagnosticsThatApply) {
  // Without dropout, auto runs gradient flow and collinearity; all adds dropout redundancy.
  const std::string run = "explain --run '" + dir_->path("cmp") + "' --model '" + seed_model(1) +
                          "' --method saliency --out '";
  const test::CommandResult automatic =
      test::run_ontonet(run + dir_->path("auto") + "'", test::source_path(""));
  ASSERT_EQ(automatic.exit_code, 0) << automatic.output;
  for (const char* line : {"diagnostic   gradient flow over ", "samples saliency-blind",
                           "diagnostic   collinearity: "}) {
    EXPECT_NE(automatic.output.find(line), std::string::npos) << line << "\n" << automatic.output;
  }
  EXPECT_EQ(automatic.output.find("dropout redundancy"), std::string::npos) << automatic.output;
  for (const char* file :
       {"gradient_flow.tsv", "gradient_flow.svg", "collinearity.tsv", "diagnostics.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_->path("auto/") + file)) << file;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_->path("auto/redundancy.tsv")));
  const TextTable flow = read_text_table(dir_->path("auto/gradient_flow.tsv"));
  EXPECT_EQ(flow.rows.front()[0], "0");  // the input level first
  EXPECT_EQ(flow.rows.front()[1], "40");  // 39 genes and the age covariate

  const test::CommandResult all = test::run_ontonet(
      run + dir_->path("all") + "' --diagnostics all --redundancy-top-k 2", test::source_path(""));
  ASSERT_EQ(all.exit_code, 0) << all.output;
  EXPECT_NE(all.output.find("diagnostic   dropout redundancy over "), std::string::npos)
      << all.output;
  const TextTable redundancy = read_text_table(dir_->path("all/redundancy.tsv"));
  ASSERT_FALSE(redundancy.rows.empty());
  const auto top_k = std::find(redundancy.header.begin(), redundancy.header.end(), "top_k");
  ASSERT_NE(top_k, redundancy.header.end());
  EXPECT_EQ(redundancy.rows.front()[top_k - redundancy.header.begin()], "2");

  const test::CommandResult none =
      test::run_ontonet(run + dir_->path("none") + "' --diagnostics none", test::source_path(""));
  ASSERT_EQ(none.exit_code, 0) << none.output;
  EXPECT_EQ(none.output.find("diagnostic "), std::string::npos) << none.output;
  EXPECT_FALSE(std::filesystem::exists(dir_->path("none/gradient_flow.tsv")));
}

TEST_F(ExplainCommand, WritesARankedTableForEveryMethodTheJsonAndTheFigures) {
  const std::string out = dir_->path("explain");
  const test::CommandResult result =
      test::run_ontonet("explain --run '" + dir_->path("cmp") + "' --model '" + seed_model(1) +
                            "' --steps 256 --threads 2 --out '" + out + "'",
                        test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("120 test samples"), std::string::npos) << result.output;

  for (const char* method : kMethods) {
    const TextTable table = read_text_table(out + "/" + method + ".tsv");
    const std::vector<std::string> first{"kind",  "id",   "name",        "level",
                                         "score", "rank", "signed_score"};
    ASSERT_GE(table.header.size(), first.size()) << method;
    EXPECT_TRUE(std::equal(first.begin(), first.end(), table.header.begin())) << method;
    // Terms first, ranked 1, 2, ... with scores that never rise.
    ASSERT_FALSE(table.rows.empty()) << method;
    EXPECT_EQ(table.rows[0][0], "term") << method;
    EXPECT_EQ(table.rows[0][5], "1") << method;
    for (std::size_t r = 1; r < table.rows.size() && table.rows[r][0] == "term"; ++r) {
      EXPECT_LE(table.number(r, 4), table.number(r - 1, 4)) << method << " row " << r;
      EXPECT_EQ(table.rows[r][5], std::to_string(r + 1)) << method;
    }
  }
  const TextTable ig = read_text_table(out + "/integrated_gradients.tsv");
  bool named = false;
  for (const auto& row : ig.rows) named = named || (row[1] == "EX:0000004" && !row[2].empty());
  EXPECT_TRUE(named) << "term names come from the ontology";

  const nlohmann::json json = nlohmann::json::parse(read_text(out + "/explanations.json"));
  EXPECT_EQ(json.at("methods").size(), 8u);
  EXPECT_EQ(json.at("n_samples"), 120);
  EXPECT_NE(json.at("gene_rule").get<std::string>().find("input features"), std::string::npos);
  const nlohmann::json& ig_checks = json.at("methods").at("integrated_gradients").at("checks");
  EXPECT_LT(ig_checks.at("completeness_error_max").get<double>(), 1e-4);
  EXPECT_GT(ig_checks.at("output_change_mean_abs").get<double>(), 1e-3);
  EXPECT_LT(json.at("methods")
                .at("deeplift")
                .at("checks")
                .at("summation_to_delta_error_max")
                .get<double>(),
            1e-9);

  for (const char* figure : {"top_terms.svg", "top_genes.svg", "term_dag.svg", "agreement.svg"}) {
    EXPECT_EQ(svg_problem(out + "/" + figure), "") << figure;
  }
  EXPECT_NE(read_text(out + "/top_terms.svg").find("G1/S transition"), std::string::npos);
  EXPECT_NE(read_text(out + "/term_dag.dot").find("digraph"), std::string::npos);
  EXPECT_NE(read_text(out + "/agreement.tsv").find("integrated_gradients\tdeeplift"),
            std::string::npos);
  const nlohmann::json config = nlohmann::json::parse(read_text(out + "/config.json"));
  EXPECT_EQ(config.at("explain").at("steps"), "256");
}

TEST_F(ExplainCommand, TheThreadCountDoesNotChangeAnyScore) {
  std::string tables[2];
  for (int threads : {1, 2}) {
    const std::string out = dir_->path("threads" + std::to_string(threads));
    const test::CommandResult result =
        test::run_ontonet("explain --run '" + dir_->path("cmp") + "' --model '" + seed_model(1) +
                              "' --method integrated_gradients,permutation,rlipp --threads " +
                              std::to_string(threads) + " --out '" + out + "'",
                          test::source_path(""));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    tables[threads - 1] = read_text(out + "/integrated_gradients.tsv") +
                          read_text(out + "/permutation.tsv") + read_text(out + "/rlipp.tsv");
  }
  EXPECT_EQ(tables[0], tables[1]);
}

TEST_F(ExplainCommand, SeveralSeedsGiveRankStability) {
  const std::string out = dir_->path("stability");
  const test::CommandResult result = test::run_ontonet(
      "explain --run '" + dir_->path("cmp") + "' --model '" + seed_model(1) + "' --model '" +
          seed_model(2) + "' --method deeplift,knockout --per-sample --out '" + out + "'",
      test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(out + "/model1/deeplift.tsv"));
  EXPECT_TRUE(std::filesystem::exists(out + "/model2/knockout.tsv"));
  const TextTable per_sample = read_text_table(out + "/model1/per_sample_deeplift.tsv");
  EXPECT_EQ(per_sample.header.size(), 2u + 120u);

  const TextTable stability = read_text_table(out + "/stability.tsv");
  ASSERT_EQ(stability.rows.size(), 4u);  // 2 methods x (genes, terms)
  for (std::size_t r = 0; r < stability.rows.size(); ++r) {
    EXPECT_GE(stability.number(r, 4), -1.0);
    EXPECT_LE(stability.number(r, 4), 1.0);
    EXPECT_GE(stability.number(r, 6), 0.0);
    EXPECT_LE(stability.number(r, 6), 1.0);
  }
  EXPECT_EQ(svg_problem(out + "/stability.svg"), "");
  EXPECT_NE(result.output.find("rank stability over 2 models"), std::string::npos);
}

// PLINK inputs get a Manhattan plot, placed by the .bim positions even though the GenNet topology
// renamed the SNPs; a network without terms gets no term figures.
TEST_F(ExplainCommand, PlinkInputsGetAManhattanPlot) {
  const std::string run = dir_->path("plink");
  const test::CommandResult trained = test::run_ontonet(
      "train --config configs/gennet_plink.json --epochs 3 --linear-baseline=false --out '" + run +
          "'",
      test::source_path(""));
  ASSERT_EQ(trained.exit_code, 0) << trained.output;
  const test::CommandResult result = test::run_ontonet(
      "explain --run '" + run + "' --method weight_paths,integrated_gradients --out '" + run +
          "/explain'",
      test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(svg_problem(run + "/explain/manhattan.svg"), "");
  const std::string svg = read_text(run + "/explain/manhattan.svg");
  EXPECT_NE(svg.find(">chromosome<"), std::string::npos);
  EXPECT_NE(svg.find(">16<"), std::string::npos);
  EXPECT_NE(svg.find(">chr"), std::string::npos) << "the top SNPs are labelled";
  EXPECT_TRUE(std::filesystem::exists(run + "/explain/top_genes.svg"));
  EXPECT_FALSE(std::filesystem::exists(run + "/explain/term_dag.svg"));
}

TEST_F(ExplainCommand, RefusesWhatItCannotExplain) {
  const std::string run = dir_->path("cmp");
  // No model.onm in a compare folder: the user is told where compare keeps its models.
  test::CommandResult result = test::run_ontonet(
      "explain --run '" + run + "' --out '" + dir_->path("x1") + "'", test::source_path(""));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("model.onm"), std::string::npos) << result.output;

  result = test::run_ontonet("explain --run '" + run + "' --model '" + seed_model(1) +
                                 "' --method shapley --out '" + dir_->path("x2") + "'",
                             test::source_path(""));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("unknown method 'shapley'"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("integrated_gradients"), std::string::npos);

  result = test::run_ontonet("explain --run '" + dir_->path("") + "' --model '" + seed_model(1) +
                                 "' --out '" + dir_->path("x3") + "'",
                             test::source_path(""));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("config.json"), std::string::npos) << result.output;

  // A baseline file with a value that is not a number: the file and line are named.
  const std::string baseline = dir_->path("baseline.tsv");
  std::ofstream(baseline) << "feature\tvalue\nCDK4\t0\nCDK6\tlots\n";
  result = test::run_ontonet("explain --run '" + run + "' --model '" + seed_model(1) +
                                 "' --method deeplift --baseline '" + baseline + "' --out '" +
                                 dir_->path("x5") + "'",
                             test::source_path(""));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find(baseline + ":3"), std::string::npos) << result.output;

  result = test::run_ontonet("explain --run '" + run + "' --model '" + seed_model(1) +
                                 "' --output-unit 3 --out '" + dir_->path("x4") + "'",
                             test::source_path(""));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("explain.output_unit"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace ontonet
