#include "ontonet/explain/explanation.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace ontonet {

std::vector<std::size_t> ranked_entities(const Explanation& explanation, const MethodResult& method,
                                         EntityKind kind) {
  const std::vector<Entity>& entities = explanation.entities.entities;
  std::vector<std::size_t> ranked;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind == kind && std::isfinite(method.scores[e])) ranked.push_back(e);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    return method.scores[a] > method.scores[b];
  });
  return ranked;
}

std::vector<std::size_t> entity_ranks(const Explanation& explanation, const MethodResult& method) {
  std::vector<std::size_t> ranks(explanation.entities.entities.size(), 0);
  for (EntityKind kind : {EntityKind::kFeature, EntityKind::kGene, EntityKind::kTerm}) {
    const std::vector<std::size_t> ranked = ranked_entities(explanation, method, kind);
    for (std::size_t position = 0; position < ranked.size(); ++position) {
      ranks[ranked[position]] = position + 1;
    }
  }
  return ranks;
}

std::vector<std::pair<std::size_t, std::size_t>> term_edges(const std::vector<Entity>& entities) {
  std::map<Index, std::size_t> term_of_neuron;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind != EntityKind::kTerm) continue;
    for (Index neuron : entities[e].neurons) term_of_neuron[neuron] = e;
  }
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t parent = 0; parent < entities.size(); ++parent) {
    if (entities[parent].kind != EntityKind::kTerm) continue;
    for (Index neuron : entities[parent].input_neurons) {
      const auto child = term_of_neuron.find(neuron);
      if (child == term_of_neuron.end()) continue;
      if (edges.empty() || edges.back() != std::make_pair(parent, child->second)) {
        edges.emplace_back(parent, child->second);
      }
    }
  }
  return edges;
}

}  // namespace ontonet
