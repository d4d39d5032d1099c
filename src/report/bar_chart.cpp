#include "ontonet/report/bar_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "ontonet/core/error.hpp"
#include "ontonet/report/axis_ticks.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kLabelMaxChars = 40;
constexpr std::size_t kLegendMaxChars = 28;
constexpr double kFont = 11;
constexpr double kPlotTop = 36;
constexpr double kPlotWidth = 420;
constexpr double kRowHeight = 22;
constexpr double kBarThickness = 14;
const char* const kFrameColor = "#333333";

void check_chart(const BarChart& chart) {
  const std::size_t n = chart.labels.size();
  if (n == 0) throw ConfigError("figure", "a bar chart needs at least one bar");
  const auto check_size = [n](const char* name, std::size_t size, bool optional) {
    if (size == n || (optional && size == 0)) return;
    throw ConfigError("figure", std::string("bar chart: ") + name + " has " + std::to_string(size) +
                                    " entries, expected " + (optional ? "0 or " : "") +
                                    std::to_string(n) + " (one per label)");
  };
  check_size("values", chart.values.size(), false);
  check_size("errors", chart.errors.size(), true);
  check_size("groups", chart.groups.size(), true);
}

bool has_error(const BarChart& chart, std::size_t i) {
  return !chart.errors.empty() && std::isfinite(chart.errors[i]) && chart.errors[i] >= 0;
}

// The value axis always contains 0, where bars start; it is padded only on a side with data.
std::pair<double, double> value_range(const BarChart& chart) {
  double lo = 0;
  double hi = 0;
  for (std::size_t i = 0; i < chart.values.size(); ++i) {
    const double value = chart.values[i];
    if (!std::isfinite(value)) continue;
    const double error = has_error(chart, i) ? chart.errors[i] : 0;
    lo = std::min(lo, value - error);
    hi = std::max(hi, value + error);
  }
  const auto [padded_lo, padded_hi] = padded_range(lo, hi, false, 0.04);
  return {lo < 0 ? padded_lo : 0.0, hi > 0 || lo == 0 ? padded_hi : 0.0};
}

// chart.legend_order's groups that occur, then the others in order of first appearance; a group's
// color is its position here.
std::vector<std::string> group_order(const BarChart& chart) {
  std::vector<std::string> order;
  for (const std::string& group : chart.legend_order) {
    if (std::find(chart.groups.begin(), chart.groups.end(), group) != chart.groups.end() &&
        std::find(order.begin(), order.end(), group) == order.end()) {
      order.push_back(group);
    }
  }
  for (const std::string& group : chart.groups) {
    if (std::find(order.begin(), order.end(), group) == order.end()) order.push_back(group);
  }
  return order;
}

}  // namespace

std::string render_bar_chart(const BarChart& chart) {
  check_chart(chart);
  const std::size_t n = chart.labels.size();
  const std::vector<std::string> groups = group_order(chart);

  double label_width = 0;
  for (const std::string& label : chart.labels) {
    label_width =
        std::max(label_width, estimated_text_width(truncated_label(label, kLabelMaxChars), kFont));
  }
  double legend_width = 0;
  for (const std::string& group : groups) {
    legend_width = std::max(
        legend_width, 36 + estimated_text_width(truncated_label(group, kLegendMaxChars), kFont));
  }
  const double plot_left = 18 + label_width;
  const double plot_right = plot_left + kPlotWidth;
  const double plot_bottom = kPlotTop + kRowHeight * static_cast<double>(n);
  SvgDocument svg(plot_right + 20 + legend_width, plot_bottom + 50);

  const auto [lo, hi] = value_range(chart);
  const AxisScale scale{lo, hi, plot_left, plot_right, false};
  const std::vector<double> ticks = nice_ticks(lo, hi);
  const std::vector<std::string> labels = tick_labels(ticks);
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    const double px = scale.to_pixel(ticks[k]);
    svg.line(px, kPlotTop, px, plot_bottom, StrokeStyle{"#e5e5e5", 1, false});
    svg.line(px, plot_bottom, px, plot_bottom + 4, StrokeStyle{kFrameColor, 1, false});
    svg.text(px, plot_bottom + 16, labels[k], TextStyle{kFont, TextAnchor::kMiddle});
  }
  const double zero_px = scale.to_pixel(0);

  for (std::size_t i = 0; i < n; ++i) {
    const double row_top = kPlotTop + kRowHeight * static_cast<double>(i);
    const double middle = row_top + kRowHeight / 2;
    svg.text(plot_left - 6, middle + 4, truncated_label(chart.labels[i], kLabelMaxChars),
             TextStyle{kFont, TextAnchor::kEnd});
    const double value = chart.values[i];
    if (!std::isfinite(value)) {
      svg.text(zero_px + 4, middle + 4, "n/a",
               TextStyle{kFont, TextAnchor::kStart, false, 0, "#777777"});
      continue;
    }
    const std::string& color = palette_color(
        chart.groups.empty()
            ? 0
            : static_cast<int>(std::find(groups.begin(), groups.end(), chart.groups[i]) -
                               groups.begin()));
    const double value_px = scale.to_pixel(value);
    svg.rect(std::min(zero_px, value_px), middle - kBarThickness / 2, std::abs(value_px - zero_px),
             kBarThickness, color);
    if (!has_error(chart, i)) continue;
    const double error = chart.errors[i];
    const double low_px = scale.to_pixel(value - error);
    const double high_px = scale.to_pixel(value + error);
    const StrokeStyle error_style{kFrameColor, 1, false};
    svg.line(low_px, middle, high_px, middle, error_style);
    svg.line(low_px, middle - 3, low_px, middle + 3, error_style);
    svg.line(high_px, middle - 3, high_px, middle + 3, error_style);
  }

  svg.line(zero_px, kPlotTop, zero_px, plot_bottom, StrokeStyle{kFrameColor, 1, false});
  svg.line(plot_left, plot_bottom, plot_right, plot_bottom, StrokeStyle{kFrameColor, 1, false});
  const auto title_chars = static_cast<std::size_t>(svg.width() / (0.6 * 14));
  svg.text(svg.width() / 2, 22, truncated_label(chart.title, title_chars),
           TextStyle{14, TextAnchor::kMiddle, true});
  svg.text((plot_left + plot_right) / 2, plot_bottom + 38, chart.x_label,
           TextStyle{12, TextAnchor::kMiddle});
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double baseline = kPlotTop + 12 + 18 * static_cast<double>(g);
    svg.rect(plot_right + 20, baseline - 10, 12, 12, palette_color(static_cast<int>(g)));
    svg.text(plot_right + 38, baseline, truncated_label(groups[g], kLegendMaxChars),
             TextStyle{kFont});
  }
  return svg.str();
}

}  // namespace ontonet
