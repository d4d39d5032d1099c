#include "spec_assembler.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "ontonet/core/error.hpp"

namespace ontonet::detail {

namespace {

std::tuple<Index, int, bool, int, double> level_key(const NeuronBlock& block) {
  return {block.stage, static_cast<int>(block.settings.activation), block.settings.batch_norm,
          static_cast<int>(block.settings.norm_order), block.settings.dropout};
}

}  // namespace

Index SpecAssembler::add_block(NeuronKind kind, std::string entity, Index n_neurons, Index stage,
                               LayerSettings settings) {
  ONTONET_CHECK(n_neurons >= 1, "a block needs at least one neuron");
  ONTONET_CHECK((kind == NeuronKind::kInput) == (stage == 0), "only inputs sit at stage 0");
  NeuronBlock block;
  block.kind = kind;
  block.entity = std::move(entity);
  block.n_neurons = n_neurons;
  block.stage = stage;
  // An input passes its column through unchanged whatever the caller asked for.
  block.settings = kind == NeuronKind::kInput
                       ? LayerSettings{Activation::kIdentity, false, NormOrder::kActivationThenNorm}
                       : settings;
  blocks_.push_back(std::move(block));
  has_inputs_.push_back(false);
  return static_cast<Index>(blocks_.size()) - 1;
}

void SpecAssembler::connect(Index from, Index to) {
  ONTONET_CHECK(stage(from) < stage(to), "a connection must climb stages");
  connections_.emplace_back(to, from);
  has_inputs_[static_cast<std::size_t>(to)] = true;
}

bool SpecAssembler::has_inputs(Index block) const {
  return has_inputs_[static_cast<std::size_t>(block)];
}

NetworkSpec SpecAssembler::finish(std::string style, double aux_loss_weight) {
  std::vector<Index> order(blocks_.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
    return level_key(blocks_[static_cast<std::size_t>(a)]) <
           level_key(blocks_[static_cast<std::size_t>(b)]);
  });
  std::vector<Index> position(blocks_.size());
  NetworkSpec spec;
  spec.style = std::move(style);
  spec.aux_loss_weight = aux_loss_weight;
  spec.blocks.reserve(blocks_.size());
  Index next_neuron = 0;
  for (std::size_t p = 0; p < order.size(); ++p) {
    position[static_cast<std::size_t>(order[p])] = static_cast<Index>(p);
    NeuronBlock block = std::move(blocks_[static_cast<std::size_t>(order[p])]);
    block.first_neuron = next_neuron;
    next_neuron += block.n_neurons;
    spec.blocks.push_back(std::move(block));
  }

  for (auto& [to, from] : connections_) {
    to = position[static_cast<std::size_t>(to)];
    from = position[static_cast<std::size_t>(from)];
  }
  std::sort(connections_.begin(), connections_.end());
  connections_.erase(std::unique(connections_.begin(), connections_.end()), connections_.end());

  std::size_t n_edges = 0;
  for (const auto& [to, from] : connections_) {
    n_edges += static_cast<std::size_t>(spec.blocks[static_cast<std::size_t>(to)].n_neurons *
                                        spec.blocks[static_cast<std::size_t>(from)].n_neurons);
  }
  spec.edges.reserve(n_edges);
  // Connections are sorted by (to, from) block, and block order is neuron order, so walking each
  // target neuron over its source blocks in turn emits edges sorted by (to, from).
  for (std::size_t begin = 0; begin < connections_.size();) {
    const Index to = connections_[begin].first;
    std::size_t end = begin;
    while (end < connections_.size() && connections_[end].first == to) ++end;
    const NeuronBlock& target = spec.blocks[static_cast<std::size_t>(to)];
    for (Index unit = 0; unit < target.n_neurons; ++unit) {
      for (std::size_t c = begin; c < end; ++c) {
        const NeuronBlock& source = spec.blocks[static_cast<std::size_t>(connections_[c].second)];
        for (Index s = 0; s < source.n_neurons; ++s) {
          spec.edges.push_back({source.first_neuron + s, target.first_neuron + unit});
        }
      }
    }
    begin = end;
  }
  blocks_.clear();
  connections_.clear();
  has_inputs_.clear();
  return spec;
}

void check_layer_settings(const LayerSettings& settings, const std::string& path) {
  if (!(settings.dropout >= 0.0 && settings.dropout < 1.0)) {
    throw ConfigError(path + ".dropout",
                      "must be in [0, 1), got " + std::to_string(settings.dropout));
  }
}

