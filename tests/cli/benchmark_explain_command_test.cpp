// `ontonet benchmark-explain` end to end on the example ontology (the preset CI runs): the table
// covers every scenario, model, method and kind, every score is in [0, 1], the easiest scenario's
// causal genes are found, each step's config reruns the step, scores do not depend on the number
// of explaining threads, and bad configs exit with 2 naming the file and the key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "../test_support.hpp"
#include "ontonet/io/text_table.hpp"
#include "run_command.hpp"

namespace ontonet {
namespace {

using test::read_text;

const std::string kPreset = "configs/benchmark_explain_example.json";

std::size_t column(const TextTable& table, const std::string& name) {
  const auto found = std::find(table.header.begin(), table.header.end(), name);
  EXPECT_NE(found, table.header.end()) << name;
  return static_cast<std::size_t>(found - table.header.begin());
}

// The table without its timing column, which is the only part allowed to differ between runs.
std::string without_seconds(const std::string& path) {
  const TextTable table = read_text_table(path);
  const std::size_t seconds = column(table, "seconds");
  std::string text;
  for (const std::vector<std::string>& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c != seconds) text += row[c] + "\t";
    }
    text += "\n";
  }
  return text;
}

TEST(BenchmarkExplainCommand, ThePresetScoresEveryMethodOnEveryScenarioAndFindsTheAdditiveGenes) {
  const test::ScratchDir dir("benchmark-explain");
  const std::string out = dir.path("bench");
  const test::CommandResult result = test::run_ontonet(
      "benchmark-explain --config " + kPreset + " --out '" + out + "'", test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* line : {"[1/3] additive: simulate", "[3/3] across_term: simulate",
                           "compare 2 models x 3 seeds", "report       "}) {
    EXPECT_NE(result.output.find(line), std::string::npos) << line << "\n" << result.output;
  }
  for (const char* file : {"recovery.tsv", "recovery_runs.tsv", "benchmark.json",
                           "recovery_genes.svg", "recovery_terms.svg", "config.json"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + file)) << file;
  }

  // Complete: every (scenario, model, method, kind), except the kinds a method cannot score:
  // RLIPP scores terms only, and only where the network has term neurons.
  const TextTable table = read_text_table(out + "/recovery.tsv");
  std::set<std::string> rows;
  const std::size_t scenario = column(table, "scenario"), model = column(table, "model"),
                    method = column(table, "method"), kind = column(table, "kind"),
                    seeds = column(table, "seeds");
  for (const std::vector<std::string>& row : table.rows) {
    rows.insert(row[scenario] + "/" + row[model] + "/" + row[method] + "/" + row[kind]);
    EXPECT_EQ(row[seeds], "3");
    for (const char* score : {"auroc_mean", "auprc_mean", "precision_at_k_mean"}) {
      const double value = std::stod(row[column(table, score)]);
      EXPECT_GE(value, 0.0) << score;
      EXPECT_LE(value, 1.0) << score;
    }
  }
  const std::vector<std::string> methods{"weight_paths",         "saliency", "gradient_input",
                                         "integrated_gradients", "deeplift", "knockout",
                                         "permutation",          "rlipp"};
  std::size_t expected = 0;
  for (const char* s : {"additive", "within_term", "across_term"}) {
    for (const char* m : {"ontology", "dense"}) {
      for (const std::string& name : methods) {
        for (const char* k : {"gene", "term"}) {
          if (name == "rlipp" && (std::string(k) == "gene" || std::string(m) == "dense")) continue;
          ++expected;
          EXPECT_EQ(rows.count(std::string(s) + "/" + m + "/" + name + "/" + k), 1u)
              << s << " " << m << " " << name << " " << k;
        }
      }
    }
  }
  EXPECT_EQ(table.rows.size(), expected);
  EXPECT_EQ(read_text_table(out + "/recovery_runs.tsv").rows.size(), 3 * expected);

  double best_additive_gene_auroc = 0;
  for (const std::vector<std::string>& row : table.rows) {
    if (row[scenario] == "additive" && row[kind] == "gene") {
      best_additive_gene_auroc =
          std::max(best_additive_gene_auroc, std::stod(row[column(table, "auroc_mean")]));
    }
  }
  EXPECT_GT(best_additive_gene_auroc, 0.9);

  const nlohmann::json json = nlohmann::json::parse(read_text(out + "/benchmark.json"));
  EXPECT_EQ(json["summary"].size(), expected);
  EXPECT_EQ(json["config"]["benchmark_explain"]["scenarios"].size(), 3u);

  // Each step wrote the config it ran with; rerunning a step by hand gives the same files.
  const std::string additive = out + "/additive";
  for (const char* step : {"simulate", "compare", "explain_ontology", "explain_dense"}) {
    EXPECT_TRUE(std::filesystem::exists(additive + "/" + step + ".json")) << step;
    EXPECT_TRUE(std::filesystem::exists(additive + "/" + step + ".log")) << step;
  }
  const test::CommandResult rerun = test::run_ontonet(
      "simulate --config '" + additive + "/simulate.json' --out '" + dir.path("again") + "'",
      test::source_path(""));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(read_text(dir.path("again") + "/truth.json"),
            read_text(additive + "/simulation/truth.json"));

  // The scores do not depend on how many threads explained the models (compare's runs are
  // tested for that in compare_command_test.cpp).
  nlohmann::json config = nlohmann::json::parse(read_text(test::source_path(kPreset)));
  config["benchmark_explain"]["explain"]["threads"] = 1;
  config["benchmark_explain"]["scenarios"] = {config["benchmark_explain"]["scenarios"][0]};
  std::ofstream(dir.path("one_thread.json")) << config.dump(2);
  const test::CommandResult single =
      test::run_ontonet("benchmark-explain --config '" + dir.path("one_thread.json") + "' --out '" +
                            dir.path("single") + "'",
                        test::source_path(""));
  ASSERT_EQ(single.exit_code, 0) << single.output;
  const std::string all_threads = without_seconds(out + "/recovery_runs.tsv");
  const std::string one_thread = without_seconds(dir.path("single") + "/recovery_runs.tsv");
  EXPECT_EQ(all_threads.substr(0, one_thread.size()), one_thread);
}

