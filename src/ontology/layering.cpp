#include "ontonet/ontology/layering.hpp"

#include <algorithm>

namespace ontonet {

std::vector<std::size_t> term_heights(const TermGraph& graph,
                                      const std::vector<TermIndex>& children_first) {
  std::vector<std::size_t> height(boost::num_vertices(graph), 0);
  // Children come first, so their heights are final when their parent is reached.
  for (const TermIndex term : children_first) {
    for (auto [edge, end] = boost::in_edges(term, graph); edge != end; ++edge) {
      height[term] = std::max(height[term], height[boost::source(*edge, graph)] + 1);
    }
  }
  return height;
}

std::vector<std::size_t> term_depths(const TermGraph& graph,
                                     const std::vector<TermIndex>& children_first) {
  std::vector<std::size_t> depth(boost::num_vertices(graph), 0);
  // Walking the order backwards reaches every parent before its children.
  for (auto term = children_first.rbegin(); term != children_first.rend(); ++term) {
    for (auto [edge, end] = boost::out_edges(*term, graph); edge != end; ++edge) {
      depth[*term] = std::max(depth[*term], depth[boost::target(*edge, graph)] + 1);
    }
  }
  return depth;
}

std::vector<std::size_t> height_histogram(const std::vector<std::size_t>& heights) {
  std::vector<std::size_t> histogram;
  for (const std::size_t height : heights) {
    if (height >= histogram.size()) histogram.resize(height + 1, 0);
    ++histogram[height];
  }
  return histogram;
}

}  // namespace ontonet
