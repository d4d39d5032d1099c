#include "ontonet/report/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

// Panel layout, in pixels from the panel's top-left corner.
constexpr double kTitleBaseline = 22;
constexpr double kPlotTop = 36;
constexpr double kPlotBottom = kLinePanelHeight - 50;
constexpr double kTickFont = 11;
constexpr double kLabelFont = 12;
constexpr double kLegendRowHeight = 18;
constexpr std::size_t kLegendMaxChars = 28;
constexpr double kRangePadding = 0.04;
const char* const kGridColor = "#e5e5e5";
const char* const kFrameColor = "#333333";

using Ticks = std::vector<std::pair<double, std::string>>;

struct PanelLayout {
  PanelScales scales;
  Ticks x_ticks;
  Ticks y_ticks;
  double legend_left = 0;
};

bool drawable(double value, bool log) { return std::isfinite(value) && (!log || value > 0); }

bool has_error_bar(const ChartSeries& series, std::size_t i) {
  return !series.y_error.empty() && std::isfinite(series.y_error[i]) && series.y_error[i] >= 0;
}

// Running minimum and maximum of the values seen.
struct Extent {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double value) {
    lo = std::min(lo, value);
    hi = std::max(hi, value);
  }
  bool empty() const { return lo > hi; }
};

std::pair<double, double> axis_range(const Extent& extent, bool log) {
  if (extent.empty()) return log ? std::pair{1.0, 10.0} : std::pair{0.0, 1.0};
  return padded_range(extent.lo, extent.hi, log, kRangePadding);
}

Ticks automatic_ticks(double lo, double hi, bool log) {
  const std::vector<double> values = log ? log_ticks(lo, hi) : nice_ticks(lo, hi);
  const std::vector<std::string> labels = tick_labels(values);
  Ticks ticks;
  for (std::size_t k = 0; k < values.size(); ++k) ticks.emplace_back(values[k], labels[k]);
  return ticks;
}

std::vector<std::string> legend_labels(const LineChart& panel) {
  std::vector<std::string> labels;
  for (const ChartSeries& series : panel.series) {
    if (!series.label.empty()) labels.push_back(truncated_label(series.label, kLegendMaxChars));
  }
  for (const ReferenceLine& reference : panel.references) {
    if (!reference.label.empty()) {
      labels.push_back(truncated_label(reference.label, kLegendMaxChars));
    }
  }
  return labels;
}

PanelLayout layout_of(const LineChart& panel) {
  Extent x_extent;
  Extent y_extent;
  for (const ChartSeries& series : panel.series) {
    for (std::size_t i = 0; i < series.x.size(); ++i) {
      const double x = series.x[i];
      const double y = series.y[i];
      if (!drawable(x, panel.log_x) || !drawable(y, panel.log_y)) continue;
      x_extent.add(x);
      y_extent.add(y);
      if (!has_error_bar(series, i)) continue;
      y_extent.add(y + series.y_error[i]);
      if (drawable(y - series.y_error[i], panel.log_y)) y_extent.add(y - series.y_error[i]);
    }
  }
  for (const ReferenceLine& reference : panel.references) {
    if (drawable(reference.y, panel.log_y)) y_extent.add(reference.y);
  }
  for (const auto& [position, label] : panel.x_ticks) {
    if (drawable(position, panel.log_x)) x_extent.add(position);
  }

  PanelLayout layout;
  const auto [x_lo, x_hi] = axis_range(x_extent, panel.log_x);
  const auto [y_lo, y_hi] = axis_range(y_extent, panel.log_y);
  layout.y_ticks = automatic_ticks(y_lo, y_hi, panel.log_y);
  if (panel.x_ticks.empty()) {
    layout.x_ticks = automatic_ticks(x_lo, x_hi, panel.log_x);
  } else {
    for (const auto& tick : panel.x_ticks) {
      if (drawable(tick.first, panel.log_x)) layout.x_ticks.push_back(tick);
    }
  }

  // The plot area leaves room for the rotated y label and the widest y tick label on the left,
  // and for the legend on the right.
  double widest_tick = 0;
  for (const auto& tick : layout.y_ticks) {
    widest_tick = std::max(widest_tick, estimated_text_width(tick.second, kTickFont));
  }
  const double plot_left = std::max(56.0, 32 + widest_tick);
  double legend_width = 0;
  for (const std::string& label : legend_labels(panel)) {
    legend_width = std::max(legend_width, 36 + estimated_text_width(label, kTickFont));
  }
  const double plot_right = kLinePanelWidth - 14 - legend_width;
  layout.legend_left = plot_right + 12;
  layout.scales.x = AxisScale{x_lo, x_hi, plot_left, plot_right, panel.log_x};
  layout.scales.y = AxisScale{y_lo, y_hi, kPlotBottom, kPlotTop, panel.log_y};
  return layout;
}

