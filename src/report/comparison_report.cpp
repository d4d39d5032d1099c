#include "ontonet/report/comparison_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/report/line_chart.hpp"
#include "ontonet/report/svg_document.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kSplits[] = {"train", "validation", "test"};
// Palette colors 0-2 draw the ontology network's train, validation and test series; the controls
// and the linear baseline take the next ones, in every panel.
constexpr int kFirstControlColor = 3;

nlohmann::json json_mean_sd(const MeanSd& value) {
  return {{"mean", json_number(value.mean)}, {"sd", json_number(value.sd)}, {"n", value.n}};
}

const MeanSd* find_metric(const ModelSummary& model, const std::string& split,
                          const std::string& metric) {
  const auto found = model.metrics.find(split);
  if (found == model.metrics.end()) return nullptr;
  const auto value = found->second.find(metric);
  return value == found->second.end() ? nullptr : &value->second;
}

double run_metric(const ComparisonRun& run, const std::string& split, const std::string& metric) {
  const auto found = run.result.metrics.find(split);
  if (found == run.result.metrics.end()) return kNaN;
  const auto value = found->second.find(metric);
  return value == found->second.end() ? kNaN : value->second;
}

double linear_metric(const LinearBaselineResult& linear, const std::string& split,
                     const std::string& metric) {
  const auto found = linear.metrics.find(split);
  if (found == linear.metrics.end()) return kNaN;
  const auto value = found->second.find(metric);
  return value == found->second.end() ? kNaN : value->second;
}

void write_model_table(const std::string& path, const ComparisonReport& report) {
  const ComparisonResult& result = report.result;
  const std::string& main = report.summary.main_metric;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "model\tarchitecture\tlambda\tparameters\tweights\tnonzero_weights\tseeds";
    for (const char* split : kSplits) {
      out << "\t" << split << "_loss_mean\t" << split << "_loss_sd\t" << split << "_" << main
          << "_mean\t" << split << "_" << main << "_sd";
    }
    out << "\tbest_epoch_mean\tseconds_mean\tselected\n";
    for (const ModelSummary& model : report.summary.models) {
      const ComparedModel& compared = result.models[model.model];
      out << compared.name << "\t" << compared.architecture << "\t" << tsv_number(compared.lambda)
          << "\t" << model.parameters << "\t" << model.weights << "\t"
          << tsv_number(model.nonzero_weights.mean) << "\t" << model.seconds.n;
      for (const char* split : kSplits) {
        for (const std::string& metric : {std::string("loss"), main}) {
          const MeanSd* value = find_metric(model, split, metric);
          out << "\t" << (value ? tsv_number(value->mean) : "NA") << "\t"
              << (value ? tsv_number(value->sd) : "NA");
        }
      }
      out << "\t" << tsv_number(model.best_epoch.mean) << "\t" << tsv_number(model.seconds.mean)
          << "\t" << (model.model == report.summary.selected ? 1 : 0) << "\n";
    }
    if (report.linear) {
      const LinearBaselineResult& linear = *report.linear;
      out << linear.model << "\tlinear\t" << tsv_number(linear.penalty) << "\tNA\tNA\tNA\t1";
      for (const char* split : kSplits) {
        for (const std::string& metric : {std::string("loss"), main}) {
          out << "\t" << tsv_number(linear_metric(linear, split, metric)) << "\tNA";
        }
      }
      out << "\tNA\tNA\t0\n";
    }
  });
}

void write_run_table(const std::string& path, const ComparisonReport& report) {
  const ComparisonResult& result = report.result;
  const std::string& main = report.summary.main_metric;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "model\tarchitecture\tlambda\tseed\tparameters\tweights\tnonzero_weights\tbest_epoch"
           "\tepochs_run\tstopped_early";
    for (const char* split : kSplits) out << "\t" << split << "_loss\t" << split << "_" << main;
    out << "\tseconds\n";
    for (const ComparisonRun& run : result.runs) {
      const ComparedModel& compared = result.models[run.model];
      out << compared.name << "\t" << compared.architecture << "\t" << tsv_number(compared.lambda)
          << "\t" << run.seed << "\t" << run.parameters << "\t" << run.weights << "\t"
          << run.nonzero_weights << "\t" << run.result.best_epoch << "\t"
          << run.result.history.size() << "\t" << (run.result.stopped_early ? 1 : 0);
      for (const char* split : kSplits) {
        out << "\t" << tsv_number(run_metric(run, split, "loss")) << "\t"
            << tsv_number(run_metric(run, split, main));
      }
      out << "\t" << tsv_number(run.seconds) << "\n";
    }
  });
}

