#include "ontonet/report/dag_figure.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "ontonet/core/error.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::elements_named;
using test::find_text;
using test::number_attribute;
using test::parse_svg;
using test::ParsedSvg;
using test::SvgElement;

const double kNan = std::numeric_limits<double>::quiet_NaN();

DagFigure figure_of(const std::vector<std::string>& ids,
                    const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  DagFigure figure;
  figure.title = "Terms";
  figure.score_label = "importance";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    figure.nodes.push_back({ids[i], "term " + ids[i], static_cast<double>(i)});
  }
  figure.edges = edges;
  return figure;
}

// A GO-like sub-DAG with long edges, a node without score and long names.
DagFigure go_example() {
  DagFigure figure;
  figure.title = "Most important terms";
  figure.score_label = "mean |attribution|";
  figure.nodes = {{"GO:0008150", "biological_process", 0.002},
                  {"GO:0009987", "cellular process", 0.011},
                  {"GO:0008152", "metabolic process", 0.004},
                  {"GO:0006950", "response to stress", 0.021},
                  {"GO:0007049", "cell cycle", 0.035},
                  {"GO:0006974", "cellular response to DNA damage stimulus", 0.052},
                  {"GO:0006281", "DNA repair", 0.061},
                  {"GO:0000077", "DNA damage checkpoint signaling", 0.048},
                  {"GO:0006260", "DNA replication", kNan},
                  {"GO:0006915", "apoptotic process", 0.029},
                  {"GO:0042770", "signal transduction in response to DNA damage", 0.04},
                  {"GO:0006302", "double-strand break repair", 0.074},
                  {"GO:0000724", "double-strand break repair via homologous recombination", 0.069},
                  {"GO:0006284", "base-excision repair", 0.012},
                  {"GO:0044237", "cellular metabolic process", 0.006},
                  {"GO:0006139", "nucleobase-containing compound metabolic process", 0.009}};
  figure.edges = {{0, 1},  {0, 2},  {1, 3},  {1, 4},   {3, 5},  {5, 6},  {5, 7},
                  {4, 7},  {2, 14}, {1, 14}, {14, 15}, {15, 6}, {15, 8}, {1, 9},
                  {9, 10}, {5, 10}, {6, 11}, {11, 12}, {6, 13}, {4, 8},  {0, 9}};
  return figure;
}

// Pairs of edges between the same two layers whose ends are in opposite left-right order.
int crossings(const DagFigure& figure, const std::vector<DagNodeBox>& boxes) {
  int count = 0;
  for (const auto& [p1, c1] : figure.edges) {
    for (const auto& [p2, c2] : figure.edges) {
      if (boxes[p1].layer != boxes[p2].layer || boxes[c1].layer != boxes[c2].layer) continue;
      count += boxes[p1].x < boxes[p2].x && boxes[c1].x > boxes[c2].x;
    }
  }
  return count;
}

// The node boxes: the only rects 156 px wide, in node order.
std::vector<SvgElement> boxes_of(const ParsedSvg& svg) {
  std::vector<SvgElement> boxes;
  for (const SvgElement& rect : elements_named(svg, "rect")) {
    if (rect.attributes.at("width") == "156") boxes.push_back(rect);
  }
  return boxes;
}

std::vector<std::pair<double, double>> polyline_points(const SvgElement& polyline) {
  std::vector<std::pair<double, double>> points;
  std::istringstream in(polyline.attributes.at("points"));
  std::string pair;
  while (in >> pair) {
    const std::size_t comma = pair.find(',');
    points.emplace_back(std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1)));
  }
  return points;
}

