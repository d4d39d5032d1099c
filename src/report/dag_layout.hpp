// The layout behind dag_figure.cpp: layers by longest path from a root, long edges cut into
// dummy vertices, barycenter sweeps against crossings, and positions pulled towards neighbours
// under the spacing rules (a layer wider than kMaxRowWidth takes 2 staggered rows).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ontonet/report/dag_figure.hpp"

namespace ontonet::detail {

inline constexpr double kBoxWidth = 156;
inline constexpr double kBoxGap = 20;         // between the boxes of a row
inline constexpr double kLane = 10;           // the width a long edge takes through a layer
inline constexpr double kMaxRowWidth = 1400;  // a wider layer takes 2 staggered rows
inline constexpr double kRowGap = 10;         // between the staggered rows of a layer
inline constexpr double kLayerGap = 44;       // between layers, where edges run
inline constexpr double kMargin = 20;
inline constexpr int kOrderSweeps = 8;
inline constexpr int kPositionSweeps = 8;

// The layered graph: the figure's nodes (vertices 0 to n - 1) plus one dummy vertex for each
// layer that an edge crosses, so that every edge joins neighbouring layers.
struct LayeredGraph {
  std::size_t n_nodes = 0;
  std::vector<std::size_t> layer;                  // per vertex
  std::vector<std::vector<std::size_t>> up, down;  // per vertex, in the order edges came
  std::vector<std::vector<std::size_t>> chains;    // per distinct edge: parent, dummies, child
  std::vector<std::vector<std::size_t>> order;     // per layer, left to right
  std::vector<std::size_t> rows;                   // per layer: 1 or 2
  std::vector<std::size_t> row, rank;              // per vertex
  std::vector<double> x;                           // per vertex, the centre
  bool dummy(std::size_t v) const { return v >= n_nodes; }
};

// "id" quoted, for messages.
std::string node_name(const DagFigure& figure, std::size_t node);
// The distinct edges, in order of first appearance; throws ConfigError("figure", ...) for no node,
// a bad index or duplicate ids.
std::vector<std::pair<std::size_t, std::size_t>> checked_edges(const DagFigure& figure);
// The layer of every node (longest path from a root); throws ConfigError("figure", ...) naming the
// nodes of a cycle.
std::vector<std::size_t> node_layers(const DagFigure& figure,
                                     const std::vector<std::pair<std::size_t, std::size_t>>& edges);
// The whole layout: layers, order within layers, x of every vertex.
LayeredGraph laid_out(const DagFigure& figure);

}  // namespace ontonet::detail