void write_difference_table(const std::string& path, const ComparisonReport& report) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "model\treference\tsplit\tmetric\tmean_difference\tsd\tci95_low\tci95_high\tseeds"
           "\tmodel_better\n";
    for (const PairedDifference& paired : report.summary.differences) {
      out << report.result.models[paired.model].name << "\t"
          << report.result.models[paired.reference].name << "\t" << paired.split << "\t"
          << paired.metric << "\t" << tsv_number(paired.difference.mean) << "\t"
          << tsv_number(paired.difference.sd) << "\t" << tsv_number(paired.ci_low) << "\t"
          << tsv_number(paired.ci_high) << "\t" << paired.difference.n << "\t"
          << paired.model_better << "\n";
    }
  });
}

void write_curve_table(const std::string& path, const ComparisonResult& result) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "model\tepoch\truns\ttrain_objective_mean\ttrain_objective_sd\tvalidation_loss_mean"
           "\tvalidation_loss_sd\n";
    for (std::size_t m = 0; m < result.models.size(); ++m) {
      const LearningCurve curve = learning_curve(result, m);
      for (std::size_t e = 0; e < curve.epoch.size(); ++e) {
        out << result.models[m].name << "\t" << curve.epoch[e] << "\t" << curve.runs[e] << "\t"
            << tsv_number(curve.train_mean[e]) << "\t" << tsv_number(curve.train_sd[e]) << "\t"
            << tsv_number(curve.validation_mean[e]) << "\t" << tsv_number(curve.validation_sd[e])
            << "\n";
      }
    }
  });
}

nlohmann::json report_json(const ComparisonReport& report) {
  const ComparisonResult& result = report.result;
  nlohmann::json models = nlohmann::json::array();
  for (const ModelSummary& model : report.summary.models) {
    const ComparedModel& compared = result.models[model.model];
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [split, values] : model.metrics) {
      for (const auto& [metric, value] : values) metrics[split][metric] = json_mean_sd(value);
    }
    nlohmann::json runs = nlohmann::json::array();
    for (const ComparisonRun& run : result.runs) {
      if (run.model != model.model) continue;
      nlohmann::json run_metrics = nlohmann::json::object();
      for (const auto& [split, values] : run.result.metrics) {
        for (const auto& [metric, value] : values) run_metrics[split][metric] = json_number(value);
      }
      runs.push_back({{"seed", run.seed},
                      {"best_epoch", run.result.best_epoch},
                      {"epochs_run", run.result.history.size()},
                      {"stopped_early", run.result.stopped_early},
                      {"nonzero_weights", run.nonzero_weights},
                      {"seconds", run.seconds},
                      {"metrics", run_metrics}});
    }
    const LearningCurve curve = learning_curve(result, model.model);
    nlohmann::json train_mean = nlohmann::json::array(), validation_mean = nlohmann::json::array();
    for (std::size_t e = 0; e < curve.epoch.size(); ++e) {
      train_mean.push_back(json_number(curve.train_mean[e]));
      validation_mean.push_back(json_number(curve.validation_mean[e]));
    }
    models.push_back(
        {{"name", compared.name},
         {"architecture", compared.architecture},
         {"lambda", compared.lambda},
         {"parameters", model.parameters},
         {"weights", model.weights},
         {"nonzero_weights", json_mean_sd(model.nonzero_weights)},
         {"best_epoch", json_mean_sd(model.best_epoch)},
         {"seconds", json_mean_sd(model.seconds)},
         {"metrics", metrics},
         {"runs", runs},
         {"learning_curve",
          {{"train_objective_mean", train_mean}, {"validation_loss_mean", validation_mean}}}});
  }
  nlohmann::json differences = nlohmann::json::array();
  for (const PairedDifference& paired : report.summary.differences) {
    differences.push_back({{"model", result.models[paired.model].name},
                           {"reference", result.models[paired.reference].name},
                           {"split", paired.split},
                           {"metric", paired.metric},
                           {"difference", json_mean_sd(paired.difference)},
                           {"ci95", {json_number(paired.ci_low), json_number(paired.ci_high)}},
                           {"model_better", paired.model_better}});
  }
  return {{"task", task_kind_name(result.task)},
          {"penalty", result.penalty},
          {"main_metric", report.summary.main_metric},
          {"selected", result.models[report.summary.selected].name},
          {"models", models},
          {"paired_differences", differences},
          {"context", report.context}};
}

