// Shrinks an ontology to the part a visible network should model: only the genes of a gene list,
// only terms of a useful size, no term that merely repeats its only child, no term without genes.
//
// The steps, in this order:
//  1. gene_universe: annotations to genes outside the list are dropped; gene sets are then
//     propagated again (true-path rule) from the remaining direct annotations.
//  2. Each term is judged on that propagated gene set, first rule that applies:
//     prune_empty and no genes; fewer than min_genes; more than max_genes. Those terms are removed.
//  3. collapse_redundant: a term with exactly one child whose gene set equals its own is removed,
//     so the child takes its place. Repeated until no such term is left (removing a term can leave
//     its parent with a single child).
//
// How a removal reconnects the DAG. Removing term T:
//  - every child C of T gets an edge to every parent P of T, with the relation of its edge C -> T,
//    unless C -> P already exists (the existing edge and its relation win); no duplicate edges
//    arise and no transitive reduction is attempted;
//  - T's direct genes are added to the direct genes of each parent P (steps 1-2), so every
//    ancestor keeps exactly the gene set it had. When T has no parent left those annotations are
//    lost and counted. A collapsed term (step 3) moves nothing: its child already holds its genes.
// Terms are removed children first, so the result is the same as removing each removed term and
// linking every kept term to its nearest kept ancestors through removed terms only. The gene sets
// of kept terms are those of step 1. Kept terms keep their relative order; genes are re-indexed
// to those still annotated, in their previous order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

struct OntologyFilter {
  std::optional<std::vector<std::string>> gene_universe;  // keep every gene when absent
  std::size_t min_genes = 0;
  std::size_t max_genes = SIZE_MAX;
  bool collapse_redundant = false;
  bool prune_empty = true;
};

struct FilterReport {
  // Removed terms and dropped annotations by reason, keyed by a phrase completing "N ... dropped".
  std::map<std::string, std::size_t> dropped;
  std::vector<std::string> notes;
};

Ontology apply_filter(const Ontology& ontology, const OntologyFilter& filter, FilterReport& report);

}  // namespace ontonet
