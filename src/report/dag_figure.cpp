#include "ontonet/report/dag_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "dag_layout.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/report/color_scale.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

using namespace detail;

constexpr double kTop = 44;  // below the title
constexpr std::size_t kLineChars = 22;
constexpr std::size_t kMaxLines = 2;
constexpr double kLabelFont = 11;
constexpr double kLineHeight = 13;
constexpr double kSmallFont = 9;
constexpr double kCaptionFont = 12;
const char* const kNotScored = "not scored";
const char* const kEdgeColor = "#8c8c8c";
const char* const kBoxStroke = "#555555";

// The byte offset of code point `n` of `text` (its size when shorter).
std::size_t offset_of_char(const std::string& text, std::size_t n) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n-- == 0) return i;
  }
  return text.size();
}

// `text` in lines of at most `chars` characters, broken at spaces where possible, the last of at
// most `max_lines` lines cut with an ellipsis.
std::vector<std::string> wrapped(std::string text, std::size_t chars, std::size_t max_lines) {
  std::vector<std::string> lines;
  while (true) {
    text.erase(0, text.find_first_not_of(' ') == std::string::npos ? text.size()
                                                                   : text.find_first_not_of(' '));
    if (text.empty()) break;
    const std::size_t limit = offset_of_char(text, chars);
    if (lines.size() + 1 == max_lines || limit == text.size()) {
      lines.push_back(truncated_label(text, chars));
      break;
    }
    std::size_t cut = text.rfind(' ', limit);
    if (cut == std::string::npos || cut == 0) cut = limit;  // a word longer than a line is split
    lines.push_back(text.substr(0, cut));
    text.erase(0, cut);
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string score_text(double score) {
  if (!std::isfinite(score)) return kNotScored;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", score);
  return buffer;
}

const std::string& shown_label(const DagFigureNode& node) {
  return node.label.empty() ? node.id : node.label;
}

// The color range: from 0 (or the lowest score, if negative) to the highest score, so the best
// term is the darkest. Empty when no score is finite.
std::optional<std::pair<double, double>> score_range(const DagFigure& figure) {
  double lo = 0;
  double hi = -std::numeric_limits<double>::infinity();
  for (const DagFigureNode& node : figure.nodes) {
    if (!std::isfinite(node.score)) continue;
    lo = std::min(lo, node.score);
    hi = std::max(hi, node.score);
  }
  if (hi == -std::numeric_limits<double>::infinity()) return std::nullopt;
  if (!(lo < hi)) hi = lo + 1;  // all scores 0: all light
  return std::pair{lo, hi};
}

Rgb node_color(const DagFigureNode& node, const std::optional<std::pair<double, double>>& range) {
  if (!std::isfinite(node.score)) return kMissingRgb;
  return scale_color((node.score - range->first) / (range->second - range->first), false);
}

// DOT's quoted string: \ and " escaped, line breaks as \n, other control characters as '?'.
std::string dot_quoted(const std::string& text) {
  std::string result = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      result += '\\';
      result += c;
    } else if (c == '\n') {
      result += "\\n";
    } else {
      result += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
  }
  return result + "\"";
}

// The layered graph with the vertical layout: every box is box_height tall, and layer l spans
// band_top[l] to band_bottom[l] (2 rows of boxes in a staggered layer).
struct Drawing {
  LayeredGraph graph;
  double box_height = 0;
  std::vector<double> band_top, band_bottom;
  std::vector<DagNodeBox> boxes;  // per node
};

Drawing drawing_of(const DagFigure& figure) {
  Drawing d;
  d.graph = laid_out(figure);
  const LayeredGraph& g = d.graph;
  std::size_t lines = 1;
  for (const DagFigureNode& node : figure.nodes) {
    lines = std::max(lines, wrapped(shown_label(node), kLineChars, kMaxLines).size());
  }
  d.box_height = 12 + kLineHeight * static_cast<double>(lines) + 12;
  d.boxes.resize(g.n_nodes);
  double top = kTop;
  for (std::size_t l = 0; l < g.order.size(); ++l) {
    d.band_top.push_back(top);
    std::size_t rank = 0;
    for (const std::size_t v : g.order[l]) {
      if (g.dummy(v)) continue;
      d.boxes[v] = DagNodeBox{l, g.row[v], rank++, g.x[v],
                              top + static_cast<double>(g.row[v]) * (d.box_height + kRowGap)};
    }
    top += static_cast<double>(g.rows[l]) * (d.box_height + kRowGap) - kRowGap;
    d.band_bottom.push_back(top);
    top += kLayerGap;
  }
  return d;
}

}  // namespace

std::vector<DagNodeBox> dag_figure_layout(const DagFigure& figure) {
  return drawing_of(figure).boxes;
}

std::string dag_figure_dot(const DagFigure& figure) {
  const auto edges = checked_edges(figure);
  node_layers(figure, edges);  // refuses a cycle
  const auto range = score_range(figure);
  std::string dot = "digraph ontonet {\n  rankdir=TB;\n  fontname=\"sans-serif\";\n";
  if (!figure.title.empty()) dot += "  label=" + dot_quoted(figure.title) + ";\n  labelloc=t;\n";
  dot +=
      "  node [shape=box, style=filled, fontname=\"sans-serif\", fontsize=11];\n"
      "  edge [color=\"#8c8c8c\"];\n";
  for (const DagFigureNode& node : figure.nodes) {
    const Rgb color = node_color(node, range);
    dot += "  " + dot_quoted(node.id) + " [label=" +
           dot_quoted((node.label.empty() ? "" : node.label + "\n") + node.id + "\n" +
                      score_text(node.score)) +
           ", fillcolor=\"" + hex_color(color) + "\", fontcolor=\"" + text_color_on(color) +
           "\"];\n";
  }
  for (const auto& [parent, child] : edges) {
    dot += "  " + dot_quoted(figure.nodes[parent].id) + " -> " +
           dot_quoted(figure.nodes[child].id) + ";\n";
  }
  return dot + "}\n";
}