// Lambda on a log axis: 0 sits one decade below the smallest positive lambda, labelled "0".
struct LambdaAxis {
  std::vector<double> positions;  // one per model of the grid, in model order
  std::vector<std::pair<double, std::string>> ticks;
  bool log = false;
};

LambdaAxis lambda_axis(const ComparisonResult& result, const std::vector<std::size_t>& grid) {
  LambdaAxis axis;
  double smallest = std::numeric_limits<double>::infinity();
  for (std::size_t m : grid) {
    if (result.models[m].lambda > 0.0) smallest = std::min(smallest, result.models[m].lambda);
  }
  axis.log = grid.size() > 1 && std::isfinite(smallest);
  for (std::size_t m : grid) {
    const double lambda = result.models[m].lambda;
    const double position = axis.log && lambda == 0.0 ? smallest / 10.0 : lambda;
    axis.positions.push_back(position);
    axis.ticks.emplace_back(position, lambda == 0.0 ? "0" : tsv_number(lambda));
  }
  return axis;
}

std::string figure(const ComparisonReport& report) {
  const ComparisonResult& result = report.result;
  const ComparisonSummary& summary = report.summary;
  const std::string& held_out = summary.held_out;
  const std::string& main = summary.main_metric;
  std::vector<std::size_t> grid, controls;
  for (std::size_t m = 0; m < result.models.size(); ++m) {
    (result.models[m].architecture == "ontology" ? grid : controls).push_back(m);
  }

  // Validation loss only: the training objective adds auxiliary heads and penalties that differ
  // between architectures, so its curves would not be comparable (learning_curves.tsv has it).
  LineChart curves;
  curves.title = "Validation loss per epoch";
  curves.x_label = "epoch";
  curves.y_label = "validation loss (mean over seeds)";
  // Colors: the selected ontology model blue, the first lambda vermillion, and each control the
  // color of its reference lines in the other panels.
  std::vector<std::pair<std::size_t, int>> shown{{summary.selected, 0}};
  if (!grid.empty() && grid.front() != summary.selected) shown.emplace_back(grid.front(), 1);
  for (std::size_t k = 0; k < controls.size(); ++k) {
    shown.emplace_back(controls[k], kFirstControlColor + static_cast<int>(k));
  }
  for (const auto& [model, color] : shown) {
    const LearningCurve curve = learning_curve(result, model);
    std::string label = result.models[model].name;
    if (model == summary.selected && grid.size() > 1) label += " *";
    curves.series.push_back({label, curve.epoch, curve.validation_mean, {}, false, false, color});
  }

  const LambdaAxis axis = lambda_axis(result, grid);
  const std::string lambda_label = "λ (" + result.penalty + " penalty)";
  LineChart loss;
  loss.title = "Loss versus λ (mean ± sd over seeds)";
  loss.x_label = lambda_label;
  loss.y_label = "loss";
  loss.log_x = axis.log;
  loss.x_ticks = axis.ticks;
  LineChart metric = loss;
  metric.title = held_out + " " + main + " versus λ";
  metric.y_label = held_out + " " + main;
  LineChart sparsity = loss;
  sparsity.title = "Nonzero connection weights versus λ";
  sparsity.y_label = "nonzero weights (mean over seeds)";

  const auto grid_series = [&](const std::string& label, const std::string& split,
                               const std::string& name, int color) {
    ChartSeries series{label, axis.positions, {}, {}, false, true, color};
    for (std::size_t m : grid) {
      const MeanSd* value = find_metric(summary.models[m], split, name);
      series.y.push_back(value ? value->mean : kNaN);
      series.y_error.push_back(value ? value->sd : kNaN);
    }
    return series;
  };
  loss.series.push_back(grid_series("ontology, train", "train", "loss", 0));
  loss.series.push_back(grid_series("ontology, validation", "validation", "loss", 1));
  if (held_out == "test") loss.series.push_back(grid_series("ontology, test", "test", "loss", 2));
  metric.series.push_back(grid_series("ontology", held_out, main, 2));
  ChartSeries nonzero{"ontology", axis.positions, {}, {}, false, true, 0};
  for (std::size_t m : grid) {
    nonzero.y.push_back(summary.models[m].nonzero_weights.mean);
    nonzero.y_error.push_back(summary.models[m].nonzero_weights.sd);
  }
  sparsity.series.push_back(nonzero);
  sparsity.references.push_back(
      {"all weights", static_cast<double>(grid.empty() ? 0 : summary.models[grid.front()].weights),
       true, 7});

  int color = kFirstControlColor;
  for (std::size_t m : controls) {
    const MeanSd* held_loss = find_metric(summary.models[m], held_out, "loss");
    const MeanSd* held_metric = find_metric(summary.models[m], held_out, main);
    const std::string name = result.models[m].name + ", " + held_out;
    if (held_loss) loss.references.push_back({name, held_loss->mean, true, color});
    if (held_metric) metric.references.push_back({name, held_metric->mean, true, color});
    ++color;
  }
  if (report.linear) {
    const std::string name = report.linear->model + ", " + held_out;
    loss.references.push_back({name, linear_metric(*report.linear, held_out, "loss"), true, color});
    metric.references.push_back({name, linear_metric(*report.linear, held_out, main), true, color});
  }
  return render_line_charts({curves, loss, metric, sparsity}, 2);
}

}  // namespace

