#include "spec_assembler.hpp"

#include <algorithm>
#include <unordered_set>

#include "ontonet/core/error.hpp"
#include "string_position_index.hpp"

namespace ontonet::detail {

namespace {

LevelKey level_key(const NeuronBlock& block) {
  return {block.stage, static_cast<int>(block.settings.activation), block.settings.batch_norm,
          static_cast<int>(block.settings.norm_order), block.settings.dropout};
}

// Rearranges `blocks` so that position p holds what was blocks[order[p]], in place: cycle by
// cycle, each block moved once, without a second vector of a million blocks.
void apply_order(std::vector<NeuronBlock>& blocks, std::vector<Index> order) {
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == static_cast<Index>(start)) continue;
    NeuronBlock held = std::move(blocks[start]);
    std::size_t p = start;
    while (order[p] != static_cast<Index>(start)) {
      const auto next = static_cast<std::size_t>(order[p]);
      blocks[p] = std::move(blocks[next]);
      order[p] = static_cast<Index>(p);
      p = next;
    }
    blocks[p] = std::move(held);
    order[p] = static_cast<Index>(p);
  }
}

// Throws InternalError unless every connection climbs stages. Requires blocks in level order, so
// sorted by stage, and connections sorted by (to, from): a connection climbs iff its source sits
// before the first block of its target's stage, which the target's last source tells for all.
void check_connections_climb(const std::vector<NeuronBlock>& blocks,
                             const std::vector<std::pair<Index, Index>>& connections) {
  Index stage = -1;
  Index stage_begin = 0;  // the first position of `stage`
  for (std::size_t c = 0; c < connections.size(); ++c) {
    const auto [to, from] = connections[c];
    if (c + 1 < connections.size() && connections[c + 1].first == to) continue;
    const Index target_stage = blocks[static_cast<std::size_t>(to)].stage;
    if (target_stage != stage) {
      stage = target_stage;
      stage_begin = std::partition_point(blocks.begin(), blocks.end(),
                                         [&](const NeuronBlock& b) { return b.stage < stage; }) -
                    blocks.begin();
    }
    ONTONET_CHECK(from < stage_begin, "a connection must climb stages");
  }
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
  const Index handle = static_cast<Index>(blocks_.size());
  const LevelKey key = level_key(block);
  if (runs_.empty() || runs_.back().key != key) runs_.push_back({key, handle, handle});
  runs_.back().end = handle + 1;
  blocks_.push_back(std::move(block));
  has_inputs_.push_back(false);
  return handle;
}

void SpecAssembler::connect(Index from, Index to) {
  connections_.emplace_back(to, from);
  has_inputs_[static_cast<std::size_t>(to)] = true;
}

void SpecAssembler::reserve_blocks(std::size_t n) {
  blocks_.reserve(n);
  has_inputs_.reserve(n);
}

void SpecAssembler::reserve_connections(std::size_t n) { connections_.reserve(n); }

bool SpecAssembler::has_inputs(Index block) const {
  return has_inputs_[static_cast<std::size_t>(block)];
}

void SpecAssembler::sort_into_level_order() {
  const auto by_key = [](const LevelRun& a, const LevelRun& b) { return a.key < b.key; };
  // GenNet adds its blocks in level order already; then nothing moves.
  if (std::is_sorted(runs_.begin(), runs_.end(), by_key)) return;
  std::stable_sort(runs_.begin(), runs_.end(), by_key);
  std::vector<Index> order;  // order[p]: the handle of the block at position p
  order.reserve(blocks_.size());
  for (const LevelRun& run : runs_) {
    for (Index block = run.begin; block < run.end; ++block) order.push_back(block);
  }
  std::vector<Index> position(blocks_.size());
  for (std::size_t p = 0; p < order.size(); ++p) {
    position[static_cast<std::size_t>(order[p])] = static_cast<Index>(p);
  }
  apply_order(blocks_, std::move(order));
  for (auto& [to, from] : connections_) {
    to = position[static_cast<std::size_t>(to)];
    from = position[static_cast<std::size_t>(from)];
  }
}

