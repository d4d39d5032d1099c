// `ontonet benchmark-explain --config C`: which explanations can be trusted, measured against a
// planted truth. For each scenario of the config: `simulate` plants causal terms and genes in the
// ontology, `compare` trains the ontology network and the dense baseline over several seeds on
// the simulated data, `explain` runs every attribution method on every trained model, and each
// method's ranking is scored against the truth (AUROC, AUPRC, precision at k, for genes and for
// terms), with its rank stability across seeds and its run time
// (docs/formats/benchmark_explain.md).
//
// Each step is the subcommand itself, run from a config file written into the scenario's folder
// (simulate.json, compare.json, explain_<model>.json), so any step can be rerun or inspected by
// hand; its terminal output goes to a .log file beside it.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "commands.hpp"
#include "json_config.hpp"
#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/explain/planted_truth.hpp"
#include "ontonet/report/recovery_report.hpp"
#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/task_metrics.hpp"

namespace ontonet::cli {

namespace {

const char* const kSection = "benchmark_explain";

// Each scenario's options: the config's shared ones with the scenario's own merged over them.
struct BenchmarkScenario {
  std::string name;
  nlohmann::json ontology;  // the ontology options (keys of `ontonet simulate`)
  nlohmann::json simulate;  // the simulation options
  nlohmann::json compare;   // options of `ontonet compare`
  nlohmann::json explain;   // options of `ontonet explain`
};

struct BenchmarkConfig {
  std::vector<BenchmarkScenario> scenarios;
  std::string out;
};

struct BenchmarkArguments {
  std::string config;
  std::string out;
};

[[noreturn]] void config_error(const std::string& path, const std::string& what) {
  throw InputError(path, 0, what);
}

const nlohmann::json& object_at(const std::string& path, const nlohmann::json& parent,
                                const std::string& key, const std::string& where) {
  const nlohmann::json& value = parent.at(key);
  if (!value.is_object()) config_error(path, "expected " + where + " to be a JSON object");
  return value;
}

void forbid_keys(const std::string& path, const nlohmann::json& options, const std::string& where,
                 std::initializer_list<const char*> keys, const std::string& why) {
  for (const char* key : keys) {
    if (options.contains(key)) {
      config_error(path, where + "." + key + " is set by the benchmark (" + why + ")");
    }
  }
}

// A scenario's name becomes its folder: letters, digits, '-', '_' and '.'.
bool folder_safe(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

BenchmarkConfig read_benchmark_config(const std::string& path) {
  std::ifstream file(path);
  if (!file) config_error(path, "expected a benchmark config; cannot open it");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& e) {
    config_error(path, std::string("expected JSON: ") + e.what());
  }
  if (!json.is_object() || json.value("schema_version", 0) != 1) {
    config_error(path, "expected a JSON object with \"schema_version\": 1");
  }
  if (!json.contains(kSection)) config_error(path, "expected a \"benchmark_explain\" object");
  const nlohmann::json& section = object_at(path, json, kSection, kSection);
  const std::set<std::string> known{"ontology", "simulate", "scenarios",
                                    "compare",  "explain",  "out"};
  for (const auto& [key, value] : section.items()) {
    if (known.count(key) == 0) {
      config_error(path, std::string(kSection) + "." + key +
                             " is not a benchmark option (expected ontology, simulate, "
                             "scenarios, compare, explain, out)");
    }
  }
  const std::string where = kSection;
  const auto shared = [&](const char* key, std::initializer_list<const char*> forbidden,
                          const std::string& why) {
    if (!section.contains(key)) return nlohmann::json::object();
    const nlohmann::json& options = object_at(path, section, key, where + "." + key);
    forbid_keys(path, options, where + "." + key, forbidden, why);
    return options;
  };
  const std::string simulation_folder = "each scenario's simulation folder";
  const std::string simulated_data = "the simulated data and each scenario's folder";
  const std::string every_model = "every trained model of each scenario";
  const nlohmann::json ontology = shared("ontology", {}, "");
  const nlohmann::json simulate = shared("simulate", {"out"}, simulation_folder);
  const nlohmann::json compare =
      shared("compare", {"out", "ontology", "matrix", "phenotypes"}, simulated_data);
  const nlohmann::json explain = shared("explain", {"out", "run", "model"}, every_model);

  BenchmarkConfig config;
  if (!section.contains("scenarios") || !section["scenarios"].is_array() ||
      section["scenarios"].empty()) {
    config_error(path, where + ".scenarios: expected a non-empty list of {\"name\", \"simulate\"}");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < section["scenarios"].size(); ++i) {
    const nlohmann::json& entry = section["scenarios"][i];
    const std::string at = where + ".scenarios[" + std::to_string(i) + "]";
    if (!entry.is_object()) config_error(path, "expected " + at + " to be a JSON object");
    for (const auto& [key, value] : entry.items()) {
      if (key != "name" && key != "ontology" && key != "simulate" && key != "compare" &&
          key != "explain") {
        config_error(path, at + "." + key +
                               " is not a scenario option (expected name, ontology, simulate, "
                               "compare, explain)");
      }
    }
    BenchmarkScenario scenario;
    if (!entry.contains("name") || !entry["name"].is_string() ||
        !folder_safe(entry["name"].get<std::string>())) {
      config_error(path, at + ".name: expected a name of letters, digits, '-', '_' or '.'");
    }
    scenario.name = entry["name"].get<std::string>();
    if (!names.insert(scenario.name).second) {
      config_error(path, at + ".name: \"" + scenario.name + "\" names two scenarios");
    }
    scenario.ontology = entry.contains("ontology")
                            ? object_at(path, entry, "ontology", at + ".ontology")
                            : ontology;
    if (!scenario.ontology.contains("ontology")) {
      config_error(path, at + ": expected an ontology (\"ontology\": {\"ontology\": FILE, ...}, "
                              "in the scenario or for all)");
    }
    const auto merged = [&](const char* key, const nlohmann::json& base,
                            std::initializer_list<const char*> forbidden, const std::string& why) {
      nlohmann::json options = base;
      if (!entry.contains(key)) return options;
      const nlohmann::json& own = object_at(path, entry, key, at + "." + key);
      forbid_keys(path, own, at + "." + key, forbidden, why);
      for (const auto& [name, value] : own.items()) options[name] = value;
      return options;
    };
    scenario.simulate = merged("simulate", simulate, {"out"}, simulation_folder);
    scenario.compare =
        merged("compare", compare, {"out", "ontology", "matrix", "phenotypes"}, simulated_data);
    scenario.explain = merged("explain", explain, {"out", "run", "model"}, every_model);
    config.scenarios.push_back(scenario);
  }
  if (section.contains("out")) {
    if (!section["out"].is_string()) config_error(path, where + ".out: expected a folder name");
    config.out = section["out"].get<std::string>();
  }
  return config;
}

// Sends std::cout to a file while a step runs.
class CoutToFile {
 public:
  explicit CoutToFile(const std::string& path) : file_(path), saved_(std::cout.rdbuf()) {
    if (!file_) throw InputError(path, 0, "cannot write the step's log");
    std::cout.rdbuf(file_.rdbuf());
  }
  ~CoutToFile() { std::cout.rdbuf(saved_); }
  CoutToFile(const CoutToFile&) = delete;
  CoutToFile& operator=(const CoutToFile&) = delete;

