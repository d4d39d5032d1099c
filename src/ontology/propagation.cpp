#include "ontonet/ontology/propagation.hpp"

#include <algorithm>
#include <limits>

#include "ontonet/core/error.hpp"

namespace ontonet {

std::vector<std::vector<GeneIndex>> propagate_genes(
    const TermGraph& graph, const std::vector<TermIndex>& children_first,
    const std::vector<std::vector<GeneIndex>>& direct_genes, std::size_t n_genes) {
  const std::size_t n_terms = boost::num_vertices(graph);
  ONTONET_CHECK(children_first.size() == n_terms && direct_genes.size() == n_terms,
                "propagate_genes needs an order and a direct gene list for every term");
  std::vector<std::vector<GeneIndex>> genes(n_terms);
  // stamp[g] == term once gene g is in `term`'s set, so no per-term hash set is needed.
  constexpr std::size_t kNotSeen = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> stamp(n_genes, kNotSeen);
  for (const TermIndex term : children_first) {
    std::vector<GeneIndex>& merged = genes[term];
    auto add = [&](const std::vector<GeneIndex>& from) {
      for (const GeneIndex gene : from) {
        ONTONET_CHECK(gene < n_genes, "gene index out of range in propagate_genes");
        if (stamp[gene] == term) continue;
        stamp[gene] = term;
        merged.push_back(gene);
      }
    };
    add(direct_genes[term]);
    for (auto [edge, end] = boost::in_edges(term, graph); edge != end; ++edge) {
      add(genes[boost::source(*edge, graph)]);
    }
    std::sort(merged.begin(), merged.end());
    merged.shrink_to_fit();
  }
  return genes;
}

}  // namespace ontonet