void check_panels(const std::vector<LineChart>& panels, int columns) {
  if (panels.empty()) throw ConfigError("figure", "needs at least one panel");
  if (columns < 1) {
    throw ConfigError("figure", "needs at least 1 column, got " + std::to_string(columns));
  }
  for (std::size_t p = 0; p < panels.size(); ++p) {
    for (const ChartSeries& series : panels[p].series) {
      const std::string where = "panel " + std::to_string(p + 1) + " (\"" + panels[p].title +
                                "\"), series \"" + series.label + "\": ";
      if (series.x.size() != series.y.size()) {
        throw ConfigError("figure", where + "x has " + std::to_string(series.x.size()) +
                                        " values but y has " + std::to_string(series.y.size()));
      }
      if (!series.y_error.empty() && series.y_error.size() != series.y.size()) {
        throw ConfigError("figure", where + "y_error has " + std::to_string(series.y_error.size()) +
                                        " values, expected 0 or " +
                                        std::to_string(series.y.size()));
      }
    }
  }
}

void draw_axes(SvgDocument& svg, const LineChart& panel, const PanelLayout& layout) {
  const AxisScale& x = layout.scales.x;
  const AxisScale& y = layout.scales.y;
  const StrokeStyle grid{kGridColor, 1, false};
  const StrokeStyle tick_mark{kFrameColor, 1, false};
  const TextStyle x_tick_text{kTickFont, TextAnchor::kMiddle};
  const TextStyle y_tick_text{kTickFont, TextAnchor::kEnd};
  // A label that would run into the one drawn before it is left out (its tick and grid line stay):
  // log axes with 2 and 5 ticks crowd their right end.
  double last_label_end = -1e300;
  for (const auto& [value, label] : layout.x_ticks) {
    const double px = x.to_pixel(value);
    svg.line(px, kPlotTop, px, kPlotBottom, grid);
    svg.line(px, kPlotBottom, px, kPlotBottom + 4, tick_mark);
    const double half_width = estimated_text_width(label, kTickFont) / 2;
    if (px - half_width < last_label_end + 4) continue;
    svg.text(px, kPlotBottom + 16, label, x_tick_text);
    last_label_end = px + half_width;
  }
  for (const auto& [value, label] : layout.y_ticks) {
    const double py = y.to_pixel(value);
    svg.line(x.pixel_lo, py, x.pixel_hi, py, grid);
    svg.line(x.pixel_lo - 4, py, x.pixel_lo, py, tick_mark);
    svg.text(x.pixel_lo - 6, py + 4, label, y_tick_text);
  }
  const double plot_width = x.pixel_hi - x.pixel_lo;
  const double plot_height = kPlotBottom - kPlotTop;
  const double centre_x = (x.pixel_lo + x.pixel_hi) / 2;
  const auto chars_in = [](double pixels, double font) {
    return static_cast<std::size_t>(std::max(1.0, pixels / (0.6 * font)));
  };
  svg.text(centre_x, kTitleBaseline,
           truncated_label(panel.title, chars_in(kLinePanelWidth - 20, 14)),
           TextStyle{14, TextAnchor::kMiddle, true});
  svg.text(centre_x, kPlotBottom + 38, truncated_label(panel.x_label, chars_in(plot_width, 12)),
           TextStyle{kLabelFont, TextAnchor::kMiddle});
  svg.text(16, (kPlotTop + kPlotBottom) / 2,
           truncated_label(panel.y_label, chars_in(plot_height, 12)),
           TextStyle{kLabelFont, TextAnchor::kMiddle, false, -90});
}

