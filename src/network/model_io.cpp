#include "ontonet/network/model_io.hpp"

#include <set>
#include <utility>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/network/model_file.hpp"
#include "ontonet/network/spec_json.hpp"

namespace ontonet {

namespace {

using nlohmann::json;

// Checks that `header` describes a model this build reads, before anything is built from it.
void check_model_header(const std::string& path, const json& header) {
  const auto kind = header.find("kind");
  if (kind == header.end() || *kind != kModelKind) {
    throw InputError(path, 0,
                     std::string("expected an ontonet model (kind ") + kModelKind + "), got " +
                         (kind == header.end() ? std::string("no kind") : kind->dump()));
  }
  const auto version = header.find("schema_version");
  if (version == header.end() || *version != kModelSchemaVersion) {
    throw InputError(path, 0,
                     "expected model schema_version " + std::to_string(kModelSchemaVersion) +
                         ", got " +
                         (version == header.end() ? std::string("none") : version->dump()));
  }
  const std::set<std::string> known{"schema_version", "kind", "spec", "metadata"};
  for (const std::string& key : known) {
    if (!header.contains(key)) throw InputError(path, 0, "expected a \"" + key + "\" header key");
  }
  for (const auto& item : header.items()) {
    if (known.count(item.key()) == 0) {
      throw InputError(path, 0, "expected no header key \"" + item.key() + "\" in a model");
    }
  }
}

}  // namespace

void save_model(const std::string& path, const Model<float>& model, const json& metadata) {
  ModelFileContents contents;
  contents.header = json{{"schema_version", kModelSchemaVersion},
                         {"kind", kModelKind},
                         {"spec", spec_to_json(model.spec())},
                         {"metadata", metadata}};
  for (auto& [name, values] : model.weight_blocks()) {
    contents.blocks.push_back(NamedBlock{std::move(name), std::move(values)});
  }
  write_model_file(path, contents);
}

LoadedModel load_model(const std::string& path) {
  ModelFileContents contents = read_model_file(path);
  check_model_header(path, contents.header);

  // A bad spec or block in a file is bad input, not a bad config: report it against the file.
  NetworkSpec spec;
  try {
    spec = spec_from_json(contents.header["spec"]);
  } catch (const ConfigError& error) {
    throw InputError(path, 0, std::string("expected a valid network spec: ") + error.what());
  }
  NamedBlocks blocks;
  blocks.reserve(contents.blocks.size());
  for (NamedBlock& block : contents.blocks) {
    blocks.emplace_back(std::move(block.name), std::move(block.values));
  }
  try {
    return LoadedModel{Model<float>::from_blocks(std::move(spec), blocks),
                       std::move(contents.header["metadata"])};
  } catch (const ConfigError& error) {
    throw InputError(path, 0, std::string("expected a buildable model: ") + error.what());
  }
}

}  // namespace ontonet