TEST(DagFigure, PutsEachNodeOnItsLongestPathFromARoot) {
  // r -> a -> b -> c and r -> c, r -> d: c is on layer 3, not 1.
  const DagFigure figure =
      figure_of({"r", "a", "b", "c", "d"}, {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}});
  const std::vector<DagNodeBox> boxes = dag_figure_layout(figure);
  ASSERT_EQ(boxes.size(), 5u);
  const std::vector<std::size_t> layers = {0, 1, 2, 3, 1};
  // One-line labels make 37 px boxes, 44 px apart: layer l starts at 44 + 81 l.
  const std::vector<double> tops = {44, 125, 206, 287, 125};
  for (std::size_t v = 0; v < boxes.size(); ++v) {
    EXPECT_EQ(boxes[v].layer, layers[v]) << v;
    EXPECT_EQ(boxes[v].row, 0u) << v;
    EXPECT_DOUBLE_EQ(boxes[v].top, tops[v]) << v;
  }
  // The drawn boxes are where the layout says.
  const auto rects = boxes_of(parse_svg(render_dag_figure(figure)));
  ASSERT_EQ(rects.size(), 5u);
  for (std::size_t v = 0; v < boxes.size(); ++v) {
    EXPECT_NEAR(number_attribute(rects[v], "x"), boxes[v].x - 78, 0.01) << v;
    EXPECT_NEAR(number_attribute(rects[v], "y"), boxes[v].top, 0.01) << v;
  }
}

TEST(DagFigure, CentresAParentOverItsChildrenPackedTightly) {
  const std::vector<DagNodeBox> boxes =
      dag_figure_layout(figure_of({"root", "left", "right"}, {{0, 1}, {0, 2}}));
  // The children are one box plus a 20 px gap apart, the first 20 px from the edge.
  EXPECT_DOUBLE_EQ(boxes[1].x, 20 + 78);
  EXPECT_DOUBLE_EQ(boxes[2].x, 20 + 78 + 176);
  EXPECT_DOUBLE_EQ(boxes[0].x, (boxes[1].x + boxes[2].x) / 2);
}

TEST(DagFigure, BarycenterSweepsRemoveCrossings) {
  // Depth-first from A gives layer 1 the order p, q, r, where A -> q crosses B -> p; ordered by
  // the mean rank of their parents (p: 0.5, q: 0, r: 1) they come q, p, r without a crossing.
  const DagFigure two_layers =
      figure_of({"A", "B", "p", "q", "r"}, {{0, 2}, {0, 3}, {1, 2}, {1, 4}});
  const std::vector<DagNodeBox> boxes = dag_figure_layout(two_layers);
  EXPECT_EQ(boxes[3].rank, 0u);
  EXPECT_EQ(boxes[2].rank, 1u);
  EXPECT_EQ(boxes[4].rank, 2u);
  EXPECT_LT(boxes[3].x, boxes[2].x);
  EXPECT_LT(boxes[2].x, boxes[4].x);
  EXPECT_EQ(crossings(two_layers, boxes), 0);

  // Depth-first, the layer below starts as u, t, s; it follows its parents to t, u, s.
  const DagFigure four_layers = figure_of({"A", "B", "p", "q", "r", "s", "t", "u"},
                                          {{0, 2}, {0, 3}, {1, 2}, {1, 4}, {4, 5}, {3, 6}, {2, 7}});
  EXPECT_EQ(crossings(four_layers, dag_figure_layout(four_layers)), 0);
}