void draw_series(SvgDocument& svg, const LineChart& panel, const ChartSeries& series,
                 const std::string& color, const PanelScales& scales) {
  const StrokeStyle line_style{color, 2, series.dashed};
  const StrokeStyle error_style{color, 1, false};
  std::vector<std::pair<double, double>> segment;
  std::vector<std::pair<double, double>> markers;
  for (std::size_t i = 0; i <= series.x.size(); ++i) {
    const bool point = i < series.x.size() && drawable(series.x[i], panel.log_x) &&
                       drawable(series.y[i], panel.log_y);
    if (!point) {  // a gap (or the end) closes the current piece of line
      svg.polyline(segment, line_style);
      segment.clear();
      continue;
    }
    const double px = scales.x.to_pixel(series.x[i]);
    const double py = scales.y.to_pixel(series.y[i]);
    segment.emplace_back(px, py);
    markers.emplace_back(px, py);
    if (!has_error_bar(series, i)) continue;
    const double low = series.y[i] - series.y_error[i];
    // On a log axis a bar reaching 0 or below runs to the bottom of the plot.
    const double low_px = drawable(low, panel.log_y) ? scales.y.to_pixel(low) : kPlotBottom;
    const double high_px = scales.y.to_pixel(series.y[i] + series.y_error[i]);
    svg.line(px, low_px, px, high_px, error_style);
    svg.line(px - 3, low_px, px + 3, low_px, error_style);
    svg.line(px - 3, high_px, px + 3, high_px, error_style);
  }
  if (!series.markers) return;
  for (const auto& [px, py] : markers) svg.circle(px, py, 3, color);
}

void draw_legend_entry(SvgDocument& svg, double left, double baseline, const std::string& label,
                       const std::string& color, bool dashed, bool marker) {
  const double middle = baseline - 4;
  svg.line(left, middle, left + 26, middle, StrokeStyle{color, 2, dashed});
  if (marker) svg.circle(left + 13, middle, 3, color);
  svg.text(left + 32, baseline, truncated_label(label, kLegendMaxChars), TextStyle{kTickFont});
}

void draw_panel(SvgDocument& svg, const LineChart& panel) {
  const PanelLayout layout = layout_of(panel);
  const PanelScales& scales = layout.scales;
  draw_axes(svg, panel, layout);

  // Automatic colors follow the palette over series, then reference lines.
  int next_color = 0;
  const auto color_of = [&next_color](int requested) {
    return palette_color(requested >= 0 ? requested : next_color++);
  };
  std::vector<std::string> series_colors;
  for (const ChartSeries& series : panel.series) series_colors.push_back(color_of(series.color));
  std::vector<std::string> reference_colors;
  for (const ReferenceLine& line : panel.references) {
    reference_colors.push_back(color_of(line.color));
  }

  for (std::size_t r = 0; r < panel.references.size(); ++r) {
    const ReferenceLine& line = panel.references[r];
    if (!drawable(line.y, panel.log_y)) continue;
    const double py = scales.y.to_pixel(line.y);
    svg.line(scales.x.pixel_lo, py, scales.x.pixel_hi, py,
             StrokeStyle{reference_colors[r], 1.5, line.dashed});
  }
  for (std::size_t s = 0; s < panel.series.size(); ++s) {
    draw_series(svg, panel, panel.series[s], series_colors[s], scales);
  }
  svg.rect(scales.x.pixel_lo, kPlotTop, scales.x.pixel_hi - scales.x.pixel_lo,
           kPlotBottom - kPlotTop, "none", kFrameColor);

  double baseline = kPlotTop + 12;
  for (std::size_t s = 0; s < panel.series.size(); ++s) {
    const ChartSeries& series = panel.series[s];
    if (series.label.empty()) continue;
    draw_legend_entry(svg, layout.legend_left, baseline, series.label, series_colors[s],
                      series.dashed, series.markers);
    baseline += kLegendRowHeight;
  }
  for (std::size_t r = 0; r < panel.references.size(); ++r) {
    const ReferenceLine& line = panel.references[r];
    if (line.label.empty()) continue;
    draw_legend_entry(svg, layout.legend_left, baseline, line.label, reference_colors[r],
                      line.dashed, false);
    baseline += kLegendRowHeight;
  }
}

}  // namespace

PanelScales line_chart_scales(const LineChart& panel) {
  check_panels({panel}, 1);
  return layout_of(panel).scales;
}

std::string render_line_charts(const std::vector<LineChart>& panels, int columns) {
  check_panels(panels, columns);
  const std::size_t n_columns = std::min(panels.size(), static_cast<std::size_t>(columns));
  const std::size_t n_rows = (panels.size() + n_columns - 1) / n_columns;
  SvgDocument svg(kLinePanelWidth * static_cast<double>(n_columns),
                  kLinePanelHeight * static_cast<double>(n_rows));
  for (std::size_t p = 0; p < panels.size(); ++p) {
    svg.begin_group(kLinePanelWidth * static_cast<double>(p % n_columns),
                    kLinePanelHeight * static_cast<double>(p / n_columns));
    draw_panel(svg, panels[p]);
    svg.end_group();
  }
  return svg.str();
}

}  // namespace ontonet
