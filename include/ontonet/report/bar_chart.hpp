// Horizontal bar charts as SVG, for ranked lists such as the top terms by importance: one bar per
// label, the first on top, labels on the left (cut with an ellipsis after 40 characters), a zero
// line with negative values extending to its left, and a value axis with ticks below.
#pragma once

#include <string>
#include <vector>

namespace ontonet {

struct BarChart {
  std::string title, x_label;
  std::vector<std::string> labels;
  std::vector<double> values;  // a non-finite value draws no bar and "n/a" at the zero line
  std::vector<double>
      errors;  // empty, or one per bar: draws value +- error (none if < 0 or non-finite)
  // Empty, or one per bar: bars of a group share a palette color, in order of first appearance,
  // and a legend to the right of the plot names the groups.
  std::vector<std::string> groups;
  // Groups to list first in the legend, in this order, so that a group keeps its color across
  // figures whichever group its first bar belongs to; groups without a bar are left out.
  std::vector<std::string> legend_order;
};

// Throws ConfigError("figure", ...) when there is no bar, or values, errors or groups do not
// match the labels in size.
std::string render_bar_chart(const BarChart& chart);

}  // namespace ontonet
