#include "ontonet/network/spec_json.hpp"

#include <set>
#include <string>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

using nlohmann::json;

void reject_unknown_keys(const json& object, const std::set<std::string>& known,
                         const std::string& path) {
  for (const auto& item : object.items()) {
    if (known.count(item.key()) == 0) {
      throw ConfigError(path + "." + item.key(), "unknown key");
    }
  }
}

const json& field(const json& object, const std::string& key, const std::string& path) {
  if (!object.is_object()) throw ConfigError(path, "expected a JSON object");
  const auto found = object.find(key);
  if (found == object.end()) throw ConfigError(path + "." + key, "missing");
  return *found;
}

template <typename T>
T value_of(const json& object, const std::string& key, const std::string& path) {
  const json& value = field(object, key, path);
  try {
    return value.get<T>();
  } catch (const json::exception& error) {
    throw ConfigError(path + "." + key, std::string("wrong type: ") + error.what());
  }
}

json block_to_json(const NeuronBlock& block) {
  return json{{"kind", neuron_kind_name(block.kind)},
              {"entity", block.entity},
              {"n_neurons", block.n_neurons},
              {"stage", block.stage},
              {"activation", activation_name(block.settings.activation)},
              {"batch_norm", block.settings.batch_norm},
              {"norm_order", norm_order_name(block.settings.norm_order)},
              {"dropout", block.settings.dropout}};
}

NeuronBlock block_from_json(const json& object, const std::string& path, Index first_neuron) {
  if (!object.is_object()) throw ConfigError(path, "expected a JSON object");
  reject_unknown_keys(
      object,
      {"kind", "entity", "n_neurons", "stage", "activation", "batch_norm", "norm_order", "dropout"},
      path);
  NeuronBlock block;
  block.kind = parse_neuron_kind(value_of<std::string>(object, "kind", path), path + ".kind");
  block.entity = value_of<std::string>(object, "entity", path);
  block.first_neuron = first_neuron;
  block.n_neurons = value_of<Index>(object, "n_neurons", path);
  block.stage = value_of<Index>(object, "stage", path);
  block.settings.activation =
      parse_activation(value_of<std::string>(object, "activation", path), path + ".activation");
  block.settings.batch_norm = value_of<bool>(object, "batch_norm", path);
  block.settings.norm_order =
      parse_norm_order(value_of<std::string>(object, "norm_order", path), path + ".norm_order");
  // Specs written before blocks had a dropout rate have no such key: they trained without one.
  if (object.contains("dropout")) {
    block.settings.dropout = value_of<double>(object, "dropout", path);
  }
  return block;
}

}  // namespace

nlohmann::json spec_to_json(const NetworkSpec& spec) {
  json blocks = json::array();
  for (const NeuronBlock& block : spec.blocks) blocks.push_back(block_to_json(block));
  std::vector<Index> from;
  std::vector<Index> to;
  from.reserve(spec.edges.size());
  to.reserve(spec.edges.size());
  for (const NeuronEdge& edge : spec.edges) {
    from.push_back(edge.from);
    to.push_back(edge.to);
  }
  return json{{"schema_version", kNetworkSpecSchemaVersion},
              {"style", spec.style},
              {"aux_loss_weight", spec.aux_loss_weight},
              {"blocks", std::move(blocks)},
              {"edges", json{{"from", std::move(from)}, {"to", std::move(to)}}}};
}

NetworkSpec spec_from_json(const nlohmann::json& json_spec) {
  const std::string path = "network_spec";
  if (!json_spec.is_object()) throw ConfigError(path, "expected a JSON object");
  reject_unknown_keys(json_spec, {"schema_version", "style", "aux_loss_weight", "blocks", "edges"},
                      path);
  const int version = value_of<int>(json_spec, "schema_version", path);
  if (version != kNetworkSpecSchemaVersion) {
    throw ConfigError(path + ".schema_version",
                      "is " + std::to_string(version) + ", this build reads " +
                          std::to_string(kNetworkSpecSchemaVersion));
  }
  NetworkSpec spec;
  spec.style = value_of<std::string>(json_spec, "style", path);
  spec.aux_loss_weight = value_of<double>(json_spec, "aux_loss_weight", path);

  const json& blocks = field(json_spec, "blocks", path);
  if (!blocks.is_array()) throw ConfigError(path + ".blocks", "expected an array");
  Index next_neuron = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    spec.blocks.push_back(
        block_from_json(blocks[b], path + ".blocks[" + std::to_string(b) + "]", next_neuron));
    next_neuron += spec.blocks.back().n_neurons;
  }

  const json& edges = field(json_spec, "edges", path);
  reject_unknown_keys(edges, {"from", "to"}, path + ".edges");
  const auto from = value_of<std::vector<Index>>(edges, "from", path + ".edges");
  const auto to = value_of<std::vector<Index>>(edges, "to", path + ".edges");
  if (from.size() != to.size()) {
    throw ConfigError(path + ".edges", "'from' has " + std::to_string(from.size()) +
                                           " entries but 'to' has " + std::to_string(to.size()));
  }
  spec.edges.reserve(from.size());
  for (std::size_t e = 0; e < from.size(); ++e) spec.edges.push_back({from[e], to[e]});
  validate_network_spec(spec);
  return spec;
}

}  // namespace ontonet
