#include "ontonet/ontology/ontology_filter.hpp"

#include <algorithm>
#include <deque>
#include <iterator>
#include <unordered_set>
#include <utility>

#include "ontonet/ontology/propagation.hpp"

namespace ontonet {

namespace {

constexpr const char* kLostAnnotations = "annotations to removed terms with no remaining parent";

struct ParentLink {
  TermIndex parent;
  RelationId relation;
};

// The DAG while terms are being removed: adjacency lists that change, and the direct genes that
// move up with each removal.
class ShrinkingDag {
 public:
  ShrinkingDag(const Ontology& ontology, std::vector<std::vector<GeneIndex>> direct_genes)
      : parents_(ontology.n_terms()),
        children_(ontology.n_terms()),
        direct_genes_(std::move(direct_genes)),
        removed_(ontology.n_terms(), false) {
    for (const TermEdge& edge : ontology.edges()) {
      parents_[edge.child].push_back(ParentLink{edge.parent, edge.relation});
      children_[edge.parent].push_back(edge.child);
    }
  }

  // Removes `term` and reconnects as the header describes; returns the number of direct
  // annotations lost because the term had genes to move but no parent to take them.
  std::size_t remove(TermIndex term, bool move_genes_to_parents) {
    removed_[term] = true;
    for (const ParentLink& link : parents_[term]) erase_value(children_[link.parent], term);
    for (const TermIndex child : children_[term]) {
      auto& links = parents_[child];
      const auto to_term = std::find_if(links.begin(), links.end(),
                                        [term](const ParentLink& l) { return l.parent == term; });
      const RelationId relation = to_term->relation;
      links.erase(to_term);
      for (const ParentLink& link : parents_[term]) {
        const bool linked = std::any_of(links.begin(), links.end(), [&](const ParentLink& l) {
          return l.parent == link.parent;
        });
        if (linked) continue;
        links.push_back(ParentLink{link.parent, relation});
        children_[link.parent].push_back(child);
      }
    }
    std::size_t lost = 0;
    std::vector<GeneIndex>& genes = direct_genes_[term];
    if (move_genes_to_parents) {
      if (parents_[term].empty()) lost = genes.size();
      for (const ParentLink& link : parents_[term]) add_genes(direct_genes_[link.parent], genes);
    }
    genes.clear();
    parents_[term].clear();
    children_[term].clear();
    return lost;
  }

  bool removed(TermIndex term) const { return removed_[term]; }
  const std::vector<ParentLink>& parents(TermIndex term) const { return parents_[term]; }
  const std::vector<TermIndex>& children(TermIndex term) const { return children_[term]; }
  const std::vector<GeneIndex>& direct_genes(TermIndex term) const { return direct_genes_[term]; }

 private:
  static void erase_value(std::vector<TermIndex>& values, TermIndex value) {
    values.erase(std::remove(values.begin(), values.end(), value), values.end());
  }
  // into := into ∪ from, both sorted.
  static void add_genes(std::vector<GeneIndex>& into, const std::vector<GeneIndex>& from) {
    std::vector<GeneIndex> merged;
    merged.reserve(into.size() + from.size());
    std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(merged));
    into = std::move(merged);
  }

