#include <gtest/gtest.h>

#include "network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/spec_json.hpp"

namespace ontonet {
namespace {

NetworkSpec spec_with_branch() {
  DCellOptions options = drugcell_preset();
  options.term_layer.norm_order = NormOrder::kNormThenActivation;
  options.extra_branches.push_back(
      {"drug", {"fp0", "fp1"}, {3, 2}, {Activation::kRelu, true, NormOrder::kActivationThenNorm}});
  return build_dcell_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
}

void expect_same_spec(const NetworkSpec& a, const NetworkSpec& b) {
  EXPECT_EQ(a.style, b.style);
  EXPECT_EQ(a.aux_loss_weight, b.aux_loss_weight);
  ASSERT_EQ(a.blocks.size(), b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    EXPECT_EQ(a.blocks[i].kind, b.blocks[i].kind);
    EXPECT_EQ(a.blocks[i].entity, b.blocks[i].entity);
    EXPECT_EQ(a.blocks[i].first_neuron, b.blocks[i].first_neuron);
    EXPECT_EQ(a.blocks[i].n_neurons, b.blocks[i].n_neurons);
    EXPECT_EQ(a.blocks[i].stage, b.blocks[i].stage);
    EXPECT_EQ(a.blocks[i].settings, b.blocks[i].settings);
  }
  EXPECT_EQ(a.edges, b.edges);
}

TEST(SpecJson, RoundTripKeepsEveryBlockAndEdge) {
  const NetworkSpec spec = spec_with_branch();
  const nlohmann::json json = spec_to_json(spec);
  expect_same_spec(spec_from_json(json), spec);
  // Through text as a model file stores it, and deterministically.
  EXPECT_EQ(json.dump(), spec_to_json(spec_from_json(nlohmann::json::parse(json.dump()))).dump());
  EXPECT_EQ(json["blocks"][0]["kind"], "input");
}

TEST(SpecJson, RejectsUnknownKeysVersionsAndBrokenInvariants) {
  const nlohmann::json good = spec_to_json(spec_with_branch());
  nlohmann::json unknown = good;
  unknown["colour"] = "blue";
  EXPECT_THROW(spec_from_json(unknown), ConfigError);
  nlohmann::json version = good;
  version["schema_version"] = 2;
  EXPECT_THROW(spec_from_json(version), ConfigError);
  nlohmann::json missing = good;
  missing["blocks"][3].erase("stage");
  EXPECT_THROW(spec_from_json(missing), ConfigError);
  nlohmann::json bad_kind = good;
  bad_kind["blocks"][20]["kind"] = "neuron";
  EXPECT_THROW(spec_from_json(bad_kind), ConfigError);
  // An edge pointing back down the stages.
  nlohmann::json backwards = good;
  const auto to = backwards["edges"]["to"][0].get<Index>();
  backwards["edges"]["to"][0] = backwards["edges"]["from"][0];
  backwards["edges"]["from"][0] = to;
  try {
    spec_from_json(backwards);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path().rfind("network_spec.edges", 0), 0u) << error.path();
  }
}

// The hand-made DrugCell spec with ReLU, no batch norm and dropout 0.2 in its term layers.
NetworkSpec spec_with_dropout() {
  DCellOptions options = drugcell_preset();
  options.term_layer = {Activation::kRelu, false, NormOrder::kActivationThenNorm, 0.2};
  return build_dcell_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
}

TEST(SpecJson, RoundTripKeepsTheDropoutOfEveryBlock) {
  const NetworkSpec spec = spec_with_dropout();
  const nlohmann::json json = spec_to_json(spec);
  Index term_blocks = 0;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    const bool term = spec.blocks[b].kind == NeuronKind::kTerm;
    term_blocks += term;
    EXPECT_EQ(json["blocks"][b]["dropout"].get<double>(), term ? 0.2 : 0.0) << "block " << b;
  }
  EXPECT_EQ(term_blocks, 6);
  expect_same_spec(spec_from_json(nlohmann::json::parse(json.dump())), spec);
}

TEST(SpecJson, ABlockWithoutDropoutAsWrittenBeforeItExistedReadsAsZero) {
  nlohmann::json json = spec_to_json(spec_with_branch());
  for (nlohmann::json& block : json["blocks"]) block.erase("dropout");
  ASSERT_FALSE(json["blocks"][0].contains("dropout"));
  const NetworkSpec spec = spec_from_json(json);
  for (const NeuronBlock& block : spec.blocks) EXPECT_EQ(block.settings.dropout, 0.0);
  expect_same_spec(spec, spec_with_branch());
}

TEST(SpecJson, RejectsADropoutOutsideZeroToOneOrOfTheWrongType) {
  const nlohmann::json good = spec_to_json(spec_with_dropout());
  std::size_t last_term = 0;
  for (std::size_t b = 0; b < good["blocks"].size(); ++b) {
    if (good["blocks"][b]["kind"] == "term") last_term = b;
  }
  const std::string path = "network_spec.blocks[" + std::to_string(last_term) + "].dropout";
  for (const nlohmann::json& bad :
       {nlohmann::json(1.0), nlohmann::json(-0.5), nlohmann::json("half")}) {
    nlohmann::json json = good;
    json["blocks"][last_term]["dropout"] = bad;
    try {
      spec_from_json(json);
      FAIL() << "expected ConfigError for " << bad.dump();
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), path) << bad.dump();
    }
  }
}

}  // namespace
}  // namespace ontonet
