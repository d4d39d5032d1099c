// `ontonet compare`: what the ontology's wiring costs or gains. Trains the ontology network over a
// grid of penalty strengths and its controls (dense MLPs of the same widths and of the same
// parameter count, the shuffled-wiring control) over several seeds on the same data and splits,
// then writes the table, the paired differences against the dense baseline and the figure
// (report/comparison_report.hpp), and every run's model so any of them can be explained later.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "json_config.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/model_io.hpp"
#include "ontonet/report/comparison_report.hpp"
#include "ontonet/train/comparison.hpp"
#include "ontonet/train/comparison_record.hpp"
#include "ontonet/train/comparison_summary.hpp"
#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/task_metrics.hpp"
#include "run_inputs.hpp"
#include "training_options.hpp"

namespace ontonet::cli {

namespace {

struct CompareArguments {
  RunInputArguments inputs;
  ComparisonOptions compare;
  std::string out;
  bool linear_baseline = false;
  bool no_save_models = false;
  bool resume = false;
};

std::string mean_sd_text(const MeanSd& value) {
  if (value.n == 0) return "NA";
  std::ostringstream text;
  text << std::fixed << std::setprecision(4) << value.mean;
  if (value.n > 1) text << " ± " << std::setprecision(4) << value.sd;
  return text.str();
}

// One line per finished run, and the run's model and log saved under runs/<model>/seed<k>/.
class RunPrinter : public ComparisonObserver {
 public:
  RunPrinter(const CompareArguments& args, const RunInputs& inputs)
      : args_(args), inputs_(inputs) {}

  void on_run(const ComparedModel& model, const ComparisonRun& run, Model<float>& trained,
              std::size_t done, std::size_t total) override {
    const std::string main = main_metric_name(inputs_.data.task);
    std::string split = "train";  // the last resort of a run without held-out samples
    for (const char* held_out : {"test", "validation"}) {
      if (run.result.metrics.count(held_out) > 0) {
        split = held_out;
        break;
      }
    }
    const MetricSet& metrics = run.result.metrics.at(split);
    std::cout << "[" << std::setw(3) << done << "/" << total << "] " << std::left << std::setw(26)
              << model.name << std::right << " seed " << run.seed << "  best epoch " << std::setw(3)
              << run.result.best_epoch << "/" << run.result.history.size() << "  " << split
              << " loss " << std::fixed << std::setprecision(4) << metrics.at("loss") << "  "
              << main << " " << metrics.at(main) << std::setprecision(1) << "  (" << run.seconds
              << " s)" << std::defaultfloat << std::endl;
    const RunFolder folder(compared_run_folder(args_.out, model.name, run.seed));
    if (!args_.no_save_models) {
      folder.write_log(run.result.history);
      nlohmann::json metadata = model_metadata(inputs_);
      metadata["architecture"] = model.architecture;
      metadata["comparison_model"] = model.name;
      metadata["penalty"] = {{args_.compare.penalty, model.lambda}};
      metadata["seed"] = run.seed;
      metadata["best_epoch"] = run.result.best_epoch;
      metadata["metrics"] = metrics_json(run.result.metrics);
      save_model(folder.file("model.onm"), trained, metadata);
    }
    // Last, so that its presence tells --resume the run's folder is complete.
    folder.write_json("run.json", comparison_run_record(model, run));
  }

