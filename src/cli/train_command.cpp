// `ontonet train`: read an ontology and a data set, compile the network (the ontology's, a dense
// baseline or the shuffled-wiring control), train it with early stopping and checkpoints, and
// write the run folder (run_folder.hpp). Everything is checked before the folder is touched, so
// bad data leaves no half-made run behind.
#include <algorithm>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "data_options.hpp"
#include "json_config.hpp"
#include "network_options.hpp"
#include "ontology_options.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/network/input_map_builders.hpp"
#include "ontonet/network/model_io.hpp"
#include "ontonet/train/linear_baselines.hpp"
#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/task_metrics.hpp"
#include "ontonet/train/trainer.hpp"
#include "progress_printer.hpp"

namespace ontonet::cli {

namespace {

struct TrainArguments {
  OntologyArguments ontology;
  NetworkArguments network;
  DataArguments data;
  TrainOptions train;
  std::string architecture = "ontology";
  std::string input_map_file;
  std::string out;
  bool resume = false;
  bool linear_baseline = false;
  bool genes_from_data = false;
  std::string progress = "auto";
};

std::vector<std::string> genetic_features(const TrainingSet& data) {
  const std::vector<std::string>& ids = data.features->feature_ids();
  return {ids.begin(), ids.end() - static_cast<std::ptrdiff_t>(data.n_covariates)};
}

// How the data's genetic features reach the ontology's genes: the GenNet topology's wiring, a
// feature-gene table, or the features' own names ("TP53" or "TP53:mutation" feeds TP53).
BuiltInputMap make_input_map(const TrainArguments& args, const LoadedOntology& loaded,
                             const TrainingSet& data) {
  const std::vector<std::string> features = genetic_features(data);
  if (!loaded.input_map.empty()) return input_map_from_records(features, loaded.input_map);
  if (!args.input_map_file.empty())
    return input_map_from_feature_table(features, args.input_map_file);
  return input_map_from_feature_names(features);
}

std::vector<ExtraBranchOptions> covariate_branch(const TrainingSet& data) {
  if (data.n_covariates == 0) return {};
  const std::vector<std::string>& ids = data.features->feature_ids();
  ExtraBranchOptions branch;
  branch.name = "covariates";
  branch.feature_ids.assign(ids.end() - static_cast<std::ptrdiff_t>(data.n_covariates), ids.end());
  branch.widths = {static_cast<Index>(data.n_covariates)};
  branch.layer = LayerSettings{Activation::kIdentity, false, NormOrder::kActivationThenNorm};
  return {branch};
}

NetworkSpec make_spec(const TrainArguments& args, const LoadedOntology& loaded,
                      const TrainingSet& data) {
  const BuiltInputMap input_map = make_input_map(args, loaded, data);
  SpecBuildReport report;
  NetworkSpec spec = make_network_spec(args.network, loaded.ontology, input_map.map,
                                       n_model_outputs(data), covariate_branch(data), &report);
  const std::size_t n_features = input_map.map.feature_ids.size();
  const std::size_t n_wired = n_features - static_cast<std::size_t>(report.features_without_genes);
  std::cout << "input map    " << n_wired << " of " << n_features
            << " genetic features reach a gene of the ontology";
  if (report.genes_without_features > 0) {
    std::cout << "; " << report.genes_without_features << " ontology genes have no feature";
  }
  std::cout << "\n";
  if (n_wired == 0) {
    throw ConfigError("input map",
                      "no data feature reaches a gene of the ontology; check that "
                      "the data's feature IDs and the ontology's genes match");
  }
  if (args.architecture == "ontology") return spec;
  if (args.architecture == "shuffled") return shuffled_wiring(spec, args.network.seed);
  if (args.architecture == "dense") {
    const LayerSettings hidden{Activation::kTanh, false, NormOrder::kActivationThenNorm};
    return dense_mlp_spec(same_width_mlp(spec, hidden), data.features->feature_ids());
  }
  throw ConfigError("--architecture",
                    "must be ontology, dense or shuffled, got '" + args.architecture + "'");
}

// DrugCell's practice: the ontology keeps only the genes the data measures, so that terms are sized
// (and filtered by --min-genes) by what the network can see.
void restrict_to_data_genes(const TrainArguments& args, const TrainingSet& data,
                            LoadedOntology& loaded) {
  OntologyFilter filter = make_filter(args.ontology);
  std::vector<std::string> genes;
  for (const std::vector<std::string>& feature_genes :
       input_map_from_feature_names(genetic_features(data)).map.feature_genes) {
    genes.insert(genes.end(), feature_genes.begin(), feature_genes.end());
  }
  filter.gene_universe = genes;
  FilterReport report;
  loaded.ontology = apply_filter(loaded.ontology, filter, report);
  std::cout << "ontology     restricted to the data's genes: " << loaded.ontology.n_terms()
            << " terms, " << loaded.ontology.n_genes() << " genes";
  for (const auto& [reason, count] : report.dropped) std::cout << "; " << count << " " << reason;
  std::cout << "\n";
}

void print_metrics(const std::string& label, const std::map<std::string, MetricSet>& metrics,
                   TaskKind task) {
  std::vector<const char*> names{"loss", "auroc", "auprc", "accuracy", "balanced_accuracy"};
  if (task == TaskKind::kRegression) names = {"loss", "r2", "pearson", "spearman"};
  if (task == TaskKind::kMulticlass) names = {"loss", "auroc", "accuracy", "balanced_accuracy"};
  if (task == TaskKind::kSurvival) names = {"loss", "c_index"};
  const auto width = [](const char* name) { return std::max<int>(10, std::strlen(name) + 2); };
  std::cout << std::left << std::setw(22) << label << std::right;
  for (const char* name : names) std::cout << std::setw(width(name)) << name;
  std::cout << "\n";
  for (const char* split : {"train", "validation", "test"}) {
    const auto found = metrics.find(split);
    if (found == metrics.end()) continue;
    std::cout << "  " << std::left << std::setw(20) << split << std::right << std::fixed
              << std::setprecision(4);
    for (const char* name : names) std::cout << std::setw(width(name)) << found->second.at(name);
    std::cout << std::defaultfloat << "\n";
  }
}

// Ridge or logistic regression on the run's inputs and splits, printed and added to `metrics`;
// nullopt for tasks a linear baseline does not cover.
std::optional<LinearBaselineResult> fit_linear_baseline_for(const TrainingSet& data,
                                                            nlohmann::json& metrics) {
  if (data.task != TaskKind::kRegression && data.task != TaskKind::kBinary) {
    std::cout << "note         no linear baseline for a " << task_kind_name(data.task)
              << " task (ridge and logistic regression cover regression and binary)\n";
    return std::nullopt;
  }
  LinearBaselineResult linear = fit_linear_baseline(data, {});
  std::ostringstream label;
  label << linear.model << " (penalty " << linear.penalty << ")";
  print_metrics(label.str(), linear.metrics, data.task);
  for (const std::string& note : linear.notes) std::cout << "note         " << note << "\n";
  nlohmann::json path = nlohmann::json::array();
  for (const PenaltyTrial& trial : linear.path) {
    path.push_back({{"penalty", trial.penalty},
                    {"validation_loss", trial.validation_loss},
                    {"converged", trial.converged}});
  }
  metrics["linear_baseline"] = {{"model", linear.model},
                                {"penalty", linear.penalty},
                                {"penalty_path", path},
                                {"notes", linear.notes},
                                {"metrics", metrics_json(linear.metrics)}};
  return linear;
}

void run_train(const TrainArguments& args, const CLI::App& command) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the run folder to write");
  LoadedOntology loaded = load_ontology_from(args.ontology);
  DataOptions data_options = resolve_data_options(args.data);
  if (data_options.topology.empty() && !loaded.input_map.empty()) {
    data_options.topology = args.ontology.files.ontology;
  }
  const TrainingSet data = load_training_data(data_options);
  std::cout << "data         " << data.description << "\n"
            << "samples      " << data.splits.train.size() << " train, "
            << data.splits.validation.size() << " validation, " << data.splits.test.size()
            << " test; " << data.features->feature_ids().size() << " features ("
            << data.n_covariates << " covariates); task " << task_kind_name(data.task) << "\n";
  for (const std::string& note : data.notes) std::cout << "note         " << note << "\n";