  std::vector<std::vector<ParentLink>> parents_;
  std::vector<std::vector<TermIndex>> children_;
  std::vector<std::vector<GeneIndex>> direct_genes_;
  std::vector<bool> removed_;
};

std::vector<std::vector<GeneIndex>> restrict_to_universe(const Ontology& ontology,
                                                         const OntologyFilter& filter,
                                                         FilterReport& report) {
  std::vector<std::vector<GeneIndex>> direct(ontology.n_terms());
  for (TermIndex term = 0; term < ontology.n_terms(); ++term)
    direct[term] = ontology.direct_genes(term);
  if (!filter.gene_universe) return direct;

  std::vector<bool> in_universe(ontology.n_genes(), false);
  std::size_t universe_genes_unannotated = 0;
  for (const std::string& symbol : *filter.gene_universe) {
    const std::optional<GeneIndex> gene = ontology.find_gene(symbol);
    if (gene) {
      in_universe[*gene] = true;
    } else {
      ++universe_genes_unannotated;
    }
  }
  std::size_t dropped = 0;
  for (std::vector<GeneIndex>& genes : direct) {
    const auto kept_end = std::remove_if(genes.begin(), genes.end(),
                                         [&](GeneIndex gene) { return !in_universe[gene]; });
    dropped += static_cast<std::size_t>(genes.end() - kept_end);
    genes.erase(kept_end, genes.end());
  }
  if (dropped > 0) report.dropped["annotations to genes not in the gene list"] += dropped;
  if (universe_genes_unannotated > 0) {
    report.notes.push_back(std::to_string(universe_genes_unannotated) + " of " +
                           std::to_string(filter.gene_universe->size()) +
                           " genes in the gene list are not annotated to any term");
  }
  return direct;
}

// Why a term fails the size rules, or nullptr when it passes.
const char* size_rule_failed(std::size_t n_genes, const OntologyFilter& filter) {
  if (filter.prune_empty && n_genes == 0) return "terms with no genes";
  if (n_genes < filter.min_genes) return "terms with fewer than min_genes genes";
  if (n_genes > filter.max_genes) return "terms with more than max_genes genes";
  return nullptr;
}

void collapse_redundant_terms(const Ontology& ontology, const std::vector<std::size_t>& n_genes,
                              ShrinkingDag& dag, FilterReport& report) {
  std::deque<TermIndex> to_check(ontology.children_first_order().begin(),
                                 ontology.children_first_order().end());
  std::vector<bool> queued(ontology.n_terms(), true);
  while (!to_check.empty()) {
    const TermIndex term = to_check.front();
    to_check.pop_front();
    queued[term] = false;
    if (dag.removed(term) || dag.children(term).size() != 1) continue;
    // The child's genes are a subset of the term's, so equal sizes mean equal sets.
    if (n_genes[dag.children(term).front()] != n_genes[term]) continue;
    const std::vector<ParentLink> parents = dag.parents(term);
    dag.remove(term, /*move_genes_to_parents=*/false);
    ++report.dropped["redundant terms (same genes as their only child)"];
    for (const ParentLink& link : parents) {
      if (!queued[link.parent]) {
        queued[link.parent] = true;
        to_check.push_back(link.parent);
      }
    }
  }
}

Ontology assemble(const Ontology& ontology, const ShrinkingDag& dag) {
  std::vector<TermIndex> new_index(ontology.n_terms(), 0);
  std::vector<Term> terms;
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
    if (dag.removed(term)) continue;
    new_index[term] = terms.size();
    terms.push_back(ontology.term(term));
  }
  std::vector<TermEdge> edges;
  for (TermIndex child = 0; child < ontology.n_terms(); ++child) {
    for (const ParentLink& link : dag.parents(child)) {
      edges.push_back(TermEdge{new_index[child], new_index[link.parent], link.relation});
    }
  }
  // Genes still annotated somewhere keep their relative order.
  std::vector<bool> used(ontology.n_genes(), false);
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
    for (const GeneIndex gene : dag.direct_genes(term)) used[gene] = true;
  }
  std::vector<GeneIndex> new_gene(ontology.n_genes(), 0);
  std::vector<std::string> symbols;
  for (GeneIndex gene = 0; gene < ontology.n_genes(); ++gene) {
    if (!used[gene]) continue;
    new_gene[gene] = static_cast<GeneIndex>(symbols.size());
    symbols.push_back(ontology.gene_symbol(gene));
  }
  std::vector<std::vector<GeneIndex>> direct(terms.size());
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
    if (dag.removed(term)) continue;
    for (const GeneIndex gene : dag.direct_genes(term))
      direct[new_index[term]].push_back(new_gene[gene]);
  }
  return Ontology(std::move(terms), ontology.relation_names(), edges, std::move(symbols),
                  std::move(direct));
}

}  // namespace

Ontology apply_filter(const Ontology& ontology, const OntologyFilter& filter,
                      FilterReport& report) {
  std::vector<std::vector<GeneIndex>> direct = restrict_to_universe(ontology, filter, report);
  std::vector<std::size_t> n_genes(ontology.n_terms());
  {
    const auto genes = propagate_genes(ontology.graph(), ontology.children_first_order(), direct,
                                       ontology.n_genes());
    for (TermIndex term = 0; term < ontology.n_terms(); ++term) n_genes[term] = genes[term].size();
  }

  ShrinkingDag dag(ontology, std::move(direct));
  std::size_t lost = 0;
  for (const TermIndex term : ontology.children_first_order()) {
    const char* reason = size_rule_failed(n_genes[term], filter);
    if (reason == nullptr) continue;
    lost += dag.remove(term, /*move_genes_to_parents=*/true);
    ++report.dropped[reason];
  }
  if (lost > 0) report.dropped[kLostAnnotations] += lost;
  if (filter.collapse_redundant) collapse_redundant_terms(ontology, n_genes, dag, report);

  Ontology filtered = assemble(ontology, dag);
  report.notes.push_back("kept " + std::to_string(filtered.n_terms()) + " of " +
                         std::to_string(ontology.n_terms()) + " terms and " +
                         std::to_string(filtered.n_genes()) + " of " +
                         std::to_string(ontology.n_genes()) + " genes");
  return filtered;
}

}  // namespace ontonet