 private:
  const CompareArguments& args_;
  const RunInputs& inputs_;
};

void print_table(const ComparisonResult& result, const ComparisonSummary& summary,
                 const std::optional<LinearBaselineResult>& linear) {
  const std::string& main = summary.main_metric;
  const std::string& held_out = summary.held_out;
  std::cout << "\n"
            << std::left << std::setw(28) << "model" << std::right << std::setw(10) << "params"
            << std::setw(10) << "nonzero" << std::setw(20) << "train loss" << std::setw(20)
            << (held_out + " loss") << std::setw(20) << (held_out + " " + main) << std::setw(9)
            << "seconds"
            << "\n";
  const auto cell = [](const ModelSummary& model, const std::string& split,
                       const std::string& metric) {
    const auto found = model.metrics.find(split);
    if (found == model.metrics.end()) return std::string("NA");
    return mean_sd_text(found->second.at(metric));
  };
  const bool several_lambdas =
      std::count_if(result.models.begin(), result.models.end(),
                    [](const ComparedModel& m) { return m.architecture == "ontology"; }) > 1;
  for (const ModelSummary& model : summary.models) {
    std::string name = result.models[model.model].name;
    if (several_lambdas && model.model == summary.selected) name += " *";
    std::cout << std::left << std::setw(28) << name << std::right << std::setw(10)
              << model.parameters << std::setw(10) << std::llround(model.nonzero_weights.mean)
              << std::setw(20) << cell(model, "train", "loss") << std::setw(20)
              << cell(model, held_out, "loss") << std::setw(20) << cell(model, held_out, main)
              << std::setw(9) << std::fixed << std::setprecision(1) << model.seconds.mean
              << std::defaultfloat << "\n";
  }
  if (linear) {
    const auto test = linear->metrics.find(held_out);
    std::cout << std::left << std::setw(28) << linear->model << std::right << std::setw(10) << "-"
              << std::setw(10) << "-" << std::setw(20) << std::fixed << std::setprecision(4)
              << linear->metrics.at("train").at("loss");
    if (test != linear->metrics.end()) {
      std::cout << std::setw(20) << test->second.at("loss") << std::setw(20)
                << test->second.at(main);
    }
    std::cout << std::defaultfloat << "\n";
  }
  std::cout << "(mean ± sd over seeds; * the lambda with the lowest mean validation loss)\n";
  if (summary.differences.empty()) return;
  std::cout << "\npaired differences, model - dense, seed by seed (95% t interval):\n";
  for (const PairedDifference& paired : summary.differences) {
    std::cout << "  " << std::left << std::setw(26) << result.models[paired.model].name
              << std::setw(12) << (paired.split + " " + paired.metric) << std::right << std::fixed
              << std::setprecision(4) << std::setw(10) << paired.difference.mean << "  ["
              << paired.ci_low << ", " << paired.ci_high << "]  better in " << paired.model_better
              << " of " << paired.difference.n << " seeds" << std::defaultfloat << "\n";
  }
}

// Refuses to continue the comparison in `out` unless its config.json records the options given
// now (the number of threads aside, which changes no result).
void check_same_options(const std::string& out, const nlohmann::json& config) {
  const std::string path = out + "/config.json";
  if (!std::filesystem::exists(path)) {
    throw InputError(path, 0, "expected the config.json of the comparison --resume continues");
  }
  nlohmann::json earlier;
  try {
    earlier = nlohmann::json::parse(std::ifstream(path));
  } catch (const nlohmann::json::exception& error) {
    throw InputError(path, 0,
                     std::string("expected the comparison's JSON config: ") + error.what());
  }
  nlohmann::json now = config;
  for (nlohmann::json* side : {&earlier, &now}) {
    if (side->contains("compare") && (*side)["compare"].is_object()) {
      (*side)["compare"].erase("threads");
    }
  }
  if (earlier == now) return;
  const nlohmann::json before = earlier.value("compare", nlohmann::json::object());
  const nlohmann::json after = now.value("compare", nlohmann::json::object());
  std::string differing;
  const auto name = [&](const std::string& key) {
    differing += (differing.empty() ? "" : ", ") + key;
  };
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before.at(key) != value) name(key);
  }
  for (const auto& item : before.items()) {
    if (!after.contains(item.key())) name(item.key());
  }
  throw ConfigError("--resume", "the options differ from those of the comparison in " + path +
                                    " (" + (differing.empty() ? "schema" : differing) +
                                    "); continue it with the same options, or start a new --out");
}

// The runs an interrupted comparison in `out` finished, in run order (absent where not finished).
std::vector<std::optional<ComparisonRun>> finished_runs(const std::string& out,
                                                        const std::vector<ComparedModel>& models,
                                                        const ComparisonOptions& options) {
  std::vector<std::optional<ComparisonRun>> runs;
  for (std::size_t m = 0; m < models.size(); ++m) {
    for (Index k = 0; k < options.n_seeds; ++k) {
      const std::uint64_t seed = options.first_seed + static_cast<std::uint64_t>(k);
      const std::string path = compared_run_folder(out, models[m].name, seed) + "/run.json";
      if (!std::filesystem::exists(path)) {
        runs.emplace_back();
        continue;
      }
      nlohmann::json record;
      try {
        record = nlohmann::json::parse(std::ifstream(path));
      } catch (const nlohmann::json::exception& error) {
        throw InputError(path, 0,
                         std::string("expected a comparison run record: ") + error.what() +
                             " (delete the file to train this run again)");
      }
      runs.emplace_back(read_comparison_run_record(record, m, models[m], seed, path));
    }
  }
  return runs;
}

