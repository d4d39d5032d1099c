#include "ontonet/network/network_spec.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr std::array<std::pair<NeuronKind, const char*>, 7> kKindNames{{
    {NeuronKind::kInput, "input"},
    {NeuronKind::kGene, "gene"},
    {NeuronKind::kTerm, "term"},
    {NeuronKind::kAuxiliaryHidden, "auxiliary_hidden"},
    {NeuronKind::kAuxiliaryOutput, "auxiliary_output"},
    {NeuronKind::kExtraBranch, "extra_branch"},
    {NeuronKind::kOutput, "output"},
}};

constexpr std::array<std::pair<Activation, const char*>, 4> kActivationNames{{
    {Activation::kIdentity, "identity"},
    {Activation::kTanh, "tanh"},
    {Activation::kRelu, "relu"},
    {Activation::kSigmoid, "sigmoid"},
}};

constexpr std::array<std::pair<NormOrder, const char*>, 2> kNormOrderNames{{
    {NormOrder::kActivationThenNorm, "activation_then_norm"},
    {NormOrder::kNormThenActivation, "norm_then_activation"},
}};

template <typename Enum, std::size_t N>
const char* name_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  ONTONET_CHECK(false, "enum value without a name");
}

template <typename Enum, std::size_t N>
Enum parse_name(const std::array<std::pair<Enum, const char*>, N>& table, const std::string& name,
                const std::string& path) {
  std::string known;
  for (const auto& [entry, entry_name] : table) {
    if (name == entry_name) return entry;
    known += known.empty() ? entry_name : std::string(", ") + entry_name;
  }
  throw ConfigError(path, "unknown value '" + name + "', expected one of: " + known);
}

// The order blocks must follow: by stage, then by layer settings.
std::tuple<Index, int, bool, int, double> level_key(const NeuronBlock& block) {
  return {block.stage, static_cast<int>(block.settings.activation), block.settings.batch_norm,
          static_cast<int>(block.settings.norm_order), block.settings.dropout};
}

// A NaN rate would also break the level order, so this runs before the order check.
void check_dropout(const NeuronBlock& block, const std::string& path) {
  const double rate = block.settings.dropout;
  if (!(rate >= 0.0 && rate < 1.0)) {
    throw ConfigError(path + ".dropout", "must be in [0, 1), got " + std::to_string(rate));
  }
  // Dropping an input would be noise injection, and dropping an output would change what the
  // network predicts: neither is what a block's dropout stands for.
  const bool keeps_all = block.kind == NeuronKind::kInput || block.kind == NeuronKind::kOutput ||
                         block.kind == NeuronKind::kAuxiliaryOutput;
  if (keeps_all && rate != 0.0) {
    throw ConfigError(path + ".dropout",
                      std::string("must be 0 in a block of kind ") + neuron_kind_name(block.kind));
  }
}

void validate_blocks(const NetworkSpec& spec) {
  Index next_neuron = 0;
  bool inputs_done = false;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    const NeuronBlock& block = spec.blocks[b];
    const std::string path = "network_spec.blocks[" + std::to_string(b) + "]";
    if (block.first_neuron != next_neuron) {
      throw ConfigError(path, "first neuron is " + std::to_string(block.first_neuron) +
                                  ", expected " + std::to_string(next_neuron));
    }
    if (block.n_neurons < 1) throw ConfigError(path, "a block needs at least one neuron");
    const bool is_input = block.kind == NeuronKind::kInput;
    if (is_input) {
      if (inputs_done) throw ConfigError(path, "input blocks must come before all others");
      if (block.n_neurons != 1 || block.stage != 0) {
        throw ConfigError(path, "an input block has one neuron and stage 0");
      }
    } else {
      inputs_done = true;
      if (block.stage < 1) throw ConfigError(path, "a non-input block needs stage >= 1");
    }
    check_dropout(block, path);
    if (b > 0 && level_key(block) < level_key(spec.blocks[b - 1])) {
      throw ConfigError(path, "blocks must be sorted by stage, then by layer settings");
    }
    next_neuron += block.n_neurons;
  }
}

void validate_edges(const NetworkSpec& spec) {
  const Index n_neurons = spec.n_neurons();
  for (std::size_t e = 0; e < spec.edges.size(); ++e) {
    const NeuronEdge& edge = spec.edges[e];
    const std::string path = "network_spec.edges[" + std::to_string(e) + "]";
    if (edge.from < 0 || edge.from >= n_neurons || edge.to < 0 || edge.to >= n_neurons) {
      throw ConfigError(path, "neuron outside [0, " + std::to_string(n_neurons) + ")");
    }
    if (e > 0) {
      const NeuronEdge& previous = spec.edges[e - 1];
      if (std::tie(edge.to, edge.from) <= std::tie(previous.to, previous.from)) {
        throw ConfigError(path, "edges must be sorted by (to, from) without repeats");
      }
    }
    if (spec.block_of_neuron(edge.from).stage >= spec.block_of_neuron(edge.to).stage) {
      throw ConfigError(path, "edge " + std::to_string(edge.from) + " -> " +
                                  std::to_string(edge.to) +
                                  " must run from a lower stage to a higher one");
    }
  }
}

}  // namespace

Index NetworkSpec::n_inputs() const {
  Index n = 0;
  for (const NeuronBlock& block : blocks) {
    if (block.kind != NeuronKind::kInput) break;
    n += block.n_neurons;
  }
  return n;
}

Index NetworkSpec::n_outputs() const {
  Index n = 0;
  for (const NeuronBlock& block : blocks) {
    if (block.kind == NeuronKind::kOutput) n += block.n_neurons;
  }
  return n;
}

Index NetworkSpec::block_of(Index neuron) const {
  ONTONET_CHECK(neuron >= 0 && neuron < n_neurons(), "neuron index out of range");
  const auto after = std::upper_bound(
      blocks.begin(), blocks.end(), neuron,
      [](Index value, const NeuronBlock& block) { return value < block.first_neuron; });
  return static_cast<Index>(after - blocks.begin()) - 1;
}

NeuronLabel NetworkSpec::label(Index neuron) const {
  const NeuronBlock& block = block_of_neuron(neuron);
  return {block.kind, block.entity, neuron - block.first_neuron};
}

Index count_trainable_parameters(const NetworkSpec& spec) {
  Index count = static_cast<Index>(spec.edges.size());
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind == NeuronKind::kInput) continue;
    count += block.n_neurons * (block.settings.batch_norm ? 3 : 1);
  }
  return count;
}

void validate_network_spec(const NetworkSpec& spec) {
  validate_blocks(spec);
  validate_edges(spec);
  if (spec.n_outputs() == 0) throw ConfigError("network_spec.blocks", "no output block");
  if (!(spec.aux_loss_weight >= 0.0)) {
    throw ConfigError("network_spec.aux_loss_weight", "must be >= 0");
  }
}

const char* neuron_kind_name(NeuronKind kind) { return name_of(kKindNames, kind); }
const char* activation_name(Activation activation) {
  return name_of(kActivationNames, activation);
}
const char* norm_order_name(NormOrder order) { return name_of(kNormOrderNames, order); }

NeuronKind parse_neuron_kind(const std::string& name, const std::string& path) {
  return parse_name(kKindNames, name, path);
}
Activation parse_activation(const std::string& name, const std::string& path) {
  return parse_name(kActivationNames, name, path);
}
NormOrder parse_norm_order(const std::string& name, const std::string& path) {
  return parse_name(kNormOrderNames, name, path);
}

}  // namespace ontonet
