// The true-path rule: a gene annotated to a term is annotated to every ancestor of that term too,
// so a term's gene set is its direct genes together with the genes of all its descendants.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/ontology/term_graph.hpp"

namespace ontonet {

// Requires: `children_first` is an order of all terms of `graph` with every term after its
// children (children_first_order), direct_genes[t] lists gene indices < n_genes.
// Ensures: result[t] is the sorted, duplicate-free union of direct_genes over t and all its
// descendants. A gene reachable along several paths (a diamond) appears once.
// Time: one pass in children-first order, each term merging its children's sets through a
// per-gene stamp array, so the cost is the sum of the children's set sizes plus one sort per term.
std::vector<std::vector<GeneIndex>> propagate_genes(
    const TermGraph& graph, const std::vector<TermIndex>& children_first,
    const std::vector<std::vector<GeneIndex>>& direct_genes, std::size_t n_genes);

}  // namespace ontonet
