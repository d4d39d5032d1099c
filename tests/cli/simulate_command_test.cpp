// `ontonet simulate` end to end: on the example ontology it writes the data, phenotypes, truth and
// a train.json that `ontonet train` runs as is; the same seed gives the same bytes; on the DrugCell
// ontology it simulates every gene; impossible requests exit with 2 and name the option.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "ontonet/io/text_table.hpp"
#include "run_command.hpp"

namespace ontonet {
namespace {

using test::read_text;

const std::string kExample =
    "ontologies/example/example.obo --annotations ontologies/example/example.gaf";

const char* const kTruthFiles[] = {"data.tsv", "phenotypes.tsv", "truth.json", "truth_genes.tsv",
                                   "truth_terms.tsv"};

TEST(SimulateCommand, WritesDataTruthAndATrainConfigThatTrains) {
  const test::ScratchDir dir("simulate-cli");
  const std::string out = dir.path("sim");
  const test::CommandResult result = test::run_ontonet(
      "simulate " + kExample + " --samples 300 --seed 7 --correlation 0.3 --out '" + out + "'",
      test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* line :
       {"ontology     13 terms, 39 genes (obo)", "data         300 samples x 39 genes",
        "eligible     ", "causal term  ", "signal       additive, 6 causal genes",
        "phenotype    regression; heritability 0.5 planted", "train with   "}) {
    EXPECT_NE(result.output.find(line), std::string::npos) << line << "\n" << result.output;
  }
  for (const char* file : kTruthFiles) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + file)) << file;
  }

  const TextTable data = read_text_table(out + "/data.tsv");
  EXPECT_EQ(data.header.size(), 40u);  // sample + 39 genes
  EXPECT_EQ(data.rows.size(), 300u);
  EXPECT_EQ(data.rows[0][0], "sample0001");
  const TextTable phenotypes = read_text_table(out + "/phenotypes.tsv");
  EXPECT_EQ(phenotypes.header, (std::vector<std::string>{"sample", "phenotype"}));

  const nlohmann::json truth = nlohmann::json::parse(read_text(out + "/truth.json"));
  EXPECT_EQ(truth["ontology"]["options"]["ontology"], "ontologies/example/example.obo");
  EXPECT_EQ(truth["ontology"]["options"]["annotations"],
            nlohmann::json::array({"ontologies/example/example.gaf"}));
  EXPECT_EQ(truth["ontology"]["genes"], 39);
  EXPECT_EQ(truth["options"]["correlation"], 0.3);
  EXPECT_EQ(truth["causal_genes"].size(), 6u);

  const nlohmann::json config = nlohmann::json::parse(read_text(out + "/train.json"));
  EXPECT_EQ(config["schema_version"], 1);
  EXPECT_EQ(config["train"]["ontology"], "ontologies/example/example.obo");
  EXPECT_EQ(config["train"]["matrix"], out + "/data.tsv");
  EXPECT_EQ(config["train"]["target_column"], "phenotype");
  EXPECT_EQ(config["train"]["task"], "regression");

  // The same command into another folder: the same bytes.
  const test::CommandResult again = test::run_ontonet(
      "simulate " + kExample + " --samples 300 --seed 7 --correlation 0.3 --out '" +
          dir.path("again") + "'",
      test::source_path(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  for (const char* file : kTruthFiles) {
    EXPECT_EQ(read_text(out + "/" + file), read_text(dir.path("again/") + file)) << file;
  }

  const std::string run = dir.path("run");
  const test::CommandResult trained = test::run_ontonet(
      "train --config '" + out + "/train.json' --epochs 3 --progress lines --out '" + run + "'",
      test::source_path(""));
  ASSERT_EQ(trained.exit_code, 0) << trained.output;
  EXPECT_NE(trained.output.find("input map    39 of 39 genetic features reach a gene"),
            std::string::npos)
      << trained.output;
  EXPECT_TRUE(std::filesystem::exists(run + "/model.onm"));
  const nlohmann::json metrics = nlohmann::json::parse(read_text(run + "/metrics.json"));
  EXPECT_EQ(metrics["epochs_run"], 3);
  EXPECT_TRUE(metrics.contains("linear_baseline"));
}

TEST(SimulateCommand, BinaryGenotypeInteractionScenarioTrains) {
  const test::ScratchDir dir("simulate-cli-binary");
  const std::string out = dir.path("sim");
  const test::CommandResult result = test::run_ontonet(
      "simulate " + kExample +
          " --samples 200 --data-type genotype --maf-min 0.1 --maf-max 0.4 "
          "--model across_term_interaction --task binary --prevalence 0.3 --heritability 0.6 "
          "--out '" +
          out + "'",
      test::source_path(""));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("cases        60 of 200 (prevalence 0.3)"), std::string::npos)
      << result.output;
  const TextTable phenotypes = read_text_table(out + "/phenotypes.tsv");
  EXPECT_EQ(phenotypes.header, (std::vector<std::string>{"sample", "phenotype", "liability"}));
  std::size_t cases = 0;
  for (const auto& row : phenotypes.rows) cases += row[1] == "1" ? 1 : 0;
  EXPECT_EQ(cases, 60u);
  const TextTable data = read_text_table(out + "/data.tsv");
  for (const auto& row : data.rows) {
    for (std::size_t c = 1; c < row.size(); ++c) {
      ASSERT_TRUE(row[c] == "0" || row[c] == "1" || row[c] == "2") << row[c];
    }
  }
  const test::CommandResult trained = test::run_ontonet(
      "train --config '" + out + "/train.json' --epochs 3 --progress lines --out '" +
          dir.path("run") + "'",
      test::source_path(""));
  ASSERT_EQ(trained.exit_code, 0) << trained.output;
  EXPECT_NE(trained.output.find("task binary"), std::string::npos) << trained.output;
}

