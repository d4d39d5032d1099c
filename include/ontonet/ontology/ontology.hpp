// One ontology in memory: its terms, the DAG of is_a/part_of/... relations between them (a Boost
// graph whose edges run child -> parent, see term_graph.hpp), and the genes annotated to each term.
// Gene symbols are interned: a GeneIndex stands for one symbol. An Ontology is immutable and
// always valid: acyclic, no duplicate edges, every edge and annotation naming a declared term.
// Build one from reader records with build_ontology (ontology_builder.hpp); filters return a new
// one. Alongside the direct annotations it keeps the true-path gene sets (genes(t)), a
// children-first term order, and each term's height and depth, all computed once on construction.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ontonet/io/ontology_records.hpp"
#include "ontonet/ontology/term_graph.hpp"

namespace ontonet {

struct Term {
  std::string id;
  std::string name;        // may be empty
  std::string name_space;  // OBO namespace; may be empty
  std::vector<std::string> alt_ids;
  SourceLocation location;  // where the term was declared; empty for a synthetic root
};

struct TermEdge {
  TermIndex child = 0;
  TermIndex parent = 0;
  RelationId relation = 0;
};

class Ontology {
 public:
  // An ontology with no terms.
  Ontology();

  // Requires (checked; a violation is an InternalError, because callers validate user data first):
  // unique term IDs and alt_ids, edges between existing terms and relations, no two edges with the
  // same (child, parent), no cycle, one direct gene list per term holding valid gene indices.
  // Direct gene lists are sorted and de-duplicated here.
  Ontology(std::vector<Term> terms, std::vector<std::string> relation_names,
           const std::vector<TermEdge>& edges, std::vector<std::string> gene_symbols,
           std::vector<std::vector<GeneIndex>> direct_genes);

  std::size_t n_terms() const { return terms_.size(); }
  std::size_t n_genes() const { return gene_symbols_.size(); }
  std::size_t n_edges() const { return edges_.size(); }

  const Term& term(TermIndex term) const { return terms_.at(term); }
  // Looks up a term ID or one of its alt_ids.
  std::optional<TermIndex> find_term(const std::string& id) const;

  const std::string& gene_symbol(GeneIndex gene) const { return gene_symbols_.at(gene); }
  const std::vector<std::string>& gene_symbols() const { return gene_symbols_; }
  std::optional<GeneIndex> find_gene(const std::string& symbol) const;

  // In the order the edges were given.
  const std::vector<TermIndex>& children(TermIndex term) const { return children_.at(term); }
  const std::vector<TermIndex>& parents(TermIndex term) const { return parents_.at(term); }
  const std::vector<TermEdge>& edges() const { return edges_; }
  const std::string& relation_name(RelationId relation) const {
    return relation_names_.at(relation);
  }
  const std::vector<std::string>& relation_names() const { return relation_names_; }
  // Number of edges per relation name; relations without edges are left out.
  std::map<std::string, std::size_t> edge_counts_by_relation() const;

  // Sorted gene indices annotated to the term itself.
  const std::vector<GeneIndex>& direct_genes(TermIndex term) const {
    return direct_genes_.at(term);
  }
  // Sorted gene indices of the term and all its descendants (the true-path rule).
  const std::vector<GeneIndex>& genes(TermIndex term) const { return genes_.at(term); }
  std::size_t n_direct_annotations() const;

  // Terms without parents / without children, in index order.
  std::vector<TermIndex> roots() const;
  std::vector<TermIndex> leaves() const;

  // Every term after all its children: the order in which a network evaluates its terms.
  const std::vector<TermIndex>& children_first_order() const { return children_first_; }
  // Longest path down to a leaf / up to a root (layering.hpp).
  std::size_t height(TermIndex term) const { return heights_.at(term); }
  std::size_t depth(TermIndex term) const { return depths_.at(term); }
  const std::vector<std::size_t>& heights() const { return heights_; }
  const std::vector<std::size_t>& depths() const { return depths_; }

  // For Boost.Graph algorithms; vertex t is term(t), edges run child -> parent.
  const TermGraph& graph() const { return graph_; }

 private:
  std::vector<Term> terms_;
  std::unordered_map<std::string, TermIndex> term_by_id_;  // IDs and alt_ids
  std::vector<std::string> relation_names_;
  std::vector<TermEdge> edges_;
  TermGraph graph_;
  std::vector<std::vector<TermIndex>> children_;
  std::vector<std::vector<TermIndex>> parents_;
  std::vector<std::string> gene_symbols_;
  std::unordered_map<std::string, GeneIndex> gene_by_symbol_;
  std::vector<std::vector<GeneIndex>> direct_genes_;
  std::vector<std::vector<GeneIndex>> genes_;
  std::vector<TermIndex> children_first_;
  std::vector<std::size_t> heights_;
  std::vector<std::size_t> depths_;
};

}  // namespace ontonet