TEST(DagFigure, StaggersAWideLayerIntoTwoRowsThatLeaveRoomForEdges) {
  std::vector<std::string> ids = {"root"};
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t i = 1; i <= 12; ++i) {
    ids.push_back("c" + std::to_string(i));
    edges.emplace_back(0, i);
  }
  const DagFigure figure = figure_of(ids, edges);
  const std::vector<DagNodeBox> boxes = dag_figure_layout(figure);
  // 12 boxes in one row would be 12 * 176 - 20 = 2092 px > 1400: two rows, boxes alternating,
  // centres 88 px apart, so the 156 px boxes of a row are 20 px apart and every box has 10 px of
  // free space straight above or below it in the other row.
  for (std::size_t i = 1; i <= 12; ++i) {
    EXPECT_EQ(boxes[i].row, boxes[i].rank % 2) << i;
    EXPECT_DOUBLE_EQ(boxes[i].top, boxes[i].row == 0 ? 125 : 172) << i;  // 125 + 37 + 10
  }
  std::vector<double> xs;
  for (std::size_t i = 1; i <= 12; ++i) xs.push_back(boxes[i].x);
  std::sort(xs.begin(), xs.end());
  for (std::size_t k = 1; k < xs.size(); ++k) EXPECT_NEAR(xs[k] - xs[k - 1], 88, 1e-9) << k;
  EXPECT_NEAR(xs.front(), 98, 1e-9);

  const ParsedSvg svg = parse_svg(render_dag_figure(figure));
  ASSERT_EQ(svg.error, "");
  EXPECT_LT(number_attribute(svg.elements.front(), "width"), 1400);
  // An edge into the second row comes straight down from the layer's top.
  const auto lines = elements_named(svg, "polyline");
  ASSERT_EQ(lines.size(), 12u);
  const auto into_second_row = polyline_points(lines[1]);
  ASSERT_EQ(into_second_row.size(), 3u);
  EXPECT_EQ(into_second_row[1].second, 125);
  EXPECT_EQ(into_second_row[2].second, 172);
  EXPECT_EQ(into_second_row[1].first, into_second_row[2].first);
}

TEST(DagFigure, EdgesNeverRunThroughABox) {
  const ParsedSvg svg = parse_svg(render_dag_figure(go_example()));
  ASSERT_EQ(svg.error, "");
  const auto boxes = boxes_of(svg);
  ASSERT_EQ(boxes.size(), 16u);
  const double width = number_attribute(svg.elements.front(), "width");
  const double height = number_attribute(svg.elements.front(), "height");
  for (std::size_t a = 0; a < boxes.size(); ++a) {
    const double x = number_attribute(boxes[a], "x");
    const double y = number_attribute(boxes[a], "y");
    EXPECT_TRUE(x >= 0 && y >= 0 && x + 156 <= width &&
                y + number_attribute(boxes[a], "height") <= height);
    for (std::size_t b = 0; b < a; ++b) {
      const bool apart =
          std::abs(x - number_attribute(boxes[b], "x")) >= 156 ||
          std::abs(y - number_attribute(boxes[b], "y")) >= number_attribute(boxes[a], "height");
      EXPECT_TRUE(apart) << a << " overlaps " << b;
    }
  }
  // 21 edges, 4 of them spanning 2 layers, each bending once per layer crossed.
  const auto lines = elements_named(svg, "polyline");
  ASSERT_EQ(lines.size(), 21u);
  int long_edges = 0;
  for (const SvgElement& line : lines) {
    const auto points = polyline_points(line);
    long_edges += points.size() == 4;
    // Every point along the line, a pixel apart, lies outside every box (boundary allowed).
    for (std::size_t k = 1; k < points.size(); ++k) {
      const auto [x0, y0] = points[k - 1];
      const auto [x1, y1] = points[k];
      const int steps = static_cast<int>(std::hypot(x1 - x0, y1 - y0)) + 1;
      for (int s = 0; s <= steps; ++s) {
        const double x = x0 + (x1 - x0) * s / steps;
        const double y = y0 + (y1 - y0) * s / steps;
        for (const SvgElement& box : boxes) {
          const double left = number_attribute(box, "x");
          const double top = number_attribute(box, "y");
          const bool inside = x > left + 0.5 && x < left + 155.5 && y > top + 0.5 &&
                              y < top + number_attribute(box, "height") - 0.5;
          ASSERT_FALSE(inside) << line.attributes.at("points") << " at " << x << "," << y;
        }
      }
    }
  }
  EXPECT_EQ(long_edges, 4);
}

