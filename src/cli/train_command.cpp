// `ontonet train`: read an ontology and a data set, compile the network (the ontology's, a dense
// baseline or the shuffled-wiring control), train it with early stopping and checkpoints, and
// write the run folder (run_folder.hpp). Everything is checked before the folder is touched, so
// bad data leaves no half-made run behind.
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "data_options.hpp"
#include "json_config.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/network/model_io.hpp"
#include "ontonet/train/linear_baselines.hpp"
#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/trainer.hpp"
#include "progress_printer.hpp"
#include "run_inputs.hpp"
#include "training_options.hpp"

namespace ontonet::cli {

namespace {

struct TrainArguments {
  RunInputArguments inputs;
  TrainOptions train;
  std::string architecture = "ontology";
  std::string out;
  bool resume = false;
  bool linear_baseline = false;
  std::string progress = "auto";
};

void run_train(const TrainArguments& args, const CLI::App& command) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the run folder to write");
  const RunInputs inputs = load_run_inputs(args.inputs);
  const TrainingSet& data = inputs.data;
  const NetworkArguments& network = args.inputs.network;
  const NetworkSpec spec = architecture_spec(inputs.ontology_spec, args.architecture,
                                             data.features->feature_ids(), network.seed);
  Model<float> model(spec, network.seed);
  std::cout << "network      " << args.architecture << " (" << network.style
            << " style): " << spec.n_neurons() << " neurons, " << spec.edges.size() << " weights, "
            << model.n_parameters() << " parameters\n";

  TrainOptions train = args.train;
  train.seed = network.seed;
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
      args.linear_baseline ? fit_linear_baseline_for(data) : std::nullopt;
  if (linear) metrics["linear_baseline"] = linear_baseline_json(*linear);

  std::vector<std::size_t> all(data.sample_ids.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  folder.write_predictions(data, predict_outputs(model, *data.features, all));
  const nlohmann::json metadata = model_metadata(inputs);
  nlohmann::json network_metadata = metadata;
  network_metadata["architecture"] = args.architecture;
  network_metadata["best_epoch"] = result.best_epoch;
  network_metadata["metrics"] = metrics_json(result.metrics);
  save_model(folder.file("model.onm"), model, network_metadata);
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
  add_run_input_options(*train, args->inputs);
  train
      ->add_option("--architecture", args->architecture,
                   "ontology (the transparent network), dense (an MLP as wide as its stages), "
                   "dense_equal_params (an MLP with as many parameters) or shuffled (same "
                   "in-degrees, random wiring)")
      ->check(CLI::IsMember(architecture_names()))
      ->capture_default_str()
      ->group("Network");
  add_training_options(*train, args->train);
  train
      ->add_flag("--linear-baseline", args->linear_baseline,
                 "Also fit ridge (regression) or L2 logistic regression (binary) on the same "
                 "inputs and splits")
      ->group("Training");

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