NetworkSpec SpecAssembler::finish(std::string style, double aux_loss_weight) {
  sort_into_level_order();
  // first_neuron[p] of the block at position p, and the neuron count at the end. The edge loops
  // below visit the blocks of scattered sources, and these 8 bytes a block stay in cache where a
  // NeuronBlock's 88 do not.
  std::vector<Index> first_neuron(blocks_.size() + 1, 0);
  for (std::size_t p = 0; p < blocks_.size(); ++p) {
    blocks_[p].first_neuron = first_neuron[p];
    first_neuron[p + 1] = first_neuron[p] + blocks_[p].n_neurons;
  }
  NetworkSpec spec;
  spec.style = std::move(style);
  spec.aux_loss_weight = aux_loss_weight;
  spec.blocks = std::move(blocks_);

  // The builders add a target's connections together, mostly in level order (GenNet: each gene's
  // inputs, in order, then each term's), so the million input connections often arrive sorted.
  if (!std::is_sorted(connections_.begin(), connections_.end())) {
    std::sort(connections_.begin(), connections_.end());
  }
  connections_.erase(std::unique(connections_.begin(), connections_.end()), connections_.end());
  check_connections_climb(spec.blocks, connections_);

  const auto neurons_of = [&](Index block) {
    const auto b = static_cast<std::size_t>(block);
    return std::pair<Index, Index>(first_neuron[b], first_neuron[b + 1]);
  };
  std::size_t n_edges = 0;
  for (const auto& [to, from] : connections_) {
    const auto [to_begin, to_end] = neurons_of(to);
    const auto [from_begin, from_end] = neurons_of(from);
    n_edges += static_cast<std::size_t>((to_end - to_begin) * (from_end - from_begin));
  }
  spec.edges.reserve(n_edges);
  // Connections are sorted by (to, from) block, and block order is neuron order, so walking each
  // target neuron over its source blocks in turn emits edges sorted by (to, from).
  for (std::size_t begin = 0; begin < connections_.size();) {
    const Index to = connections_[begin].first;
    std::size_t end = begin;
    while (end < connections_.size() && connections_[end].first == to) ++end;
    const auto [to_begin, to_end] = neurons_of(to);
    for (Index target = to_begin; target < to_end; ++target) {
      for (std::size_t c = begin; c < end; ++c) {
        const auto [from_begin, from_end] = neurons_of(connections_[c].second);
        for (Index source = from_begin; source < from_end; ++source) {
          spec.edges.push_back({source, target});
        }
      }
    }
    begin = end;
  }
  blocks_.clear();
  runs_.clear();
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
  if (const auto repeat = StringPositionIndex(input_map.feature_ids).add_until_repeat()) {
    throw ConfigError("input_map.feature_ids",
                      "feature ID '" + input_map.feature_ids[*repeat] + "' appears twice");
  }
  // Inputs, at most one block per gene and three per term (DCell's term and auxiliary head), and
  // the output: every style's blocks but an extra branch's.
  assembler.reserve_blocks(input_map.feature_ids.size() + ontology.n_genes() +
                           3 * ontology.n_terms() + 1);
  // Ontology::find_gene goes through a node-based map; over a million lookups, a flat index of
  // the ontology's genes, built here in well under a millisecond, is several times faster.
  StringPositionIndex genes(ontology.gene_symbols());
  ONTONET_CHECK(!genes.add_until_repeat(), "an Ontology's gene symbols are distinct");
  // Blocks first, genes second: the lookups run faster without a million blocks streaming through
  // the cache alongside.
  std::vector<Index> input_blocks(input_map.feature_ids.size());
  for (std::size_t f = 0; f < input_map.feature_ids.size(); ++f) {
    input_blocks[f] = assembler.add_block(NeuronKind::kInput, input_map.feature_ids[f], 1, 0, {});
  }
  std::vector<std::vector<Index>> gene_features(ontology.n_genes());
  std::size_t n_links = 0;
  for (std::size_t f = 0; f < input_map.feature_ids.size(); ++f) {
    bool feeds_ontology = false;
    for (const std::string& symbol : input_map.feature_genes[f]) {
      if (const auto gene = genes.find(symbol)) {
        gene_features[*gene].push_back(input_blocks[f]);
        feeds_ontology = true;
        ++n_links;
      }
    }
    if (!feeds_ontology) ++report.features_without_genes;
  }
  // The inputs' connections, one per input-gene link in GenNet, are most of a network's; the rest
  // are about one per annotation (gene -> term) and term edge, and up to two per term (into the
  // output, DCell's auxiliary head).
  assembler.reserve_connections(n_links + ontology.n_direct_annotations() + ontology.n_edges() +
                                2 * ontology.n_terms() + 1);
  return gene_features;
}

std::vector<Index> add_extra_branches(SpecAssembler& assembler, const InputMap& input_map,
                                      const std::vector<ExtraBranchOptions>& branches,
                                      const std::string& path) {
  if (branches.empty()) return {};
  // Of the input map's IDs (distinct, and maybe a million) only those a branch names can clash.
  std::unordered_set<std::string> branch_ids;
  for (const ExtraBranchOptions& branch : branches) {
    branch_ids.insert(branch.feature_ids.begin(), branch.feature_ids.end());
  }
  std::unordered_set<std::string> seen;
  for (const std::string& id : input_map.feature_ids) {
    if (branch_ids.count(id) != 0) seen.insert(id);
  }
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
