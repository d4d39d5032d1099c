// Line charts as SVG: learning curves, metrics against a parameter, and the like. A figure is a
// grid of panels (560 x 400 px each); every panel has its title, axis labels, light grid lines at
// the ticks and a legend to the right of its plot area, where it can never hide data. Series take
// the Okabe-Ito colorblind-safe palette in order unless they name a color.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ontonet/report/axis_ticks.hpp"

namespace ontonet {

struct ChartSeries {
  std::string label;  // empty: not in the legend
  std::vector<double> x, y;
  std::vector<double> y_error;  // empty, or one per point: draws y +- error bars
  bool dashed = false;
  bool markers = true;
  int color = -1;  // -1: the next palette color; else a palette index (palette_color)
};

// A horizontal line across the panel at `y` (a baseline's score, chance level), in the legend.
struct ReferenceLine {
  std::string label;
  double y = 0;
  bool dashed = true;
  int color = -1;
};

struct LineChart {
  std::string title, x_label, y_label;
  bool log_x = false;
  bool log_y = false;
  std::vector<ChartSeries> series;
  std::vector<ReferenceLine> references;
  // Empty: automatic ticks. Else exactly these (position, label) ticks, e.g. to label the leftmost
  // point of a log axis "0"; their positions count towards the x range.
  std::vector<std::pair<double, std::string>> x_ticks;
};

// Width and height of one panel, legend included.
constexpr double kLinePanelWidth = 560;
constexpr double kLinePanelHeight = 400;

// Where a panel draws data, in the panel's own pixels (origin at its top-left corner).
struct PanelScales {
  AxisScale x;
  AxisScale y;
};

// The panel's data-to-pixel mapping. The x range covers every drawable point and x tick, the y
// range every drawable point with its error bar and every reference line, each padded by 4%.
// A point is drawable when x and y are finite, and positive on a log axis; the others are skipped
// and break their line. A negative or non-finite error draws no bar. Requires a valid panel (see
// render_line_charts).
PanelScales line_chart_scales(const LineChart& panel);

// A figure of `panels` in a grid of `columns` columns (fewer when there are fewer panels), filled
// row by row. Throws ConfigError("figure", ...) when there is no panel, columns < 1, a series'
// x and y differ in size, or its y_error is neither empty nor of that size.
std::string render_line_charts(const std::vector<LineChart>& panels, int columns = 2);

}  // namespace ontonet