TEST(DagFigure, ColorsBoxesByScoreAndMissingScoresGrey) {
  DagFigure figure = figure_of({"GO:1", "GO:2", "GO:3", "GO:4"}, {{0, 1}, {0, 2}, {0, 3}});
  figure.nodes[0].score = 0;
  figure.nodes[1].score = 1;
  figure.nodes[2].score = 2;
  figure.nodes[3].score = kNan;
  const ParsedSvg svg = parse_svg(render_dag_figure(figure));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  // The scale runs from 0 to the highest score: 0, 1/2 and 1 of the way are Blues' stops 1, 3, 5.
  const auto boxes = boxes_of(svg);
  ASSERT_EQ(boxes.size(), 4u);
  const std::vector<std::string> fills = {"#f7fbff", "#6baed6", "#08306b", "#bdbdbd"};
  for (std::size_t v = 0; v < 4; ++v) EXPECT_EQ(boxes[v].attributes.at("fill"), fills[v]) << v;
  // White text on the darkest box only.
  ASSERT_NE(find_text(svg, "term GO:3"), nullptr);
  EXPECT_EQ(find_text(svg, "term GO:3")->attributes.at("fill"), "#ffffff");
  EXPECT_EQ(find_text(svg, "term GO:2")->attributes.count("fill"), 0u);
  // Scores in small print under the label, then the id.
  EXPECT_NE(find_text(svg, "2  GO:3"), nullptr);
  EXPECT_NE(find_text(svg, "not scored  GO:4"), nullptr);
  // The color bar: 64 slices and a frame, its caption turned along it, and the grey swatch.
  const auto rects = elements_named(svg, "rect");
  EXPECT_EQ(std::count_if(rects.begin(), rects.end(),
                          [](const SvgElement& r) { return r.attributes.at("width") == "14"; }),
            66);
  ASSERT_NE(find_text(svg, "importance"), nullptr);
  EXPECT_EQ(find_text(svg, "importance")->attributes.at("transform").rfind("rotate(-90 ", 0), 0u);
  EXPECT_NE(find_text(svg, "not scored"), nullptr);

  figure.nodes[3].score = 0.5;
  EXPECT_EQ(find_text(parse_svg(render_dag_figure(figure)), "not scored"), nullptr);

  // All scores 0: the scale is [0, 1] and every box is at its light end.
  for (DagFigureNode& node : figure.nodes) node.score = 0;
  for (const SvgElement& box : boxes_of(parse_svg(render_dag_figure(figure)))) {
    EXPECT_EQ(box.attributes.at("fill"), "#f7fbff");
  }
}

TEST(DagFigure, WrapsLongLabelsOverTwoLines) {
  DagFigure figure = figure_of({"GO:0000724", "GO:x"}, {{0, 1}});
  figure.nodes[0].label = "double-strand break repair via homologous recombination";
  figure.nodes[1].label = "abcdefghijklmnopqrstuvwxyz0123456789";  // one word longer than a line
  const ParsedSvg svg = parse_svg(render_dag_figure(figure));
  EXPECT_NE(find_text(svg, "double-strand break"), nullptr);
  EXPECT_NE(find_text(svg, "repair via homologous\xE2\x80\xA6"), nullptr);
  EXPECT_NE(find_text(svg, "abcdefghijklmnopqrstuv"), nullptr);
  EXPECT_NE(find_text(svg, "wxyz0123456789"), nullptr);
  // Two-line labels make every box 50 px tall.
  for (const SvgElement& box : boxes_of(svg)) EXPECT_EQ(box.attributes.at("height"), "50");
}

TEST(DagFigure, EscapesLabelsInSvgAndDot) {
  DagFigure figure = figure_of({"GO:\"1\"", "GO:2"}, {{0, 1}});
  figure.nodes[0].label = "a<b & c\\d";
  figure.title = "<&>";
  const std::string svg_text = render_dag_figure(figure);
  const ParsedSvg svg = parse_svg(svg_text);
  ASSERT_EQ(svg.error, "");
  EXPECT_NE(find_text(svg, "a&lt;b &amp; c\\d"), nullptr);
  EXPECT_NE(find_text(svg, "&lt;&amp;&gt;"), nullptr);
  EXPECT_NE(find_text(svg, "0  GO:&quot;1&quot;"), nullptr);

  const std::string dot = dag_figure_dot(figure);
  EXPECT_NE(dot.find("  label=\"<&>\";\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("  \"GO:\\\"1\\\"\" [label=\"a<b & c\\\\d\\nGO:\\\"1\\\"\\n0\", "),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("  \"GO:\\\"1\\\"\" -> \"GO:2\";\n"), std::string::npos) << dot;
}