LearningCurve learning_curve(const ComparisonResult& result, std::size_t model) {
  std::size_t longest = 0;
  for (const ComparisonRun& run : result.runs) {
    if (run.model == model) longest = std::max(longest, run.result.history.size());
  }
  LearningCurve curve;
  for (std::size_t e = 0; e < longest; ++e) {
    std::vector<double> train, validation;
    for (const ComparisonRun& run : result.runs) {
      if (run.model != model || run.result.history.size() <= e) continue;
      train.push_back(run.result.history[e].train_loss);
      validation.push_back(run.result.history[e].validation_loss);
    }
    const MeanSd train_summary = mean_sd(train);
    const MeanSd validation_summary = mean_sd(validation);
    curve.epoch.push_back(static_cast<double>(e + 1));
    curve.train_mean.push_back(train_summary.mean);
    curve.train_sd.push_back(train_summary.sd);
    curve.validation_mean.push_back(validation_summary.mean);
    curve.validation_sd.push_back(validation_summary.sd);
    curve.runs.push_back(static_cast<Index>(train.size()));
  }
  return curve;
}

void write_comparison_report(const std::string& folder, const ComparisonReport& report) {
  const std::string prefix = folder + "/";
  write_model_table(prefix + "comparison.tsv", report);
  write_run_table(prefix + "runs.tsv", report);
  write_difference_table(prefix + "paired_differences.tsv", report);
  write_curve_table(prefix + "learning_curves.tsv", report.result);
  nlohmann::json json = report_json(report);
  if (report.linear) json["linear_baseline"] = linear_baseline_json(*report.linear);
  write_file_atomically(prefix + "comparison.json",
                        [&](std::ostream& out) { out << json.dump(2) << "\n"; });
  write_svg(prefix + "comparison.svg", figure(report));
}

}  // namespace ontonet
