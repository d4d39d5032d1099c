// Builds a NetworkSpec block by block in whatever order a style finds natural, then sorts the
// blocks into level order and expands the block-to-block connections into sorted neuron edges.
// Every connection of the style builders is all-to-all between two blocks, which is what lets the
// edges be written out already sorted, without sorting millions of neuron pairs.
#pragma once

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ontonet/network/input_map.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/network/style_options.hpp"
#include "ontonet/ontology/ontology.hpp"

namespace ontonet::detail {

// What sorts blocks into levels: the stage, then the layer settings.
using LevelKey = std::tuple<Index, int, bool, int, double>;

// Consecutive blocks [begin, end) sharing one level key. Blocks mostly come in long runs (all
// inputs, all genes), so sorting the runs is much cheaper than sorting a million blocks.
struct LevelRun {
  LevelKey key;
  Index begin = 0;
  Index end = 0;
};

class SpecAssembler {
 public:
  // Returns the new block's handle. Requires n_neurons >= 1, stage >= 1 unless kind is kInput.
  Index add_block(NeuronKind kind, std::string entity, Index n_neurons, Index stage,
                  LayerSettings settings);
  // Every neuron of `from` feeds every neuron of `to`. Requires stage(from) < stage(to), which
  // finish() checks. A repeated connection is kept once.
  void connect(Index from, Index to);
  // Room for n blocks / connections in all, so that a million of them are not moved again and
  // again as they are added.
  void reserve_blocks(std::size_t n);
  void reserve_connections(std::size_t n);
  Index stage(Index block) const { return blocks_[static_cast<std::size_t>(block)].stage; }
  bool has_inputs(Index block) const;

  // The spec, with blocks sorted by (stage, settings) (stable, so inputs keep the order in which
  // they were added) and edges sorted by (to, from).
  NetworkSpec finish(std::string style, double aux_loss_weight);

 private:
  // Sorts blocks_ by level key, stably, and renumbers connections_ to match.
  void sort_into_level_order();

  std::vector<NeuronBlock> blocks_;
  std::vector<LevelRun> runs_;                        // of blocks_, in handle order
  std::vector<std::pair<Index, Index>> connections_;  // (to, from) block handles
  std::vector<bool> has_inputs_;
};

// Throws ConfigError("<path>.dropout", ...) unless 0 <= settings.dropout < 1.
void check_layer_settings(const LayerSettings& settings, const std::string& path);

// One input block per input-map feature, in the map's order; then ontology gene -> the input
// blocks feeding it. Throws ConfigError for a repeated feature ID or a map whose two lists differ
// in length. Counts features feeding no ontology gene in report.features_without_genes.
std::vector<std::vector<Index>> add_input_blocks(SpecAssembler& assembler, const Ontology& ontology,
                                                 const InputMap& input_map,
                                                 SpecBuildReport& report);

// Adds each branch's input blocks and layers (layer j at stage j); returns each branch's last
// block. Throws ConfigError("<path>[i]...", ...) for an invalid branch or a feature ID already
// used by the input map or another branch.
std::vector<Index> add_extra_branches(SpecAssembler& assembler, const InputMap& input_map,
                                      const std::vector<ExtraBranchOptions>& branches,
                                      const std::string& path);

// Adds the extra branches, then the output block (identity activation) one stage above every
// source, fed by the ontology's root blocks and each branch's last block. Returns the output block.
Index add_output_block(SpecAssembler& assembler, std::vector<Index> root_blocks,
                       const InputMap& input_map, const std::vector<ExtraBranchOptions>& branches,
                       const std::string& branches_path, Index n_outputs);

}  // namespace ontonet::detail