  if (args.genes_from_data) restrict_to_data_genes(args, data, loaded);
  const NetworkSpec spec = make_spec(args, loaded, data);
  Model<float> model(spec, args.network.seed);
  std::cout << "network      " << args.architecture << " (" << args.network.style
            << " style): " << spec.n_neurons() << " neurons, " << spec.edges.size() << " weights, "
            << model.n_parameters() << " parameters\n";

  TrainOptions train = args.train;
  train.seed = args.network.seed;
  const RunFolder folder(args.out);
  // A resumed run rewrites its config only once the checkpoint has accepted it (only epochs may
  // differ), so a refused resume leaves the folder as it was.
  const nlohmann::json config = effective_config(command, {"resume"});
  if (!args.resume) folder.write_json("config.json", config);
  const bool bar = args.progress == "bar" || (args.progress == "auto" && stderr_is_terminal());
  ProgressPrinter printer(folder, args.architecture, train.epochs, bar);
  const TrainingResult result =
      train_model(model, data, train, {folder.file("checkpoint.onm"), args.resume}, &printer);
  folder.write_log(result.history);
  if (args.resume) folder.write_json("config.json", config);

  nlohmann::json metrics = {{"best_epoch", result.best_epoch},
                            {"epochs_run", result.history.size()},
                            {"stopped_early", result.stopped_early},
                            {"architecture", args.architecture},
                            {"parameters", model.n_parameters()},
                            {"data", data.description},
                            {"notes", data.notes},
                            {"metrics", metrics_json(result.metrics)}};
  std::cout << "best epoch   " << result.best_epoch << " of " << result.history.size()
            << (result.stopped_early ? " (stopped early)" : "") << "\n";
  print_metrics(args.architecture + " network", result.metrics, data.task);
  const std::optional<LinearBaselineResult> linear =
      args.linear_baseline ? fit_linear_baseline_for(data, metrics) : std::nullopt;

