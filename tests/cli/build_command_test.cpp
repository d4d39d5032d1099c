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

}  // namespace
}  // namespace ontonet::test
