#include <algorithm>
#include <random>
#include <set>

#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"

namespace ontonet {

namespace {

bool is_shuffled(NeuronKind kind) { return kind == NeuronKind::kGene || kind == NeuronKind::kTerm; }

// Per block, the level it belongs to: runs of non-input blocks with one stage and one setting.
std::vector<Index> level_of_blocks(const NetworkSpec& spec) {
  std::vector<Index> level(spec.blocks.size(), -1);
  Index current = -1;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    const NeuronBlock& block = spec.blocks[b];
    if (block.kind == NeuronKind::kInput) continue;
    const bool same = b > 0 && spec.blocks[b - 1].kind != NeuronKind::kInput &&
                      spec.blocks[b - 1].stage == block.stage &&
                      spec.blocks[b - 1].settings == block.settings;
    if (!same) ++current;
    level[b] = current;
  }
  return level;
}

// Draws `count` distinct positions of [0, pool_size) with Floyd's algorithm and returns them
// sorted. `marks` has pool_size entries, all false on entry and on return.
std::vector<Index> draw_distinct(Index count, Index pool_size, std::vector<char>& marks,
                                 std::mt19937_64& random) {
  std::vector<Index> drawn;
  drawn.reserve(static_cast<std::size_t>(count));
  for (Index j = pool_size - count; j < pool_size; ++j) {
    const Index candidate = std::uniform_int_distribution<Index>(0, j)(random);
    const Index chosen = marks[static_cast<std::size_t>(candidate)] ? j : candidate;
    marks[static_cast<std::size_t>(chosen)] = 1;
    drawn.push_back(chosen);
  }
  for (Index position : drawn) marks[static_cast<std::size_t>(position)] = 0;
  std::sort(drawn.begin(), drawn.end());
  return drawn;
}

}  // namespace

NetworkSpec shuffled_wiring(const NetworkSpec& spec, std::uint64_t seed) {
  const Index n_neurons = spec.n_neurons();
  std::vector<Index> block_of_neuron(static_cast<std::size_t>(n_neurons));
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    const NeuronBlock& block = spec.blocks[b];
    std::fill_n(block_of_neuron.begin() + block.first_neuron, block.n_neurons,
                static_cast<Index>(b));
  }
  const auto block_at = [&](Index neuron) -> const NeuronBlock& {
    return spec.blocks[static_cast<std::size_t>(block_of_neuron[static_cast<std::size_t>(neuron)])];
  };
  const std::vector<Index> block_level = level_of_blocks(spec);
  const auto level_at = [&](Index neuron) {
    return block_level[static_cast<std::size_t>(block_of_neuron[static_cast<std::size_t>(neuron)])];
  };

  // Which kinds feed each level's gene and term neurons, and which inputs feed any of them.
  const Index n_levels = block_level.empty() ? 0 : *std::max_element(block_level.begin(),
                                                                     block_level.end()) + 1;
  std::vector<std::set<NeuronKind>> source_kinds(static_cast<std::size_t>(n_levels));
  std::vector<char> genetic_input(static_cast<std::size_t>(n_neurons), 0);
  for (const NeuronEdge& edge : spec.edges) {
    if (!is_shuffled(block_at(edge.to).kind)) continue;
    source_kinds[static_cast<std::size_t>(level_at(edge.to))].insert(block_at(edge.from).kind);
    genetic_input[static_cast<std::size_t>(edge.from)] = 1;
  }
  const auto in_pool = [&](Index neuron, Index level, Index stage) {
    const NeuronBlock& block = block_at(neuron);
    if (block.stage >= stage) return false;
    if (block.kind == NeuronKind::kInput && !genetic_input[static_cast<std::size_t>(neuron)]) {
      return false;
    }
    return source_kinds[static_cast<std::size_t>(level)].count(block.kind) > 0;
  };

  NetworkSpec shuffled;
  shuffled.style = spec.style;
  shuffled.blocks = spec.blocks;
  shuffled.aux_loss_weight = spec.aux_loss_weight;
  shuffled.edges.reserve(spec.edges.size());
  std::mt19937_64 random(seed);
  std::vector<Index> pool;
  Index pool_level = -1;
  std::vector<char> marks;
  for (std::size_t begin = 0; begin < spec.edges.size();) {
    const Index to = spec.edges[begin].to;
    std::size_t end = begin;
    while (end < spec.edges.size() && spec.edges[end].to == to) ++end;
    if (!is_shuffled(block_at(to).kind)) {
      shuffled.edges.insert(shuffled.edges.end(), spec.edges.begin() + static_cast<long>(begin),
                            spec.edges.begin() + static_cast<long>(end));
      begin = end;
      continue;
    }
    const Index level = level_at(to);
    if (level != pool_level) {  // edges come level by level, so each pool is built once
      pool.clear();
      for (Index neuron = 0; neuron < n_neurons; ++neuron) {
        if (in_pool(neuron, level, block_at(to).stage)) pool.push_back(neuron);
      }
      marks.assign(pool.size(), 0);
      pool_level = level;
    }
    const auto in_degree = static_cast<Index>(end - begin);
    ONTONET_CHECK(in_degree <= static_cast<Index>(pool.size()), "pool smaller than in-degree");
    for (Index position :
         draw_distinct(in_degree, static_cast<Index>(pool.size()), marks, random)) {
      shuffled.edges.push_back({pool[static_cast<std::size_t>(position)], to});
    }
    begin = end;
  }
  return shuffled;
}

}  // namespace ontonet