  std::vector<std::size_t> all(data.sample_ids.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  folder.write_predictions(data, predict_outputs(model, *data.features, all));
  const nlohmann::json metadata = {
      {"task", task_kind_name(data.task)},       {"class_labels", data.class_labels},
      {"data", data_options_json(data_options)}, {"topology", data_options.topology},
      {"n_covariates", data.n_covariates},       {"preprocessing", data.preprocessing}};
  nlohmann::json model_metadata = metadata;
  model_metadata["architecture"] = args.architecture;
  model_metadata["best_epoch"] = result.best_epoch;
  model_metadata["metrics"] = metrics_json(result.metrics);
  save_model(folder.file("model.onm"), model, model_metadata);
  if (linear) {
    nlohmann::json linear_metadata = metadata;
    linear_metadata["architecture"] = linear->model;
    linear_metadata["penalty"] = linear->penalty;
    linear_metadata["metrics"] = metrics_json(linear->metrics);
    save_model(folder.file("linear_baseline.onm"),
               linear_baseline_model(*linear, data.features->feature_ids()), linear_metadata);
  }
  folder.write_json("metrics.json", metrics);
  std::cout << "run folder   " << folder.path()
            << " (config.json, log.tsv, checkpoint.onm, model.onm, predictions.tsv, metrics.json"
            << (linear ? ", linear_baseline.onm" : "") << ")\n";
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArguments>();
  CLI::App* train = app.add_subcommand(
      "train",
      "Train a transparent network (or its dense baseline or shuffled control) on genetic data, "
      "with early stopping and checkpoints, into a run folder");
  add_ontology_options(*train, args->ontology);
  add_network_options(*train, args->network);
  train
      ->add_option("--architecture", args->architecture,
                   "ontology (the transparent network), dense (an MLP as wide as its stages) or "
                   "shuffled (same in-degrees, random wiring)")
      ->check(CLI::IsMember({"ontology", "dense", "shuffled"}))
      ->capture_default_str()
      ->group("Network");
  train
      ->add_option("--input-map", args->input_map_file,
                   "feature<TAB>gene table wiring data features to genes (default: a GenNet "
                   "topology's own wiring, else features named GENE or GENE:channel)")
      ->group("Network");
  train
      ->add_flag("--genes-from-data", args->genes_from_data,
                 "Restrict the ontology to the genes the data's features name (GENE or "
                 "GENE:channel), before --min-genes and the other filters")
      ->group("Filters");
  add_data_options(*train, args->data, false);

  const std::string training = "Training";
  TrainOptions& t = args->train;
  train->add_option("--epochs", t.epochs, "Maximum number of epochs")
      ->capture_default_str()
      ->group(training);
  train->add_option("--batch-size", t.batch_size, "Samples per mini-batch")
      ->capture_default_str()
      ->group(training);
  train->add_option("--optimizer", t.optimizer, "adam, adamw or sgd")
      ->capture_default_str()
      ->group(training);
  train->add_option("--learning-rate", t.learning_rate, "Learning rate")
      ->capture_default_str()
      ->group(training);
  train->add_option("--momentum", t.momentum, "sgd momentum")
      ->capture_default_str()
      ->group(training);
  train->add_option("--weight-decay", t.weight_decay, "adamw: decoupled decay; sgd: coupled")
      ->capture_default_str()
      ->group(training);
  train->add_option("--l2", t.l2, "L2 penalty on connection weights")
      ->capture_default_str()
      ->group(training);
  train->add_option("--l1", t.l1, "L1 penalty on connection weights (proximal: exact zeros)")
      ->capture_default_str()
      ->group(training);
  train->add_option("--clip-norm", t.clip_norm, "Clip the global gradient norm (0: off)")
      ->capture_default_str()
      ->group(training);
  train
      ->add_option("--patience", t.patience,
                   "Epochs without a better validation loss before stopping (0: off)")
      ->capture_default_str()
      ->group(training);
  train
      ->add_flag("--linear-baseline", args->linear_baseline,
                 "Also fit ridge (regression) or L2 logistic regression (binary) on the same "
                 "inputs and splits")
      ->group(training);

  const std::string output = "Output";
  train->add_option("--out", args->out, "Run folder (created if needed)")->group(output);
  train
      ->add_flag("--resume", args->resume,
                 "Continue the run in --out from its checkpoint; gives the result an uninterrupted "
                 "run would have")
      ->group(output);
  train->add_option("--progress", args->progress, "auto (a bar on a terminal), bar, lines")
      ->check(CLI::IsMember({"auto", "bar", "lines"}))
      ->capture_default_str()
      ->group(output);

  train->callback([args, train] { run_train(*args, *train); });
}

}  // namespace ontonet::cli
