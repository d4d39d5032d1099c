// --activation, --batch-norm and --dropout through `train`, `compare` and `explain` on the example
// cohort: the saved networks (the ontology's and the dense control's) carry them, the run's
// config.json keeps them so that it repeats a dropout run bit for bit, and explain re-reads it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../test_support.hpp"
#include "ontonet/network/model_io.hpp"
#include "run_command.hpp"

namespace ontonet {
namespace {

using test::read_text;

const LayerSettings kReluDropout{Activation::kRelu, false, NormOrder::kActivationThenNorm, 0.2};

// Blocks of the saved model at `path` whose kind is `kind` and whose entity starts with `prefix`.
std::vector<NeuronBlock> blocks_of(const std::string& path, NeuronKind kind,
                                   const std::string& prefix = "") {
  std::vector<NeuronBlock> found;
  const LoadedModel loaded = load_model(path);
  for (const NeuronBlock& block : loaded.model.spec().blocks) {
    if (block.kind == kind && block.entity.rfind(prefix, 0) == 0) found.push_back(block);
  }
  return found;
}

TEST(LayerOptions, CompareGivesTheOntologyAndTheDenseControlTheSameLayersAndExplainRereadsThem) {
  const test::ScratchDir dir("layer-options-compare");
  const test::CommandResult compared = test::run_ontonet(
      "compare --config configs/example_compare.json --epochs 2 --patience 0 --seeds 1 "
      "--lambdas 0 --controls dense --activation relu --batch-norm false --dropout 0.2 --out '" +
          dir.path("cmp") + "'",
      test::source_path(""));
  ASSERT_EQ(compared.exit_code, 0) << compared.output;

  const std::vector<NeuronBlock> terms =
      blocks_of(dir.path("cmp/runs/ontology/seed1/model.onm"), NeuronKind::kTerm);
  EXPECT_EQ(terms.size(), 13u);
  for (const NeuronBlock& block : terms) EXPECT_EQ(block.settings, kReluDropout) << block.entity;
  const std::vector<NeuronBlock> dense =
      blocks_of(dir.path("cmp/runs/dense/seed1/model.onm"), NeuronKind::kExtraBranch, "dense/");
  EXPECT_FALSE(dense.empty());
  for (const NeuronBlock& block : dense) EXPECT_EQ(block.settings, kReluDropout) << block.entity;

  const nlohmann::json config = nlohmann::json::parse(read_text(dir.path("cmp/config.json")));
  const nlohmann::json& options = config.at("compare");
  EXPECT_EQ(options.at("activation"), "relu");
  EXPECT_EQ(options.at("batch_norm"), "false");
  EXPECT_EQ(std::stod(options.at("dropout").get<std::string>()), 0.2);

  const test::CommandResult explained =
      test::run_ontonet("explain --run '" + dir.path("cmp") + "' --model '" +
                            dir.path("cmp/runs/ontology/seed1/model.onm") +
                            "' --method weight_paths --out '" + dir.path("explain") + "'",
                        test::source_path(""));
  EXPECT_EQ(explained.exit_code, 0) << explained.output;
}

TEST(LayerOptions, ADropoutRunsConfigRepeatsItBitForBitAndAnotherSeedDoesNot) {
  const test::ScratchDir dir("layer-options-train");
  const std::string run =
      "train --config configs/example_train.json --epochs 3 --patience 0 --progress lines "
      "--activation relu --batch-norm false --dropout 0.5 ";
  const test::CommandResult first =
      test::run_ontonet(run + "--out '" + dir.path("first") + "'", test::source_path(""));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  for (const NeuronBlock& block : blocks_of(dir.path("first/model.onm"), NeuronKind::kTerm)) {
    EXPECT_EQ(block.settings.dropout, 0.5) << block.entity;
  }

  const test::CommandResult again = test::run_ontonet(
      "train --config '" + dir.path("first/config.json") + "' --out '" + dir.path("again") + "'",
      test::source_path(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(read_text(dir.path("again/model.onm")), read_text(dir.path("first/model.onm")));
  EXPECT_EQ(read_text(dir.path("again/predictions.tsv")),
            read_text(dir.path("first/predictions.tsv")));

  const test::CommandResult other =
      test::run_ontonet(run + "--seed 2 --out '" + dir.path("other") + "'", test::source_path(""));
  ASSERT_EQ(other.exit_code, 0) << other.output;
  EXPECT_NE(read_text(dir.path("other/predictions.tsv")),
            read_text(dir.path("first/predictions.tsv")));
}

}  // namespace
}  // namespace ontonet
