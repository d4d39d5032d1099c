#include "ontonet/report/heat_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <tuple>

#include "ontonet/core/error.hpp"
#include "ontonet/report/axis_ticks.hpp"
#include "ontonet/report/color_scale.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kLabelMaxChars = 40;
constexpr double kFont = 11;
constexpr double kCellFont = 10;
constexpr double kGridTop = 36;
constexpr double kSin45 = 0.70710678118654752;

void check_map(const HeatMap& map) {
  if (map.values.size() == 0) throw ConfigError("figure", "a heat map needs at least one cell");
  const auto rows = static_cast<std::size_t>(map.values.rows());
  const auto columns = static_cast<std::size_t>(map.values.cols());
  if (map.row_labels.size() != rows || map.column_labels.size() != columns) {
    throw ConfigError("figure", "heat map: values are " + std::to_string(rows) + " x " +
                                    std::to_string(columns) + " but there are " +
                                    std::to_string(map.row_labels.size()) + " row labels and " +
                                    std::to_string(map.column_labels.size()) +
                                    " column labels, expected one per row and column");
  }
}

std::pair<double, double> color_range(const HeatMap& map) {
  double lo = map.min;
  double hi = map.max;
  if (!(lo < hi)) {
    lo = std::numeric_limits<double>::infinity();
    hi = -lo;
    for (const double value : map.values.reshaped()) {
      if (!std::isfinite(value)) continue;
      lo = std::min(lo, value);
      hi = std::max(hi, value);
    }
    if (lo > hi) return {map.diverging ? -1.0 : 0.0, 1.0};
    std::tie(lo, hi) = padded_range(lo, hi, false, 0);
  }
  if (!map.diverging) return {lo, hi};
  const double limit = std::max(std::abs(lo), std::abs(hi));
  return {-limit, limit};
}

double max_width(const std::vector<std::string>& labels) {
  double width = 0;
  for (const std::string& label : labels) {
    width = std::max(width, estimated_text_width(truncated_label(label, kLabelMaxChars), kFont));
  }
  return width;
}

}  // namespace

std::string render_heat_map(const HeatMap& map) {
  check_map(map);
  const auto rows = static_cast<std::size_t>(map.values.rows());
  const auto columns = static_cast<std::size_t>(map.values.cols());
  const double cell_width = std::clamp(560.0 / static_cast<double>(columns), 14.0, 48.0);
  const double cell_height = std::clamp(400.0 / static_cast<double>(rows), 14.0, 28.0);
  // Column labels run down-left from below their column at 45 degrees; the first one must not
  // leave the figure on the left.
  const double column_label_extent = max_width(map.column_labels) * kSin45;
  const double grid_left =
      std::max(18 + max_width(map.row_labels), column_label_extent - cell_width / 2 + 8);
  const double grid_right = grid_left + cell_width * static_cast<double>(columns);
  const double grid_bottom = kGridTop + cell_height * static_cast<double>(rows);

  const auto [lo, hi] = color_range(map);
  const double bar_left = grid_right + 24;
  const double bar_height = std::clamp(grid_bottom - kGridTop, 120.0, 240.0);
  SvgDocument svg(bar_left + color_bar_extent(lo, hi),
                  std::max(grid_bottom + 24 + column_label_extent, kGridTop + bar_height + 20));

  for (std::size_t i = 0; i < rows; ++i) {
    const double top = kGridTop + cell_height * static_cast<double>(i);
    svg.text(grid_left - 6, top + cell_height / 2 + 4,
             truncated_label(map.row_labels[i], kLabelMaxChars),
             TextStyle{kFont, TextAnchor::kEnd});
    for (std::size_t j = 0; j < columns; ++j) {
      const double left = grid_left + cell_width * static_cast<double>(j);
      const double value = map.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (!std::isfinite(value)) {
        svg.rect(left, top, cell_width, cell_height, kMissingColor, "#ffffff");
        continue;
      }
      const Rgb color = scale_color((value - lo) / (hi - lo), map.diverging);
      svg.rect(left, top, cell_width, cell_height, hex_color(color), "#ffffff");
      if (!map.annotate) continue;
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", value);
      if (estimated_text_width(text, kCellFont) > cell_width - 4 || cell_height < 13) continue;
      svg.text(left + cell_width / 2, top + cell_height / 2 + 3.5, text,
               TextStyle{kCellFont, TextAnchor::kMiddle, false, 0, text_color_on(color)});
    }
  }
  for (std::size_t j = 0; j < columns; ++j) {
    const double centre = grid_left + cell_width * (static_cast<double>(j) + 0.5);
    svg.text(centre + 3, grid_bottom + 10, truncated_label(map.column_labels[j], kLabelMaxChars),
             TextStyle{kFont, TextAnchor::kEnd, false, -45});
  }
  draw_color_bar(svg, bar_left, kGridTop, bar_height, lo, hi, map.diverging);
  const auto title_chars = static_cast<std::size_t>(svg.width() / (0.6 * 14));
  svg.text(svg.width() / 2, 22, truncated_label(map.title, title_chars),
           TextStyle{14, TextAnchor::kMiddle, true});
  return svg.str();
}

}  // namespace ontonet
