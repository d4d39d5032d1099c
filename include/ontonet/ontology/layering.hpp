// Where each term sits in the DAG. The height of a term is the longest path down to a leaf
// (leaves have height 0), so a term's height is always greater than its children's: the order in
// which a visible network can evaluate its term layers. The depth is the longest path up to a root
// (roots have depth 0).
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/ontology/term_graph.hpp"

namespace ontonet {

// Requires: `children_first` orders all terms of `graph` children before parents
// (children_first_order). Both functions take linear time and use no recursion.
std::vector<std::size_t> term_heights(const TermGraph& graph,
                                      const std::vector<TermIndex>& children_first);
std::vector<std::size_t> term_depths(const TermGraph& graph,
                                     const std::vector<TermIndex>& children_first);

// result[h] = number of terms of height h; empty for an empty ontology.
std::vector<std::size_t> height_histogram(const std::vector<std::size_t>& heights);

}  // namespace ontonet
