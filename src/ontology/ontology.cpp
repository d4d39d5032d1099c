#include "ontonet/ontology/ontology.hpp"

#include <algorithm>
#include <unordered_set>

#include "ontonet/core/error.hpp"
#include "ontonet/ontology/layering.hpp"
#include "ontonet/ontology/propagation.hpp"

namespace ontonet {

Ontology::Ontology() = default;

Ontology::Ontology(std::vector<Term> terms, std::vector<std::string> relation_names,
                   const std::vector<TermEdge>& edges, std::vector<std::string> gene_symbols,
                   std::vector<std::vector<GeneIndex>> direct_genes)
    : terms_(std::move(terms)),
      relation_names_(std::move(relation_names)),
      edges_(edges),
      graph_(terms_.size()),
      children_(terms_.size()),
      parents_(terms_.size()),
      gene_symbols_(std::move(gene_symbols)),
      direct_genes_(std::move(direct_genes)) {
  const std::size_t n = terms_.size();
  for (TermIndex term = 0; term < n; ++term) {
    const bool id_is_new = term_by_id_.emplace(terms_[term].id, term).second;
    ONTONET_CHECK(id_is_new, "duplicate term ID " + terms_[term].id);
    for (const std::string& alt_id : terms_[term].alt_ids) {
      const bool alt_id_is_new = term_by_id_.emplace(alt_id, term).second;
      ONTONET_CHECK(alt_id_is_new, "alt_id " + alt_id + " names two terms");
    }
  }

  std::unordered_set<std::uint64_t> edge_keys;
  for (const TermEdge& edge : edges_) {
    ONTONET_CHECK(edge.child < n && edge.parent < n && edge.relation < relation_names_.size(),
                  "edge refers to a term or relation that does not exist");
    const bool edge_is_new =
        edge_keys.insert((static_cast<std::uint64_t>(edge.child) << 32) | edge.parent).second;
    ONTONET_CHECK(edge_is_new,
                  "duplicate edge " + terms_[edge.child].id + " -> " + terms_[edge.parent].id);
    boost::add_edge(edge.child, edge.parent, TermEdgeProperties{edge.relation}, graph_);
    children_[edge.parent].push_back(edge.child);
    parents_[edge.child].push_back(edge.parent);
  }

  for (std::size_t gene = 0; gene < gene_symbols_.size(); ++gene) {
    const bool symbol_is_new =
        gene_by_symbol_.emplace(gene_symbols_[gene], static_cast<GeneIndex>(gene)).second;
    ONTONET_CHECK(symbol_is_new, "duplicate gene symbol " + gene_symbols_[gene]);
  }
  ONTONET_CHECK(direct_genes_.size() == n, "one direct gene list per term is required");
  for (std::vector<GeneIndex>& genes : direct_genes_) {
    std::sort(genes.begin(), genes.end());
    genes.erase(std::unique(genes.begin(), genes.end()), genes.end());
    ONTONET_CHECK(genes.empty() || genes.back() < gene_symbols_.size(), "gene index out of range");
  }

  std::optional<std::vector<TermIndex>> order = ontonet::children_first_order(graph_);
  ONTONET_CHECK(order.has_value(), "the term graph of an Ontology must be acyclic");
  children_first_ = std::move(*order);
  genes_ = propagate_genes(graph_, children_first_, direct_genes_, gene_symbols_.size());
  heights_ = term_heights(graph_, children_first_);
  depths_ = term_depths(graph_, children_first_);
}

std::optional<TermIndex> Ontology::find_term(const std::string& id) const {
  const auto found = term_by_id_.find(id);
  if (found == term_by_id_.end()) return std::nullopt;
  return found->second;
}

std::optional<GeneIndex> Ontology::find_gene(const std::string& symbol) const {
  const auto found = gene_by_symbol_.find(symbol);
  if (found == gene_by_symbol_.end()) return std::nullopt;
  return found->second;
}

std::map<std::string, std::size_t> Ontology::edge_counts_by_relation() const {
  std::map<std::string, std::size_t> counts;
  for (const TermEdge& edge : edges_) ++counts[relation_names_[edge.relation]];
  return counts;
}

std::size_t Ontology::n_direct_annotations() const {
  std::size_t total = 0;
  for (const auto& genes : direct_genes_) total += genes.size();
  return total;
}

std::vector<TermIndex> Ontology::roots() const {
  std::vector<TermIndex> result;
  for (TermIndex term = 0; term < n_terms(); ++term) {
    if (parents_[term].empty()) result.push_back(term);
  }
  return result;
}

std::vector<TermIndex> Ontology::leaves() const {
  std::vector<TermIndex> result;
  for (TermIndex term = 0; term < n_terms(); ++term) {
    if (children_[term].empty()) result.push_back(term);
  }
  return result;
}

}  // namespace ontonet
