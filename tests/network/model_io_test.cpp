#include "ontonet/network/model_io.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "../io/reader_error_expectations.hpp"
#include "network_fixtures.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model_file.hpp"
#include "ontonet/network/spec_json.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;

Model<float> hand_made_dcell_model() {
  const Ontology ontology = test::hand_made_ontology();
  return Model<float>(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()),
                       drugcell_preset()),
      5);
}

// Training-mode forward passes move every batch-norm running statistic off its start value.
void run_training_batches(Model<float>& model) {
  Tape<float> tape;
  for (std::uint64_t step = 0; step < 3; ++step) {
    tape.reset();
    model.forward(tape, test::random_binary<float>(model.spec().n_inputs(), 8, 100 + step));
  }
}

// Every level's output in inference mode on the same inputs must match byte for byte.
void expect_identical_forward(Model<float>& saved, Model<float>& loaded) {
  const Matrix<float> x = test::random_binary<float>(saved.spec().n_inputs(), 5, 7);
  Tape<float> saved_tape;
  Tape<float> loaded_tape;
  saved_tape.set_training(false);
  loaded_tape.set_training(false);
  const ModelOutputs saved_outputs = saved.forward(saved_tape, x);
  const ModelOutputs loaded_outputs = loaded.forward(loaded_tape, x);
  ASSERT_EQ(saved_outputs.levels.size(), loaded_outputs.levels.size());
  for (std::size_t l = 0; l < saved_outputs.levels.size(); ++l) {
    const Matrix<float>& expected = saved_tape.value(saved_outputs.levels[l]);
    const Matrix<float>& actual = loaded_tape.value(loaded_outputs.levels[l]);
    ASSERT_EQ(actual.rows(), expected.rows());
    ASSERT_EQ(actual.cols(), expected.cols());
    EXPECT_EQ(std::memcmp(actual.data(), expected.data(), sizeof(float) * expected.size()), 0)
        << "level " << l;
  }
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(ModelIo, DCellModelWithBatchNormStatisticsComputesBitForBitAfterLoading) {
  ScratchDir dir("model-io");
  Model<float> model = hand_made_dcell_model();
  run_training_batches(model);
  const BatchNorm<float>* batch_norm = model.levels().front().batch_norm.get();
  ASSERT_NE(batch_norm, nullptr);
  EXPECT_NE(batch_norm->running_mean.cwiseAbs().maxCoeff(), 0.0f);

  const std::string path = dir.path("dcell.onm");
  save_model(path, model);
  LoadedModel loaded = load_model(path);
  EXPECT_EQ(spec_to_json(loaded.model.spec()), spec_to_json(model.spec()));
  expect_identical_forward(model, loaded.model);
}

TEST(ModelIo, GenNetModelComputesBitForBitAfterLoading) {
  ScratchDir dir("model-io");
  const Ontology ontology = test::hand_made_ontology();
  GenNetOptions options;
  options.neurons_per_term = 2;
  Model<float> model(
      build_gennet_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 9);
  const std::string path = dir.path("gennet.onm");
  save_model(path, model);
  LoadedModel loaded = load_model(path);
  EXPECT_EQ(loaded.model.spec().style, "gennet");
  expect_identical_forward(model, loaded.model);
}

TEST(ModelIo, MetadataRoundTrips) {
  ScratchDir dir("model-io");
  const nlohmann::json metadata = {{"config", {{"lr", 0.001}, {"epochs", 20}}},
                                   {"features", {"g1", "g2"}},
                                   {"note", "μ-gène"}};
  const std::string path = dir.path("model.onm");
  save_model(path, hand_made_dcell_model(), metadata);
  EXPECT_EQ(load_model(path).metadata, metadata);
}

TEST(ModelIo, RefusesAFlippedByteAndATruncatedFile) {
  ScratchDir dir("model-io");
  const std::string path = dir.path("model.onm");
  save_model(path, hand_made_dcell_model());
  const std::string bytes = file_bytes(path);

  std::string flipped = bytes;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
  const std::string flipped_path = dir.write("flipped.onm", flipped);
  expect_input_error([&] { load_model(flipped_path); }, flipped_path, 0);

  const std::string truncated_path = dir.write("truncated.onm", bytes.substr(0, bytes.size() - 9));
  expect_input_error([&] { load_model(truncated_path); }, truncated_path, 0);
}

TEST(ModelIo, RefusesAFileOfAnotherKind) {
  ScratchDir dir("model-io");
  const Model<float> model = hand_made_dcell_model();
  ModelFileContents contents;
  contents.header = {{"schema_version", kModelSchemaVersion},
                     {"kind", "ontonet.checkpoint"},
                     {"spec", spec_to_json(model.spec())},
                     {"metadata", nlohmann::json::object()}};
  const std::string path = dir.path("checkpoint.onm");
  write_model_file(path, contents);
  expect_input_error([&] { load_model(path); }, path, 0,
                     "expected an ontonet model (kind ontonet.model), got \"ontonet.checkpoint\"");
}

TEST(ModelIo, RefusesAWeightBlockOfTheWrongSizeAndNamesIt) {
  ScratchDir dir("model-io");
  const Model<float> model = hand_made_dcell_model();
  ModelFileContents contents;
  contents.header = {{"schema_version", kModelSchemaVersion},
                     {"kind", kModelKind},
                     {"spec", spec_to_json(model.spec())},
                     {"metadata", nlohmann::json::object()}};
  for (auto& [name, values] : model.weight_blocks()) contents.blocks.push_back({name, values});
  contents.blocks[1].values.pop_back();
  const std::string path = dir.path("short-block.onm");
  write_model_file(path, contents);
  expect_input_error([&] { load_model(path); }, path, 0, "'" + contents.blocks[1].name + "'");
}

Model<float> hand_made_dropout_model(double dropout) {
  const Ontology ontology = test::hand_made_ontology();
  DCellOptions options = drugcell_preset();
  options.term_layer = {Activation::kRelu, false, NormOrder::kActivationThenNorm, dropout};
  return Model<float>(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 6);
}

TEST(ModelIo, AModelSavedWithDropoutLoadsWithIt) {
  ScratchDir dir("model-io");
  Model<float> model = hand_made_dropout_model(0.5);
  const std::string path = dir.path("dropout.onm");
  save_model(path, model);
  LoadedModel loaded = load_model(path);
  Index term_blocks = 0;
  for (const NeuronBlock& block : loaded.model.spec().blocks) {
    if (block.kind != NeuronKind::kTerm) continue;
    ++term_blocks;
    EXPECT_EQ(block.settings.dropout, 0.5) << block.entity;
    EXPECT_EQ(block.settings.activation, Activation::kRelu) << block.entity;
  }
  EXPECT_EQ(term_blocks, 6);
  EXPECT_TRUE(loaded.model.has_dropout());
  expect_identical_forward(model, loaded.model);
}

// A model file as builds before dropout wrote it: no "dropout" key in any block of the spec.
TEST(ModelIo, AModelFileWrittenBeforeDropoutExistedLoadsWithoutDropout) {
  ScratchDir dir("model-io");
  Model<float> model = hand_made_dcell_model();
  nlohmann::json spec = spec_to_json(model.spec());
  for (nlohmann::json& block : spec["blocks"]) block.erase("dropout");
  ModelFileContents contents;
  contents.header = {{"schema_version", kModelSchemaVersion},
                     {"kind", kModelKind},
                     {"spec", spec},
                     {"metadata", nlohmann::json::object()}};
  for (auto& [name, values] : model.weight_blocks()) contents.blocks.push_back({name, values});
  const std::string path = dir.path("old.onm");
  write_model_file(path, contents);
  ASSERT_EQ(file_bytes(path).find("dropout"), std::string::npos);

  LoadedModel loaded = load_model(path);
  for (const NeuronBlock& block : loaded.model.spec().blocks) {
    EXPECT_EQ(block.settings.dropout, 0.0) << block.entity;
  }
  EXPECT_FALSE(loaded.model.has_dropout());
  EXPECT_EQ(spec_to_json(loaded.model.spec()), spec_to_json(model.spec()));
  expect_identical_forward(model, loaded.model);
}

}  // namespace
}  // namespace ontonet
