#include "ontonet/report/table_chart.hpp"

#include <algorithm>
#include <numeric>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// Distinct values of `column` in order of first appearance; one empty value without a column.
std::vector<std::string> groups(const TextTable& table, const std::string& column) {
  if (column.empty()) return {""};
  const std::size_t index = table.column(column);
  std::vector<std::string> values;
  for (const std::vector<std::string>& row : table.rows) {
    if (std::find(values.begin(), values.end(), row[index]) == values.end()) {
      values.push_back(row[index]);
    }
  }
  return values;
}

bool in_group(const TextTable& table, std::size_t row, const std::string& column,
              const std::string& value) {
  return column.empty() || table.rows[row][table.column(column)] == value;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::vector<LineChart> table_charts(const TextTable& table, const TableChartOptions& options) {
  if (options.y.empty()) throw ConfigError("plot", "needs at least one y column");
  if (!options.error.empty() && options.y.size() != 1) {
    throw ConfigError("plot",
                      "error bars need a single y column, got " + std::to_string(options.y.size()));
  }
  const std::size_t x = table.column(options.x);
  const std::size_t error = options.error.empty() ? 0 : table.column(options.error);
  std::vector<LineChart> charts;
  for (const std::string& panel : groups(table, options.panel)) {
    LineChart chart;
    const std::string title =
        options.title.empty() ? joined(options.y) + " versus " + options.x : options.title;
    chart.title = panel.empty() ? title : panel + ": " + title;
    chart.x_label = options.x_label.empty() ? options.x : options.x_label;
    chart.y_label = options.y_label.empty() ? joined(options.y) : options.y_label;
    chart.log_x = options.log_x;
    chart.log_y = options.log_y;
    for (const std::string& series : groups(table, options.series)) {
      for (const std::string& y_name : options.y) {
        const std::size_t y = table.column(y_name);
        std::vector<std::size_t> rows;
        for (std::size_t row = 0; row < table.rows.size(); ++row) {
          if (in_group(table, row, options.panel, panel) &&
              in_group(table, row, options.series, series)) {
            rows.push_back(row);
          }
        }
        std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
          return table.number(a, x) < table.number(b, x);
        });
        ChartSeries line;
        line.label = series.empty()          ? y_name
                     : options.y.size() == 1 ? series
                                             : series + ", " + y_name;
        for (std::size_t row : rows) {
          line.x.push_back(table.number(row, x));
          line.y.push_back(table.number(row, y));
          if (!options.error.empty()) line.y_error.push_back(table.number(row, error));
        }
        chart.series.push_back(std::move(line));
      }
    }
    charts.push_back(std::move(chart));
  }
  return charts;
}

}  // namespace ontonet