 private:
  std::ofstream file_;
  std::streambuf* saved_;
};

// Runs `ontonet <command> --config FOLDER/<step>.json` in-process, its output in FOLDER/<step>.log.
// Returns the step's wall time in seconds.
template <typename AddCommand>
double run_step(const std::string& command, const std::string& step, const nlohmann::json& options,
                const std::string& folder, const std::string& where, AddCommand add_command) {
  const auto start = std::chrono::steady_clock::now();
  const std::string config = folder + "/" + step + ".json";
  const nlohmann::json file = {{"schema_version", 1}, {command, options}};
  write_file_atomically(config, [&](std::ostream& out) { out << file.dump(2) << "\n"; });
  CLI::App app{"ontonet", "ontonet"};
  app.require_subcommand(1);
  add_json_config(app);
  add_command(app);
  {
    const CoutToFile log(folder + "/" + step + ".log");
    try {
      app.parse(std::vector<std::string>{config, "--config", command});  // CLI11: reversed
    } catch (const CLI::ParseError& e) {
      throw ConfigError(where, "the " + command + " options in " + config + ": " + e.what());
    } catch (const InputError& e) {
      throw ConfigError(where, command + " (" + config + ") failed: " + e.what());
    } catch (const ConfigError& e) {
      throw ConfigError(where, command + " (" + config + ") failed: " + e.what());
    }
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The run's main metric on its test split, or its validation split when it has no test samples.
std::pair<std::string, double> held_out_metric(const ComparisonRun& run, TaskKind task) {
  const std::string metric = main_metric_name(task);
  for (const char* split : {"test", "validation"}) {
    const auto found = run.result.metrics.find(split);
    if (found != run.result.metrics.end()) {
      return {std::string(split) + "_" + metric, found->second.at(metric)};
    }
  }
  return {"none", std::numeric_limits<double>::quiet_NaN()};
}

std::string cell(double value, int precision = 3) {
  if (!std::isfinite(value)) return "NA";
  std::ostringstream text;
  text << std::fixed << std::setprecision(precision) << value;
  return text.str();
}

void print_scenario_table(const std::vector<RecoverySummary>& summary,
                          const std::string& scenario) {
  std::set<std::string> models;
  for (const RecoverySummary& s : summary) {
    if (s.scenario != scenario || !models.insert(s.model).second) continue;
    std::cout << "  " << std::left << std::setw(20) << s.model << std::right << s.held_out_metric
              << " " << cell(s.held_out_mean) << " (mean over seeds)\n";
  }
  std::cout << "  " << std::left << std::setw(20) << "model" << std::setw(22) << "method"
            << std::setw(6) << "kind" << std::right << std::setw(16) << "AUROC" << std::setw(8)
            << "AUPRC" << std::setw(8) << "P@k" << std::setw(11) << "stability" << std::setw(9)
            << "seconds"
            << "\n";
  for (const RecoverySummary& s : summary) {
    if (s.scenario != scenario) continue;
    std::cout << "  " << std::left << std::setw(20) << s.model << std::setw(22)
              << explain_method_name(s.method) << std::setw(6) << entity_kind_name(s.kind)
              << std::right << std::setw(16)
              << (cell(s.auroc_mean) + (s.seeds > 1 ? " ± " + cell(s.auroc_sd) : ""))
              << std::setw(8) << cell(s.auprc_mean) << std::setw(8) << cell(s.precision_at_k_mean)
              << std::setw(11) << cell(s.stability_spearman, 2) << std::setw(9)
              << cell(s.seconds_mean, 2) << "\n";
  }
}

// Simulates, trains and explains one scenario; adds its records and stability to `report` and
// `stability`.
void run_scenario(const BenchmarkScenario& scenario, const std::string& where,
                  const RunFolder& folder, RecoveryReport& report,
                  std::vector<ScenarioStability>& stability) {
  const RunFolder scenario_folder(folder.file(scenario.name));

  nlohmann::json simulate = scenario.ontology;
  for (const auto& [key, value] : scenario.simulate.items()) simulate[key] = value;
  simulate["out"] = scenario_folder.file("simulation");
  SimulateResult simulated;
  const double simulate_seconds =
      run_step("simulate", "simulate", simulate, scenario_folder.path(), where,
               [&](CLI::App& app) { add_simulate_command(app, &simulated); });
  std::cout << " simulate " << cell(simulate_seconds, 1) << " s;" << std::flush;

  std::ifstream train_file(scenario_folder.file("simulation") + "/train.json");
  nlohmann::json compare = nlohmann::json::parse(train_file).at("train");
  compare.erase("out");
  compare["lambdas"] = nlohmann::json::array({0.0});
  compare["controls"] = nlohmann::json::array({"dense"});
  for (const auto& [key, value] : scenario.compare.items()) compare[key] = value;
  compare["out"] = scenario_folder.file("compare");
  ComparisonResult compared;
  const double compare_seconds =
      run_step("compare", "compare", compare, scenario_folder.path(), where,
               [&](CLI::App& app) { add_compare_command(app, &compared); });
  const std::size_t seeds = compared.runs.size() / std::max<std::size_t>(1, compared.models.size());
  std::cout << " compare " << compared.models.size()
            << (compared.models.size() == 1 ? " model x " : " models x ") << seeds << " seeds "
            << cell(compare_seconds, 1) << " s;" << std::flush;

  const PlantedTruth truth = planted_truth(simulated.ontology.ontology, simulated.simulation.truth);
  double explain_seconds = 0;
  for (std::size_t m = 0; m < compared.models.size(); ++m) {
    const std::string& model = compared.models[m].name;
    std::vector<std::uint64_t> seeds;
    std::vector<std::pair<std::string, double>> held_out;
    nlohmann::json models = nlohmann::json::array();
    for (const ComparisonRun& run : compared.runs) {
      if (run.model != m) continue;
      seeds.push_back(run.seed);
      held_out.push_back(held_out_metric(run, compared.task));
      models.push_back(compared_run_folder(compare["out"], model, run.seed) + "/model.onm");
    }
    const std::string label = std::filesystem::path(models[0].get<std::string>())
                                  .parent_path()
                                  .parent_path()
                                  .filename()
                                  .string();
    nlohmann::json explain = {{"method", nlohmann::json::array({"all"})}};
    for (const auto& [key, value] : scenario.explain.items()) explain[key] = value;
    explain["run"] = compare["out"];
    explain["model"] = models;
    explain["out"] = scenario_folder.file("explain_" + label);
    ExplainResult explained;
    explain_seconds +=
        run_step("explain", "explain_" + label, explain, scenario_folder.path(), where,
                 [&](CLI::App& app) { add_explain_command(app, &explained); });
    for (std::size_t k = 0; k < explained.explanations.size(); ++k) {
      RecoveryRecord stem;
      stem.scenario = scenario.name;
      stem.model = model;
      stem.seed = seeds[k];
      std::tie(stem.held_out_metric, stem.held_out_value) = held_out[k];
      for (RecoveryRecord& record :
           score_explanation(explained.explanations[k], simulated.ontology.ontology, truth, stem)) {
        report.records.push_back(std::move(record));
      }
    }
    for (const MethodStability& entry : explained.stability) {
      stability.push_back({scenario.name, model, entry});
    }
  }
  std::cout << " explain " << cell(explain_seconds, 1) << " s\n";
}

void run_benchmark(const BenchmarkArguments& args) {
  BenchmarkConfig config = read_benchmark_config(args.config);
  if (!args.out.empty()) config.out = args.out;
  if (config.out.empty()) {
    throw ConfigError("--out", "is required (or \"out\" in the config): the report folder");
  }
  const RunFolder folder(config.out);
  std::ifstream original(args.config);
  const nlohmann::json context = nlohmann::json::parse(original);
  folder.write_json("config.json", context);

  RecoveryReport report;
  report.context = context;
  std::vector<ScenarioStability> stability;
  for (std::size_t s = 0; s < config.scenarios.size(); ++s) {
    const BenchmarkScenario& scenario = config.scenarios[s];
    std::cout << "[" << s + 1 << "/" << config.scenarios.size() << "] " << scenario.name << ":"
              << std::flush;
    try {
      run_scenario(scenario, std::string(kSection) + ".scenarios[" + std::to_string(s) + "]",
                   folder, report, stability);
    } catch (...) {
      std::cout << std::endl;  // ends the progress line before the error
      throw;
    }
    report.summary = summarize_recovery(report.records, stability);
    print_scenario_table(report.summary, scenario.name);
  }
  const std::vector<std::string> written = write_recovery_report(folder.path(), report);
  std::cout << "\nreport       " << folder.path() << " (";
  for (std::size_t i = 0; i < written.size(); ++i) std::cout << (i ? ", " : "") << written[i];
  std::cout << "); each scenario's simulation, runs and explanations in its folder\n";
}

}  // namespace

void add_benchmark_explain_command(CLI::App& app) {
  auto args = std::make_shared<BenchmarkArguments>();
  CLI::App* command = app.add_subcommand(
      "benchmark-explain",
      "Score every attribution method against a planted truth: per scenario, simulate causal "
      "terms and genes on an ontology, train the ontology network and the dense baseline over "
      "several seeds, explain every model, and measure AUROC, AUPRC and precision at k for "
      "genes and terms, rank stability and run time (config: docs/formats/benchmark_explain.md)");
  command
      ->add_option("--config", args->config,
                   "The benchmark config: {\"schema_version\": 1, \"benchmark_explain\": "
                   "{\"ontology\", \"simulate\", \"scenarios\", \"compare\", \"explain\", "
                   "\"out\"}} (see configs/benchmark_explain_example.json)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--out", args->out, "Report folder (overrides the config's \"out\")");
  command->callback([args] { run_benchmark(*args); });
}

}  // namespace ontonet::cli
