#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "ontonet/network/model_io.hpp"
#include "run_command.hpp"

namespace ontonet::test {
namespace {

const std::string kExample = source_path("ontologies/example/example.obo") + " --annotations " +
                             source_path("ontologies/example/example.gaf");

TEST(BuildCommand, DescribesLevelsBaselinesAndControlAsJson) {
  const CommandResult result = run_ontonet("build " + kExample + " --json");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json d = nlohmann::json::parse(result.output);
  // 13 terms x 6 neurons + 1 output + 13 auxiliary heads (hidden and output neuron each).
  EXPECT_EQ(d["neurons"], 39 + 13 * 6 + 1 + 13 + 13);
  EXPECT_EQ(d["inputs"], 39);
  Index weights = 0;
  for (const nlohmann::json& level : d["levels"]) weights += level["weights"].get<Index>();
  EXPECT_EQ(weights, d["weights"].get<Index>());
  EXPECT_EQ(d["shuffled_control"]["weights"], d["weights"]);
  const double parameters = d["parameters"].get<double>();
  EXPECT_NEAR(d["dense_equal_parameters"]["parameters"].get<double>() / parameters, 1.0, 0.01);
}

TEST(BuildCommand, ReadsAConfigFileAndLetsTheCommandLineOverrideIt) {
  ScratchDir scratch("build-config");
  const std::string config = scratch.write(
      "gennet.json",
      "{\"schema_version\": 1, \"build\": {\"ontology\": \"" +
          source_path("ontologies/example/example.obo") + "\", \"annotations\": [\"" +
          source_path("ontologies/example/example.gaf") + "\"], \"style\": \"gennet\"}}");
  const CommandResult gennet = run_ontonet("build --config " + config + " --json");
  ASSERT_EQ(gennet.exit_code, 0) << gennet.output;
  EXPECT_EQ(nlohmann::json::parse(gennet.output)["style"], "gennet");
  const CommandResult overridden =
      run_ontonet("build --config " + config + " --style dcell --json");
  ASSERT_EQ(overridden.exit_code, 0) << overridden.output;
  EXPECT_EQ(nlohmann::json::parse(overridden.output)["style"], "dcell");
}

TEST(BuildCommand, UnknownConfigKeysAndStylesAreUserErrors) {
  ScratchDir scratch("build-bad-config");
  const std::string config =
      scratch.write("bad.json", "{\"schema_version\": 1, \"build\": {\"neurons\": 3}}");
  const CommandResult unknown_key = run_ontonet("build " + kExample + " --config " + config);
  EXPECT_EQ(unknown_key.exit_code, 2);
  EXPECT_NE(unknown_key.output.find("build.neurons"), std::string::npos) << unknown_key.output;
  const CommandResult bad_style = run_ontonet("build " + kExample + " --style pnet");
  EXPECT_EQ(bad_style.exit_code, 2);
  EXPECT_NE(bad_style.output.find("--style must be drugcell, dcell or gennet"), std::string::npos)
      << bad_style.output;
}

TEST(BuildCommand, SavesAModelThatLoadsWithTheSameSpec) {
  ScratchDir scratch("build-save");
  const std::string model_path = scratch.path("example.onm");
  const CommandResult result = run_ontonet("build " + kExample + " --save " + model_path);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const LoadedModel loaded = load_model(model_path);
  EXPECT_EQ(loaded.model.spec().n_inputs(), 39);
  EXPECT_EQ(loaded.metadata["seed"], 1);
}

// The term blocks of the model `build ... --save` wrote with `options`.
std::vector<NeuronBlock> saved_blocks(const ScratchDir& scratch, const std::string& options) {
  const std::string model_path = scratch.path("layers.onm");
  const CommandResult result =
      run_ontonet("build " + kExample + " --save " + model_path + " " + options);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  if (result.exit_code != 0) return {};
  return load_model(model_path).model.spec().blocks;
}

TEST(BuildCommand, LayerOptionsSetEveryTermBlockAndNothingElse) {
  ScratchDir scratch("build-layers");
  const std::vector<NeuronBlock> blocks =
      saved_blocks(scratch, "--activation relu --batch-norm false --dropout 0.2");
  Index terms = 0;
  for (const NeuronBlock& block : blocks) {
    if (block.kind == NeuronKind::kTerm) {
      ++terms;
      EXPECT_EQ(block.settings.activation, Activation::kRelu) << block.entity;
      EXPECT_FALSE(block.settings.batch_norm) << block.entity;
      EXPECT_EQ(block.settings.dropout, 0.2) << block.entity;
    } else {
      EXPECT_EQ(block.settings.dropout, 0.0) << block.entity;
    }
    // DrugCell's auxiliary heads keep their tanh hidden unit.
    if (block.kind == NeuronKind::kAuxiliaryHidden) {
      EXPECT_EQ(block.settings.activation, Activation::kTanh) << block.entity;
    }
  }
  EXPECT_EQ(terms, 13);

  // Without the options the style decides: DrugCell's tanh then batch norm, no dropout.
  for (const NeuronBlock& block : saved_blocks(scratch, "")) {
    if (block.kind != NeuronKind::kTerm) continue;
    EXPECT_EQ(block.settings,
              (LayerSettings{Activation::kTanh, true, NormOrder::kActivationThenNorm, 0.0}))
        << block.entity;
  }
  // GenNet: genes and terms both take them.
  Index hidden = 0;
  for (const NeuronBlock& block : saved_blocks(
           scratch, "--style gennet --activation sigmoid --batch-norm true --dropout 0.5")) {
    if (block.kind != NeuronKind::kTerm && block.kind != NeuronKind::kGene) continue;
    ++hidden;
    EXPECT_EQ(block.settings,
              (LayerSettings{Activation::kSigmoid, true, NormOrder::kActivationThenNorm, 0.5}))
        << block.entity;
  }
  EXPECT_EQ(hidden, 13 + 39);
}

TEST(BuildCommand, LayerOptionsComeFromAConfigFileToo) {
  ScratchDir scratch("build-layers-config");
  const std::string config = scratch.write(
      "relu.json", "{\"schema_version\": 1, \"build\": {\"ontology\": \"" +
                       source_path("ontologies/example/example.obo") + "\", \"annotations\": [\"" +
                       source_path("ontologies/example/example.gaf") +
                       "\"], \"activation\": \"relu\", \"batch_norm\": false, \"dropout\": 0.5}}");
  const std::string model_path = scratch.path("relu.onm");
  const CommandResult result = run_ontonet("build --config " + config + " --save " + model_path);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const LoadedModel loaded = load_model(model_path);
  for (const NeuronBlock& block : loaded.model.spec().blocks) {
    if (block.kind != NeuronKind::kTerm) continue;
    EXPECT_EQ(block.settings,
              (LayerSettings{Activation::kRelu, false, NormOrder::kActivationThenNorm, 0.5}))
        << block.entity;
  }
}

TEST(BuildCommand, BadLayerOptionsExitWithTwoNamingTheOption) {
  const std::pair<const char*, const char*> bad[] = {{"--dropout 1", "--dropout"},
                                                     {"--dropout -0.1", "--dropout"},
                                                     {"--dropout half", "--dropout"},
                                                     {"--activation swish", "--activation"},
                                                     {"--batch-norm maybe", "--batch-norm"}};
  for (const auto& [options, name] : bad) {
    const CommandResult result = run_ontonet("build " + kExample + " " + options);
    EXPECT_EQ(result.exit_code, 2) << options << "\n" << result.output;
    EXPECT_NE(result.output.find(name), std::string::npos) << options << "\n" << result.output;
  }
}

}  // namespace
}  // namespace ontonet::test