TEST(SimulateCommand, SimulatesEveryGeneOfTheDrugCellOntology) {
  const std::string ontology = test::shared_data("drugcell/drugcell_ont.txt");
  if (!std::filesystem::exists(ontology)) GTEST_SKIP() << "no " << ontology;
  const test::ScratchDir dir("simulate-cli-drugcell");
  const test::CommandResult result =
      test::run_ontonet("simulate '" + ontology +
                        "' --samples 20 --causal-terms 3 --model within_term_interaction "
                        "--out '" +
                        dir.path() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json truth = nlohmann::json::parse(read_text(dir.path("truth.json")));
  const TextTable genes = read_text_table(dir.path("truth_genes.tsv"));
  EXPECT_EQ(genes.rows.size(), truth["genes"].get<std::size_t>());
  EXPECT_GT(genes.rows.size(), 3000u);
  const TextTable terms = read_text_table(dir.path("truth_terms.tsv"));
  std::size_t causal_terms = 0;
  for (const auto& row : terms.rows) causal_terms += row[1] == "1" ? 1 : 0;
  EXPECT_EQ(causal_terms, 3u);
  EXPECT_EQ(truth["causal_genes"].size(), 9u);
}

TEST(SimulateCommand, ImpossibleRequestsExitWithTwoAndNameTheOption) {
  const test::ScratchDir dir("simulate-cli-errors");
  const std::string out = " --out '" + dir.path("x") + "'";
  const std::pair<std::string, std::string> cases[] = {
      {"--heritability 1", "ontonet: error: --heritability must be in [0, 1), got 1.0"},
      {"--correlation 1.5", "ontonet: error: --correlation must be in [0, 1), got 1.5"},
      {"--samples 5", "ontonet: error: --samples must be at least 10, got 5"},
      {"--task binary --prevalence 0", "ontonet: error: --prevalence must be in (0, 1), got 0.0"},
      {"--causal-terms 20", "ontonet: error: --causal-terms asks for 20 causal terms, but"},
      {"--model quadratic",
       "ontonet: error: --model must be additive, within_term_interaction or "
       "across_term_interaction, got 'quadratic'"},
      {"--data-type rna", "ontonet: error: --data-type must be expression or genotype, got 'rna'"},
  };
  for (const auto& [arguments, message] : cases) {
    const test::CommandResult result =
        test::run_ontonet("simulate " + kExample + " " + arguments + out, test::source_path(""));
    EXPECT_EQ(result.exit_code, 2) << arguments << "\n" << result.output;
    EXPECT_NE(result.output.find(message), std::string::npos) << arguments << "\n" << result.output;
  }
  const test::CommandResult no_out =
      test::run_ontonet("simulate " + kExample, test::source_path(""));
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.output.find("--out is required"), std::string::npos) << no_out.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("x")));
}

}  // namespace
}  // namespace ontonet
