#include "ontonet/explain/entities.hpp"

#include <algorithm>

namespace ontonet {

namespace {

std::vector<Index> block_neurons(const NeuronBlock& block) {
  std::vector<Index> neurons;
  for (Index unit = 0; unit < block.n_neurons; ++unit) neurons.push_back(block.first_neuron + unit);
  return neurons;
}

void sort_unique(std::vector<Index>& neurons) {
  std::sort(neurons.begin(), neurons.end());
  neurons.erase(std::unique(neurons.begin(), neurons.end()), neurons.end());
}

// Sources of every edge into each block: edges are sorted by target neuron.
std::vector<std::vector<Index>> block_inputs(const NetworkSpec& spec) {
  std::vector<std::vector<Index>> inputs(spec.blocks.size());
  for (const NeuronEdge& edge : spec.edges) {
    inputs[static_cast<std::size_t>(spec.block_of(edge.to))].push_back(edge.from);
  }
  for (std::vector<Index>& sources : inputs) sort_unique(sources);
  return inputs;
}

}  // namespace

const char* entity_kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::kFeature:
      return "feature";
    case EntityKind::kGene:
      return "gene";
    case EntityKind::kTerm:
      return "term";
  }
  return "feature";
}

NetworkEntities network_entities(const NetworkSpec& spec, const EntityNaming& naming) {
  NetworkEntities result;
  const std::vector<std::vector<Index>> inputs = block_inputs(spec);
  bool has_gene_neurons = false;
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind == NeuronKind::kGene) has_gene_neurons = true;
    if (block.kind != NeuronKind::kInput) continue;
    result.entities.push_back({EntityKind::kFeature,
                               block.entity,
                               "",
                               0,
                               {block.first_neuron},
                               {block.first_neuron},
                               {}});
  }
  if (has_gene_neurons) {
    result.gene_rule = "gene neurons: a gene's score is that of its neurons in the gene layer";
    for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
      const NeuronBlock& block = spec.blocks[b];
      if (block.kind != NeuronKind::kGene) continue;
      result.entities.push_back(
          {EntityKind::kGene, block.entity, "", block.stage, block_neurons(block), inputs[b], {}});
    }
  } else {
    result.gene_rule =
        "input features: a gene's score is the sum over the input features that name it";
    std::map<std::string, std::vector<Index>> gene_features;
    for (const NeuronBlock& block : spec.blocks) {
      if (block.kind != NeuronKind::kInput) continue;
      const auto genes = naming.feature_genes.find(block.entity);
      if (genes == naming.feature_genes.end()) continue;
      for (const std::string& gene : genes->second) {
        gene_features[gene].push_back(block.first_neuron);
      }
    }
    for (auto& [gene, features] : gene_features) {
      sort_unique(features);
      result.entities.push_back({EntityKind::kGene, gene, "", 0, features, features, {}});
    }
  }
  for (std::size_t b = 0; b < spec.blocks.size(); ++b) {
    const NeuronBlock& block = spec.blocks[b];
    if (block.kind != NeuronKind::kTerm) continue;
    const auto name = naming.term_names.find(block.entity);
    result.entities.push_back({EntityKind::kTerm, block.entity,
                               name == naming.term_names.end() ? "" : name->second, block.stage,
                               block_neurons(block), block_neurons(block), inputs[b]});
  }
  return result;
}

}  // namespace ontonet
