// Line charts drawn straight from a table (io/text_table.hpp): one point per row, one line per
// value of a series column, one panel per value of a panel column. `ontonet plot` draws the
// tables ontonet writes (log.tsv, comparison.tsv, learning_curves.tsv) and a user's own this way.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/text_table.hpp"
#include "ontonet/report/line_chart.hpp"

namespace ontonet {

struct TableChartOptions {
  std::string x;
  std::vector<std::string> y;  // one line per y column (and per series value)
  std::string error;           // optional column of +- error bars (with a single y column)
  std::string series;          // optional: one line per distinct value, in order of appearance
  std::string panel;           // optional: one panel per distinct value, in order of appearance
  bool log_x = false;
  bool log_y = false;
  std::string title;    // default: y over x; a panel's title is prefixed with its value
  std::string x_label;  // default: the x column
  std::string y_label;  // default: the y column(s)
};

// Points sorted by x within each line. Throws InputError (from TextTable) for a missing column or a
// non-numeric value, and ConfigError("plot", ...) for no y column, or an error column with several.
std::vector<LineChart> table_charts(const TextTable& table, const TableChartOptions& options);

}  // namespace ontonet
