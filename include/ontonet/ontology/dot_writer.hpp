// Draws an ontology, or the part of it below one term, as a Graphviz DOT graph: one node per term
// labelled with its ID, name and number of genes (true-path), one arrow per edge from child to
// parent, styled by relation, with roots at the top (rankdir=BT).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>

#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

// With `subtree_root`, draws that term and all its descendants and the edges among them.
void write_dot(std::ostream& out, const Ontology& ontology,
               std::optional<TermIndex> subtree_root = {});

}  // namespace ontonet
