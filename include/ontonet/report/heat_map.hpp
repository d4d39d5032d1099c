// Heat maps as SVG, e.g. term importance per drug or metric per setting: one colored cell per
// matrix entry, row labels on the left, column labels below at 45 degrees, and a color bar with
// ticks on the right. Non-finite entries are drawn grey, apart from every color of the scale.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace ontonet {

struct HeatMap {
  std::string title;
  std::vector<std::string> row_labels, column_labels;
  Eigen::MatrixXd values;  // [rows, columns]
  // The color range; values outside take the end colors. If min >= max, the finite data's range.
  double min = 0;
  double max = 0;
  // true: blue-white-red with white at 0 and the range made symmetric about 0;
  // false: a sequential scale from light (min) to dark (max).
  bool diverging = false;
  bool annotate = true;  // print each value in its cell when the text fits
};

// Throws ConfigError("figure", ...) when the matrix is empty or its shape does not match the
// labels.
std::string render_heat_map(const HeatMap& map);

}  // namespace ontonet