struct BadConfig {
  const char* edit;  // JSON merged into the "benchmark_explain" object of a valid config
  const char* message;
};

TEST(BenchmarkExplainCommand, BadConfigsExitWithTwoNamingTheFileAndTheKey) {
  const test::ScratchDir dir("benchmark-explain-bad");
  const nlohmann::json valid = nlohmann::json::parse(read_text(test::source_path(kPreset)));
  const BadConfig cases[] = {
      {R"({"epochs": 3})", "benchmark_explain.epochs is not a benchmark option"},
      {R"({"scenarios": []})", "benchmark_explain.scenarios: expected a non-empty list"},
      {R"({"scenarios": [{"name": "a b"}]})", "benchmark_explain.scenarios[0].name: expected"},
      {R"({"scenarios": [{"name": "a"}, {"name": "a"}]})", "\"a\" names two scenarios"},
      {R"({"scenarios": [{"name": "a", "seeds": 2}]})",
       "benchmark_explain.scenarios[0].seeds is not a scenario option"},
      {R"({"compare": {"out": "x"}})", "benchmark_explain.compare.out is set by the benchmark"},
      {R"({"explain": {"model": "x"}})", "benchmark_explain.explain.model is set by the benchmark"},
      {R"({"simulate": {"heritability": 2}})", "--heritability"},
      {R"({"compare": {"epochz": 2}})", "benchmark_explain.scenarios[0] the compare options in"},
      {R"({"scenarios": [{"name": "a", "compare": {"out": "x"}}]})",
       "benchmark_explain.scenarios[0].compare.out is set by the benchmark"},
  };
  for (const BadConfig& bad : cases) {
    nlohmann::json config = valid;
    const nlohmann::json edit = nlohmann::json::parse(bad.edit);
    for (const auto& [key, value] : edit.items()) {
      config["benchmark_explain"][key] = value;
    }
    const std::string path = dir.path("bad.json");
    std::ofstream(path) << config.dump(2);
    const test::CommandResult result = test::run_ontonet(
        "benchmark-explain --config '" + path + "' --out '" + dir.path("out") + "'",
        test::source_path(""));
    EXPECT_EQ(result.exit_code, 2) << bad.edit << "\n" << result.output;
    EXPECT_NE(result.output.find(bad.message), std::string::npos) << bad.edit << "\n"
                                                                  << result.output;
  }
  std::ofstream(dir.path("not_json.json")) << "{\"schema_version\": 1,";
  const test::CommandResult not_json = test::run_ontonet(
      "benchmark-explain --config '" + dir.path("not_json.json") + "'", test::source_path(""));
  EXPECT_EQ(not_json.exit_code, 2);
  EXPECT_NE(not_json.output.find("not_json.json"), std::string::npos) << not_json.output;
  EXPECT_NE(not_json.output.find("expected JSON"), std::string::npos) << not_json.output;
}

}  // namespace
}  // namespace ontonet