std::vector<std::vector<Index>> add_input_blocks(SpecAssembler& assembler, const Ontology& ontology,
                                                 const InputMap& input_map,
                                                 SpecBuildReport& report) {
  if (input_map.feature_ids.size() != input_map.feature_genes.size()) {
    throw ConfigError("input_map",
                      "has " + std::to_string(input_map.feature_ids.size()) + " feature IDs but " +
                          std::to_string(input_map.feature_genes.size()) + " gene lists");
  }
  std::unordered_set<std::string> seen;
  seen.reserve(input_map.feature_ids.size());
  std::vector<std::vector<Index>> gene_features(ontology.n_genes());
  for (std::size_t f = 0; f < input_map.feature_ids.size(); ++f) {
    const std::string& id = input_map.feature_ids[f];
    if (!seen.insert(id).second) {
      throw ConfigError("input_map.feature_ids", "feature ID '" + id + "' appears twice");
    }
    const Index block = assembler.add_block(NeuronKind::kInput, id, 1, 0, {});
    bool feeds_ontology = false;
    for (const std::string& symbol : input_map.feature_genes[f]) {
      if (const auto gene = ontology.find_gene(symbol)) {
        gene_features[*gene].push_back(block);
        feeds_ontology = true;
      }
    }
    if (!feeds_ontology) ++report.features_without_genes;
  }
  return gene_features;
}

std::vector<Index> add_extra_branches(SpecAssembler& assembler, const InputMap& input_map,
                                      const std::vector<ExtraBranchOptions>& branches,
                                      const std::string& path) {
  if (branches.empty()) return {};
  std::unordered_set<std::string> seen(input_map.feature_ids.begin(), input_map.feature_ids.end());
  std::vector<Index> last_blocks;
  for (std::size_t b = 0; b < branches.size(); ++b) {
    const ExtraBranchOptions& branch = branches[b];
    const std::string branch_path = path + "[" + std::to_string(b) + "]";
    if (branch.name.empty()) throw ConfigError(branch_path + ".name", "must not be empty");
    if (branch.feature_ids.empty()) {
      throw ConfigError(branch_path + ".feature_ids", "needs at least one feature");
    }
    if (branch.widths.empty()) throw ConfigError(branch_path + ".widths", "needs a layer");
    check_layer_settings(branch.layer, branch_path + ".layer");
    std::vector<Index> inputs;
    for (const std::string& id : branch.feature_ids) {
      if (!seen.insert(id).second) {
        throw ConfigError(branch_path + ".feature_ids", "feature ID '" + id + "' is used twice");
      }
      inputs.push_back(assembler.add_block(NeuronKind::kInput, id, 1, 0, {}));
    }
    Index previous = -1;
    for (std::size_t layer = 0; layer < branch.widths.size(); ++layer) {
      if (branch.widths[layer] < 1) {
        throw ConfigError(branch_path + ".widths[" + std::to_string(layer) + "]", "must be >= 1");
      }
      const Index block = assembler.add_block(
          NeuronKind::kExtraBranch, branch.name + "/" + std::to_string(layer + 1),
          branch.widths[layer], static_cast<Index>(layer) + 1, branch.layer);
      if (previous < 0) {
        for (Index input : inputs) assembler.connect(input, block);
      } else {
        assembler.connect(previous, block);
      }
      previous = block;
    }
    last_blocks.push_back(previous);
  }
  return last_blocks;
}

Index add_output_block(SpecAssembler& assembler, std::vector<Index> root_blocks,
                       const InputMap& input_map, const std::vector<ExtraBranchOptions>& branches,
                       const std::string& branches_path, Index n_outputs) {
  std::vector<Index> sources = std::move(root_blocks);
  for (Index last : add_extra_branches(assembler, input_map, branches, branches_path)) {
    sources.push_back(last);
  }
  if (n_outputs < 1) throw ConfigError("n_outputs", "must be >= 1");
  Index stage = 1;
  for (Index source : sources) stage = std::max(stage, assembler.stage(source) + 1);
  const Index output =
      assembler.add_block(NeuronKind::kOutput, "output", n_outputs, stage,
                          {Activation::kIdentity, false, NormOrder::kActivationThenNorm});
  for (Index source : sources) assembler.connect(source, output);
  return output;
}

}  // namespace ontonet::detail
