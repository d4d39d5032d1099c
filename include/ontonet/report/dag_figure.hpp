// A figure of an ontology's sub-DAG, e.g. the most important terms and their ancestors, each term
// a box colored by its score on the sequential scale of color_scale.hpp (light = low, dark = high,
// grey = not scored). It comes two ways: as Graphviz DOT, for users who want Graphviz's layout or
// to edit the graph, and as a standalone SVG with our own plain layered layout, so that a run
// folder has a picture without Graphviz installed.
//
// The SVG layout (Sugiyama-style, small and deterministic):
//  - layers: a node's layer is the length of the longest path from a root to it, roots on top;
//    an edge spanning several layers bends through one waypoint per layer it crosses, in a lane
//    of its own, so it never runs through a box;
//  - order within a layer: barycenter sweeps, down and up, from the order of a depth-first walk
//    from the roots in input order; the order with the fewest crossings seen wins;
//  - x positions: each node is pulled towards the mean x of its neighbours (parents, then
//    children) by least squares under the order and spacing constraints, a few sweeps;
//  - wide layers: boxes are 156 px wide, 20 px apart. A layer wider than 1,400 px in one row
//    (more than 8 boxes) is drawn in 2 staggered rows, boxes alternating between them half a box
//    apart (brick pattern, left-to-right order kept), which halves its width and leaves free space
//    straight above and below every box for its edges; other layers stagger only when they would
//    be wider still. More rows would save no width without routing edges behind boxes, so a
//    layer of k > 16 boxes makes the figure about 88 k px wide (39 siblings: 3,500 px).
//  - labels wrap over at most 2 lines of 22 characters (then an ellipsis), with
//    the score and the id in small print underneath; text is white on dark boxes.
// A color bar captioned with score_label stands at the right, with a grey swatch "not scored"
// under it when some node has no finite score, and the title on top.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace ontonet {

struct DagFigureNode {
  std::string id;     // e.g. "GO:0006915"; unique within a figure
  std::string label;  // e.g. the term's name; empty: the id is shown instead
  double score = std::numeric_limits<double>::quiet_NaN();  // non-finite: drawn grey, "not scored"
};

struct DagFigure {
  std::string title;
  std::string score_label;  // the color bar's caption, e.g. "mean |attribution|"
  std::vector<DagFigureNode> nodes;
  // (parent index, child index) into nodes; the parent is drawn above the child. Repeated edges
  // are drawn once.
  std::vector<std::pair<std::size_t, std::size_t>> edges;
};

// Where render_dag_figure puts a node's box, in the figure's pixels.
struct DagNodeBox {
  std::size_t layer = 0;  // longest path from a root
  std::size_t row = 0;    // within the layer: 0, or more in a staggered wide layer
  std::size_t rank = 0;   // left-to-right position among the layer's boxes, from 0
  double x = 0;           // the box's centre
  double top = 0;         // the box's top edge
};

// One box per node, in the order of figure.nodes. Throws as render_dag_figure does.
std::vector<DagNodeBox> dag_figure_layout(const DagFigure& figure);

// Graphviz DOT: `digraph`, rankdir=TB, the title as graph label, one filled box per node named by
// its id with label "label\nid\nscore" (no label line when the label is empty, "not scored" for a
// non-finite score) and the fill color of the SVG, then one `parent -> child` line per distinct
// edge. Strings are quoted with \ and " escaped and line breaks written as \n, so any id or label
// is safe. Throws as render_dag_figure does.
std::string dag_figure_dot(const DagFigure& figure);

// The standalone SVG (see the top of this file). Throws ConfigError("figure", ...) when there is no
// node, an edge names a node index out of range, two nodes share an id, or the edges form a cycle
// (the message names the nodes on it).
std::string render_dag_figure(const DagFigure& figure);

}  // namespace ontonet
