// The term DAG as a Boost graph, and the two walks every later stage relies on: an order that
// visits every term before its parents, and the path of a cycle when there is one. Edges point
// from child to parent ("child is_a parent"), as ontology files state them: out-edges of a term
// lead to its parents, in-edges come from its children.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ontonet {

using TermIndex = std::size_t;    // a vertex of TermGraph; 0 .. n_terms-1
using GeneIndex = std::uint32_t;  // an interned gene symbol; 0 .. n_genes-1
using RelationId = std::size_t;   // an interned relation name ("is_a", "part_of", ...)

struct TermEdgeProperties {
  RelationId relation = 0;
};

// Vertices are term indices; each edge runs child -> parent and carries its relation.
using TermGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                        boost::no_property, TermEdgeProperties>;

// Every term, each one after all of its children (leaves first, roots last), or nothing when the
// graph has a cycle. Ties are broken by term index, so the order is deterministic. Linear time.
std::optional<std::vector<TermIndex>> children_first_order(const TermGraph& graph);

// One cycle as the terms along it, following child -> parent edges, with the first term repeated
// at the end (A, B, C, A); empty when the graph is acyclic. Uses an explicit stack, never
// recursion, so chains as deep as the whole GO cannot overflow the call stack.
std::vector<TermIndex> find_cycle(const TermGraph& graph);

}  // namespace ontonet
