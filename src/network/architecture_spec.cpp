#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"

namespace ontonet {

const std::vector<std::string>& architecture_names() {
  static const std::vector<std::string> names{"ontology", "dense", "dense_equal_params",
                                              "shuffled"};
  return names;
}

LayerSettings term_layer_settings(const NetworkSpec& spec) {
  for (const NeuronKind kind : {NeuronKind::kTerm, NeuronKind::kGene}) {
    for (const NeuronBlock& block : spec.blocks) {
      if (block.kind == kind) return block.settings;
    }
  }
  return LayerSettings{Activation::kTanh, false, NormOrder::kActivationThenNorm};
}

LayerSettings dense_hidden_settings(const NetworkSpec& spec) {
  const LayerSettings terms = term_layer_settings(spec);
  return {terms.activation, false, NormOrder::kActivationThenNorm, terms.dropout};
}

NetworkSpec architecture_spec(const NetworkSpec& spec, const std::string& architecture,
                              const std::vector<std::string>& feature_ids, std::uint64_t seed) {
  const LayerSettings hidden = dense_hidden_settings(spec);
  if (architecture == "ontology") return spec;
  if (architecture == "dense") return dense_mlp_spec(same_width_mlp(spec, hidden), feature_ids);
  if (architecture == "dense_equal_params") {
    return dense_mlp_spec(equal_parameter_mlp(spec, hidden), feature_ids);
  }
  if (architecture == "shuffled") return shuffled_wiring(spec, seed);
  throw ConfigError(
      "architecture",
      "must be ontology, dense, dense_equal_params or shuffled, got '" + architecture + "'");
}

}  // namespace ontonet
