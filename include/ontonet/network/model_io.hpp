// A compiled model saved to, and loaded from, an ontonet model file (model_file.hpp). The file's
// JSON header says what it holds and how to rebuild the network:
//   {"schema_version": 1, "kind": "ontonet.model", "spec": <spec_to_json>, "metadata": <any JSON>}
// and its blocks are the model's weight_blocks(): weights, biases, batch-norm parameters and
// running statistics, so a loaded model computes bit for bit what the saved one did. The metadata
// travels untouched; it is where a caller keeps what the network alone does not say (the run's
// config, feature names, training summary).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ontonet/network/model.hpp"

namespace ontonet {

inline constexpr int kModelSchemaVersion = 1;
inline constexpr const char* kModelKind = "ontonet.model";

struct LoadedModel {
  Model<float> model;
  nlohmann::json metadata;
};

// Writes `model` and `metadata` to `path` atomically. Throws InputError naming `path` when the file
// cannot be written; InternalError when metadata holds a string that is not UTF-8 (a caller's bug).
void save_model(const std::string& path, const Model<float>& model,
                const nlohmann::json& metadata = nlohmann::json::object());

// Reads a file written by save_model. Throws InputError naming `path` for a damaged file, a file
// that is not a model (another kind or schema_version, a missing or unknown header key), an invalid
// spec, or weight blocks that do not fit the spec (naming the block).
LoadedModel load_model(const std::string& path);

}  // namespace ontonet