void run_compare(CompareArguments args, const CLI::App& command, ComparisonResult* sink) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the folder to write the report");
  args.compare.first_seed = args.inputs.network.seed;
  std::vector<std::string>& controls = args.compare.controls;
  if (std::find(controls.begin(), controls.end(), "none") != controls.end()) {
    if (controls.size() > 1) throw ConfigError("--controls", "none cannot be listed with others");
    controls.clear();
  }
  check_comparison_options(args.compare);
  const RunInputs inputs = load_run_inputs(args.inputs);
  const std::vector<ComparedModel> models = compared_models(args.compare);
  std::cout << "compare      " << models.size() << " models x " << args.compare.n_seeds
            << " seeds = " << models.size() * static_cast<std::size_t>(args.compare.n_seeds)
            << " runs; " << args.compare.penalty << " penalty on the ontology network:";
  for (double lambda : args.compare.lambdas) std::cout << " " << lambda;
  std::cout << "\n";

  const nlohmann::json config = effective_config(command, {"resume"});
  std::vector<std::optional<ComparisonRun>> earlier;
  if (args.resume) {
    check_same_options(args.out, config);
    earlier = finished_runs(args.out, models, args.compare);
    const auto n_finished = std::count_if(earlier.begin(), earlier.end(),
                                          [](const auto& run) { return run.has_value(); });
    std::cout << "resume       " << n_finished << " of " << earlier.size()
              << " runs finished earlier are read from " << args.out << "/runs\n";
  }
  const RunFolder folder(args.out);
  folder.write_json("config.json", config);
  RunPrinter printer(args, inputs);
  const ComparisonResult result =
      run_comparison(inputs.ontology_spec, inputs.data, args.compare, &printer, earlier);
  const ComparisonSummary summary = summarize_comparison(result);
  std::optional<LinearBaselineResult> linear;
  if (args.linear_baseline) linear = fit_linear_baseline_for(inputs.data);
  print_table(result, summary, linear);

  const nlohmann::json context = {
      {"data", inputs.data.description}, {"notes", inputs.data.notes}, {"config", config}};
  write_comparison_report(folder.path(), {result, summary, linear, context});
  std::cout << "\nreport       " << folder.path()
            << " (comparison.tsv, runs.tsv, paired_differences.tsv, learning_curves.tsv, "
               "comparison.json, comparison.svg"
            << (args.no_save_models ? "" : ", runs/<model>/seed<k>/model.onm") << ")\n";
  if (sink != nullptr) *sink = result;
}

}  // namespace

std::string compared_run_folder(const std::string& out, const std::string& model,
                                std::uint64_t seed) {
  std::string name = model;
  for (char& c : name) {
    if (c == ' ' || c == '=') c = '_';
  }
  return out + "/runs/" + name + "/seed" + std::to_string(seed);
}

void add_compare_command(CLI::App& app, ComparisonResult* result) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* compare = app.add_subcommand(
      "compare",
      "Measure what the ontology's wiring costs or gains: the network over a grid of penalty "
      "strengths against dense MLPs (same widths, same parameter count) and the shuffled-wiring "
      "control, over several seeds on the same data and splits");
  add_run_input_options(*compare, args->inputs);
  add_training_options(*compare, args->compare.train);
  const std::string group = "Comparison";
  ComparisonOptions& options = args->compare;
  compare
      ->add_option("--penalty", options.penalty,
                   "The penalty the grid sets on the ontology network: l1, l2 or group_lasso")
      ->check(CLI::IsMember({"l1", "l2", "group_lasso"}))
      ->capture_default_str()
      ->group(group);
  compare
      ->add_option("--lambdas", options.lambdas,
                   "Penalty strengths for the ontology network (the controls keep the training "
                   "options' value of that penalty, 0 by default)")
      ->delimiter(',')
      ->capture_default_str()
      ->group(group);
  compare
      ->add_option("--controls", options.controls,
                   "Controls to train: dense (same widths), dense_equal_params, shuffled, or "
                   "none (the ontology network alone)")
      ->delimiter(',')
      ->check(CLI::IsMember({"dense", "dense_equal_params", "shuffled", "none"}))
      ->capture_default_str()
      ->group(group);
  compare
      ->add_option("--seeds", options.n_seeds,
                   "Seeds per model: --seed, --seed + 1, ... (weights, batch order, shuffled "
                   "wiring); paired across models")
      ->capture_default_str()
      ->group(group);
  compare
      ->add_option("--threads", options.threads,
                   "Runs trained at once, one per thread (0: all cores); results do not depend on "
                   "it")
      ->capture_default_str()
      ->group(group);
  compare
      ->add_flag(
          "--linear-baseline", args->linear_baseline,
          "Also fit ridge (regression) or L2 logistic regression (binary) on the same splits")
      ->group(group);
  compare
      ->add_flag("--no-save-models", args->no_save_models,
                 "Do not save every run's model and log under OUT/runs/<model>/seed<k>/")
      ->group(group);
  compare
      ->add_flag("--resume", args->resume,
                 "Continue the interrupted comparison in --out: runs it finished (their run.json) "
                 "are read instead of trained; the options must be those of its config.json "
                 "(--threads aside)")
      ->group(group);
  compare->add_option("--out", args->out, "Report folder (created if needed)")->group("Output");
  compare->callback([args, compare, result] { run_compare(*args, *compare, result); });
}

}  // namespace ontonet::cli
