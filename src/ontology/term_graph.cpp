#include "ontonet/ontology/term_graph.hpp"

#include <algorithm>
#include <deque>
#include <utility>

namespace ontonet {

std::optional<std::vector<TermIndex>> children_first_order(const TermGraph& graph) {
  const std::size_t n_terms = boost::num_vertices(graph);
  // Kahn's algorithm on child -> parent edges: a term is ready once all its children are placed.
  std::vector<std::size_t> children_left(n_terms);
  std::deque<TermIndex> ready;
  for (TermIndex term = 0; term < n_terms; ++term) {
    children_left[term] = boost::in_degree(term, graph);
    if (children_left[term] == 0) ready.push_back(term);
  }
  std::vector<TermIndex> order;
  order.reserve(n_terms);
  while (!ready.empty()) {
    const TermIndex term = ready.front();
    ready.pop_front();
    order.push_back(term);
    for (auto [edge, end] = boost::out_edges(term, graph); edge != end; ++edge) {
      const TermIndex parent = boost::target(*edge, graph);
      if (--children_left[parent] == 0) ready.push_back(parent);
    }
  }
  if (order.size() != n_terms) return std::nullopt;
  return order;
}

std::vector<TermIndex> find_cycle(const TermGraph& graph) {
  enum class Visit : unsigned char { kNew, kOnPath, kDone };
  const std::size_t n_terms = boost::num_vertices(graph);
  std::vector<Visit> visit(n_terms, Visit::kNew);
  using OutEdgeIterator = boost::graph_traits<TermGraph>::out_edge_iterator;
  // The DFS path: each term with the next parent edge still to try.
  std::vector<std::pair<TermIndex, OutEdgeIterator>> path;
  for (TermIndex start = 0; start < n_terms; ++start) {
    if (visit[start] != Visit::kNew) continue;
    visit[start] = Visit::kOnPath;
    path.emplace_back(start, boost::out_edges(start, graph).first);
    while (!path.empty()) {
      auto& [term, next_edge] = path.back();
      if (next_edge == boost::out_edges(term, graph).second) {
        visit[term] = Visit::kDone;
        path.pop_back();
        continue;
      }
      const TermIndex parent = boost::target(*next_edge, graph);
      ++next_edge;
      if (visit[parent] == Visit::kOnPath) {
        std::vector<TermIndex> cycle;
        auto first = std::find_if(path.begin(), path.end(),
                                  [parent](const auto& step) { return step.first == parent; });
        for (auto step = first; step != path.end(); ++step) cycle.push_back(step->first);
        cycle.push_back(parent);
        return cycle;
      }
      if (visit[parent] == Visit::kNew) {
        visit[parent] = Visit::kOnPath;
        path.emplace_back(parent, boost::out_edges(parent, graph).first);
      }
    }
  }
  return {};
}

}  // namespace ontonet
