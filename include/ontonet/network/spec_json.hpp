// A NetworkSpec as JSON, the form a model file keeps next to its weights:
//   {"schema_version": 1, "style": "dcell", "aux_loss_weight": 0.2,
//    "blocks": [{"kind": "term", "entity": "GO:0006281", "n_neurons": 6, "stage": 3,
//                "activation": "tanh", "batch_norm": true,
//                "norm_order": "activation_then_norm", "dropout": 0.2}, ...],
//    "edges": {"from": [0, 1, ...], "to": [3008, 3008, ...]}}
// Blocks are listed in neuron order (first_neuron is implied); edges are two parallel arrays, which
// keeps a file with millions of edges compact. Writing is deterministic: the same spec gives the
// same text. A block without "dropout" (a spec or model file written before blocks had one) reads
// as dropout 0, which is how it was trained.
#pragma once

#include <nlohmann/json.hpp>

#include "ontonet/network/network_spec.hpp"

namespace ontonet {

inline constexpr int kNetworkSpecSchemaVersion = 1;

nlohmann::json spec_to_json(const NetworkSpec& spec);

// Throws ConfigError naming the JSON path ("network_spec.blocks[3].stage ...") for a missing or
// mistyped field, an unknown key, an unsupported schema_version or a spec that breaks an invariant
// of network_spec.hpp.
NetworkSpec spec_from_json(const nlohmann::json& json);

}  // namespace ontonet
