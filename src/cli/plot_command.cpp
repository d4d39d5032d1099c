// `ontonet plot`: a line chart (SVG) from a tab-separated table, such as the log.tsv of a run,
// a comparison's learning_curves.tsv, or a table gathered from several reports.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/text_table.hpp"
#include "ontonet/report/svg_document.hpp"
#include "ontonet/report/table_chart.hpp"

namespace ontonet::cli {

namespace {

struct PlotArguments {
  std::string table;
  TableChartOptions chart;
  int columns = 2;
  std::string out;
};

void run_plot(const PlotArguments& args) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the SVG file to write");
  const TextTable table = read_text_table(args.table);
  const std::vector<LineChart> charts = table_charts(table, args.chart);
  write_svg(args.out, render_line_charts(charts, args.columns));
  std::cout << "plot         " << args.out << ": " << charts.size() << " panel"
            << (charts.size() == 1 ? "" : "s") << " from " << table.rows.size() << " rows of "
            << args.table << "\n";
}

}  // namespace

void add_plot_command(CLI::App& app) {
  auto args = std::make_shared<PlotArguments>();
  CLI::App* plot = app.add_subcommand(
      "plot",
      "Draw a line chart (SVG) from a tab-separated table with a header: one point per row, one "
      "line per value of --series, one panel per value of --panel");
  plot->add_option("table", args->table, "The table (TSV with a header line)")
      ->required()
      ->check(CLI::ExistingFile);
  TableChartOptions& chart = args->chart;
  plot->add_option("--x", chart.x, "Column on the x axis")->required();
  plot->add_option("--y", chart.y, "Column(s) on the y axis, comma-separated")
      ->required()
      ->delimiter(',');
  plot->add_option("--error", chart.error, "Column of +- error bars (with one y column)");
  plot->add_option("--series", chart.series, "Column whose values make separate lines");
  plot->add_option("--panel", chart.panel, "Column whose values make separate panels");
  plot->add_flag("--log-x", chart.log_x, "Logarithmic x axis");
  plot->add_flag("--log-y", chart.log_y, "Logarithmic y axis");
  plot->add_option("--title", chart.title, "Panel title (default: y versus x)");
  plot->add_option("--x-label", chart.x_label, "x axis label (default: the x column)");
  plot->add_option("--y-label", chart.y_label, "y axis label (default: the y columns)");
  plot->add_option("--columns", args->columns, "Panels per row")->capture_default_str();
  plot->add_option("--out", args->out, "SVG file to write");
  plot->callback([args] { run_plot(*args); });
}

}  // namespace ontonet::cli