std::string render_dag_figure(const DagFigure& figure) {
  const Drawing drawing = drawing_of(figure);
  const LayeredGraph& g = drawing.graph;
  const auto range = score_range(figure);
  const bool any_missing =
      std::any_of(figure.nodes.begin(), figure.nodes.end(),
                  [](const DagFigureNode& node) { return !std::isfinite(node.score); });

  // The color bar stands right of the graph, as tall as the graph or its caption (within limits),
  // its caption rotated on its left, the "not scored" swatch under it.
  double right = 0;
  for (std::size_t v = 0; v < g.x.size(); ++v) {
    right = std::max(right, g.x[v] + (g.dummy(v) ? kLane / 2 : kBoxWidth / 2));
  }
  const double graph_bottom = drawing.band_bottom.back();
  const double bar_left = right + 44;
  const double caption_width = estimated_text_width(figure.score_label, kCaptionFont);
  const double bar_height =
      range ? std::clamp(std::max(graph_bottom - kTop, caption_width + 10), 120.0, 320.0) : 0;
  const double swatch_top = range ? kTop + bar_height + 14 : kTop;
  double column_width = range ? color_bar_extent(range->first, range->second) : 0;
  if (any_missing) {
    column_width = std::max(column_width, 20 + estimated_text_width(kNotScored, 11) + 12);
  }
  SvgDocument svg(
      bar_left + column_width,
      std::max(graph_bottom, any_missing ? swatch_top + 14 : kTop + bar_height) + kMargin);

  // Edges first, so boxes sit on top; they run straight down through a staggered layer's other
  // row and through the layers they cross.
  const StrokeStyle edge_style{kEdgeColor, 1.2, false};
  for (const std::vector<std::size_t>& chain : g.chains) {
    const DagNodeBox& parent = drawing.boxes[chain.front()];
    const DagNodeBox& child = drawing.boxes[chain.back()];
    std::vector<std::pair<double, double>> points{{parent.x, parent.top + drawing.box_height}};
    if (parent.row + 1 < g.rows[parent.layer]) {
      points.emplace_back(parent.x, drawing.band_bottom[parent.layer]);
    }
    for (std::size_t k = 1; k + 1 < chain.size(); ++k) {
      const std::size_t l = g.layer[chain[k]];
      points.emplace_back(g.x[chain[k]], drawing.band_top[l]);
      points.emplace_back(g.x[chain[k]], drawing.band_bottom[l]);
    }
    if (child.row > 0) points.emplace_back(child.x, drawing.band_top[child.layer]);
    points.emplace_back(child.x, child.top);
    svg.polyline(points, edge_style);
  }

  const auto small_chars = static_cast<std::size_t>((kBoxWidth - 8) / (0.6 * kSmallFont));
  for (std::size_t v = 0; v < g.n_nodes; ++v) {
    const DagFigureNode& node = figure.nodes[v];
    const DagNodeBox& box = drawing.boxes[v];
    const Rgb fill = node_color(node, range);
    const std::string text_color = text_color_on(fill);
    svg.rect(box.x - kBoxWidth / 2, box.top, kBoxWidth, drawing.box_height, hex_color(fill),
             kBoxStroke);
    const std::vector<std::string> lines = wrapped(shown_label(node), kLineChars, kMaxLines);
    const double block_height = kLineHeight * static_cast<double>(lines.size()) + 12;
    const double block_top = box.top + (drawing.box_height - block_height) / 2;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      svg.text(box.x, block_top + 10.5 + kLineHeight * static_cast<double>(k), lines[k],
               TextStyle{kLabelFont, TextAnchor::kMiddle, false, 0, text_color});
    }
    std::string small = score_text(node.score);
    if (!node.label.empty()) small += "  " + node.id;
    svg.text(box.x, block_top + block_height - 2, truncated_label(small, small_chars),
             TextStyle{kSmallFont, TextAnchor::kMiddle, false, 0, text_color});
  }

  if (range) {
    draw_color_bar(svg, bar_left, kTop, bar_height, range->first, range->second, false);
    const auto caption_chars = static_cast<std::size_t>(bar_height / (0.6 * kCaptionFont));
    svg.text(bar_left - 8, kTop + bar_height / 2,
             truncated_label(figure.score_label, std::max<std::size_t>(caption_chars, 1)),
             TextStyle{kCaptionFont, TextAnchor::kMiddle, false, -90});
  }
  if (any_missing) {
    svg.rect(bar_left, swatch_top, kColorBarWidth, 14, kMissingColor, kBoxStroke);
    svg.text(bar_left + 20, swatch_top + 11, kNotScored, TextStyle{11});
  }
  const auto title_chars = static_cast<std::size_t>(svg.width() / (0.6 * 14));
  svg.text(svg.width() / 2, 24,
           truncated_label(figure.title, std::max<std::size_t>(title_chars, 1)),
           TextStyle{14, TextAnchor::kMiddle, true});
  return svg.str();
}

}  // namespace ontonet
