#include "ontonet/report/heat_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <tuple>

#include "ontonet/core/error.hpp"
#include "ontonet/report/axis_ticks.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kLabelMaxChars = 40;
constexpr double kFont = 11;
constexpr double kCellFont = 10;
constexpr double kGridTop = 36;
constexpr double kColorBarWidth = 14;
constexpr int kColorBarSlices = 64;
constexpr double kSin45 = 0.70710678118654752;
const char* const kMissingColor = "#bdbdbd";  // grey, unlike any color of either scale
const char* const kFrameColor = "#333333";

using Rgb = std::array<double, 3>;

// ColorBrewer's Blues (light to dark) and RdBu (blue to red through near-white), 5 stops each.
const std::array<Rgb, 5> kSequential = {Rgb{0xf7, 0xfb, 0xff}, Rgb{0xc6, 0xdb, 0xef},
                                        Rgb{0x6b, 0xae, 0xd6}, Rgb{0x21, 0x71, 0xb5},
                                        Rgb{0x08, 0x30, 0x6b}};
const std::array<Rgb, 5> kDiverging = {Rgb{0x21, 0x66, 0xac}, Rgb{0x67, 0xa9, 0xcf},
                                       Rgb{0xf7, 0xf7, 0xf7}, Rgb{0xef, 0x8a, 0x62},
                                       Rgb{0xb2, 0x18, 0x2b}};

// The scale's color at `fraction` in [0, 1], interpolated linearly between stops.
Rgb color_at(double fraction, bool diverging) {
  const std::array<Rgb, 5>& stops = diverging ? kDiverging : kSequential;
  const double position = std::clamp(fraction, 0.0, 1.0) * (stops.size() - 1);
  const auto below = std::min(static_cast<std::size_t>(position), stops.size() - 2);
  const double weight = position - static_cast<double>(below);
  Rgb color;
  for (int c = 0; c < 3; ++c) {
    color[c] = stops[below][c] + weight * (stops[below + 1][c] - stops[below][c]);
  }
  return color;
}

std::string hex(const Rgb& color) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(std::lround(color[0])),
                static_cast<int>(std::lround(color[1])), static_cast<int>(std::lround(color[2])));
  return buffer;
}

// Relative luminance in [0, 1], good enough to choose black or white text.
double luminance(const Rgb& color) {
  return (0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2]) / 255;
}

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

void draw_color_bar(SvgDocument& svg, double left, double top, double height, double lo, double hi,
                    bool diverging) {
  const double slice = height / kColorBarSlices;
  for (int k = 0; k < kColorBarSlices; ++k) {
    const double fraction = (k + 0.5) / kColorBarSlices;
    // Slices overlap by half a pixel so no background line shows between them.
    const double extra = k + 1 < kColorBarSlices ? 0.5 : 0;
    svg.rect(left, top + height - slice * (k + 1) - extra, kColorBarWidth, slice + extra,
             hex(color_at(fraction, diverging)));
  }
  svg.rect(left, top, kColorBarWidth, height, "none", kFrameColor);
  const AxisScale scale{lo, hi, top + height, top, false};
  const double right = left + kColorBarWidth;
  const std::vector<double> ticks = nice_ticks(lo, hi);
  const std::vector<std::string> labels = tick_labels(ticks);
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    const double py = scale.to_pixel(ticks[k]);
    svg.line(right, py, right + 4, py, StrokeStyle{kFrameColor, 1, false});
    svg.text(right + 6, py + 4, labels[k], TextStyle{kFont});
  }
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
  double tick_width = 0;
  for (const std::string& label : tick_labels(nice_ticks(lo, hi))) {
    tick_width = std::max(tick_width, estimated_text_width(label, kFont));
  }
  const double bar_left = grid_right + 24;
  const double bar_height = std::clamp(grid_bottom - kGridTop, 120.0, 240.0);
  SvgDocument svg(bar_left + kColorBarWidth + 18 + tick_width,
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
      const Rgb color = color_at((value - lo) / (hi - lo), map.diverging);
      svg.rect(left, top, cell_width, cell_height, hex(color), "#ffffff");
      if (!map.annotate) continue;
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", value);
      if (estimated_text_width(text, kCellFont) > cell_width - 4 || cell_height < 13) continue;
      svg.text(left + cell_width / 2, top + cell_height / 2 + 3.5, text,
               TextStyle{kCellFont, TextAnchor::kMiddle, false, 0,
                         luminance(color) < 0.5 ? "#ffffff" : "#000000"});
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