TEST(DagFigure, WritesDotWithOneLinePerNodeAndEdge) {
  DagFigure figure;
  figure.title = "Top terms";
  figure.nodes = {{"GO:1", "root", 0}, {"GO:2", "child", 2}, {"GO:3", "", kNan}};
  figure.edges = {{0, 1}, {0, 2}, {0, 1}};  // the repeated edge is written once
  EXPECT_EQ(dag_figure_dot(figure),
            "digraph ontonet {\n"
            "  rankdir=TB;\n"
            "  fontname=\"sans-serif\";\n"
            "  label=\"Top terms\";\n"
            "  labelloc=t;\n"
            "  node [shape=box, style=filled, fontname=\"sans-serif\", fontsize=11];\n"
            "  edge [color=\"#8c8c8c\"];\n"
            "  \"GO:1\" [label=\"root\\nGO:1\\n0\", fillcolor=\"#f7fbff\", "
            "fontcolor=\"#000000\"];\n"
            "  \"GO:2\" [label=\"child\\nGO:2\\n2\", fillcolor=\"#08306b\", "
            "fontcolor=\"#ffffff\"];\n"
            "  \"GO:3\" [label=\"GO:3\\nnot scored\", fillcolor=\"#bdbdbd\", "
            "fontcolor=\"#000000\"];\n"
            "  \"GO:1\" -> \"GO:2\";\n"
            "  \"GO:1\" -> \"GO:3\";\n"
            "}\n");
}

TEST(DagFigure, IsWellFormedAndDeterministic) {
  const std::string first = render_dag_figure(go_example());
  EXPECT_EQ(first, render_dag_figure(go_example()));
  const ParsedSvg svg = parse_svg(first);
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_NE(find_text(svg, "Most important terms"), nullptr);
  EXPECT_NE(find_text(svg, "mean |attribution|"), nullptr);

  // A single node without a score: no color bar, only the swatch.
  DagFigure lonely;
  lonely.nodes = {{"GO:1", "", kNan}};
  const ParsedSvg one = parse_svg(render_dag_figure(lonely));
  ASSERT_EQ(one.error, "");
  EXPECT_EQ(test::non_finite_attribute(one), "");
  EXPECT_EQ(elements_named(one, "rect").size(), 3u);  // background, box, swatch
}

TEST(DagFigure, RefusesBadGraphsWithReasons) {
  const auto message_of = [](const DagFigure& figure) {
    const std::string message = test::figure_error([&] { render_dag_figure(figure); });
    EXPECT_EQ(test::figure_error([&] { dag_figure_dot(figure); }), message);
    return message;
  };
  EXPECT_EQ(message_of(DagFigure{}), "figure a DAG figure needs at least one node");
  EXPECT_EQ(message_of(figure_of({"a", "b", "c"}, {{0, 1}, {0, 5}})),
            "figure DAG figure edge 1 (0 -> 5) names a node index out of range, expected 0 to 2");
  EXPECT_EQ(message_of(figure_of({"a", "b", "a"}, {})),
            "figure DAG figure nodes 0 and 2 share the id \"a\", expected unique ids");
  EXPECT_EQ(message_of(figure_of({"r", "a", "b", "c"}, {{0, 1}, {1, 2}, {2, 3}, {3, 1}})),
            "figure DAG figure edges form a cycle: \"a\" -> \"b\" -> \"c\" -> \"a\", expected a "
            "DAG");
  EXPECT_EQ(message_of(figure_of({"a"}, {{0, 0}})),
            "figure DAG figure edges form a cycle: \"a\" -> \"a\", expected a DAG");
}

}  // namespace
}  // namespace ontonet
