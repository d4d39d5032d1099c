// `ontonet predict`: apply a trained model (a run folder's model.onm) to new data, with the
// preprocessing the training run fitted, and write one prediction per sample. When the data comes
// with its targets (responses or phenotypes), the predictions are also scored.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "data_options.hpp"
#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/model_io.hpp"
#include "ontonet/train/prediction_table.hpp"
#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/task_metrics.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet::cli {

namespace {

struct PredictArguments {
  std::string model_file;
  DataArguments data;
  std::string out;
  std::string metrics_file;
};

std::vector<std::string> model_inputs(const NetworkSpec& spec) {
  std::vector<std::string> ids;
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind == NeuronKind::kInput) ids.push_back(block.entity);
  }
  return ids;
}

TaskKind model_task(const nlohmann::json& metadata, const std::string& path) {
  if (!metadata.contains("task") || !metadata.contains("preprocessing")) {
    throw InputError(path, 0,
                     "expected a trained model (a run folder's model.onm), but the file "
                     "has no task or preprocessing: was it saved by `ontonet build`?");
  }
  return parse_task_kind(metadata.at("task").get<std::string>(), path + ": task");
}

void write_predictions(const std::string& path, const PredictionInputs& inputs,
                       const Matrix<float>& outputs, TaskKind task,
                       const std::vector<std::string>& class_labels) {
  std::ostringstream out;
  write_prediction_table(
      out, {&inputs.sample_ids, nullptr, &inputs.targets, &outputs, task, &class_labels});
  const std::string text = out.str();
  write_file_atomically(path, [&](std::ostream& stream) { stream << text; });
}

void run_predict(const PredictArguments& args) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the predictions file to write");
  LoadedModel loaded = load_model(args.model_file);
  const TaskKind task = model_task(loaded.metadata, args.model_file);
  DataOptions options = args.data.options;
  options.task = task;
  if (options.topology.empty()) options.topology = loaded.metadata.value("topology", "");
  const PredictionInputs inputs = load_prediction_inputs(options, model_inputs(loaded.model.spec()),
                                                         loaded.metadata.at("preprocessing"));
  std::cout << "data         " << inputs.description << "\n";
  for (const std::string& note : inputs.notes) std::cout << "note         " << note << "\n";

  std::vector<std::size_t> rows(inputs.sample_ids.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const Matrix<float> outputs = predict_outputs(loaded.model, *inputs.features, rows);
  const auto class_labels = loaded.metadata.value("class_labels", std::vector<std::string>{});
  write_predictions(args.out, inputs, outputs, task, class_labels);
  std::cout << "predictions  " << rows.size() << " samples -> " << args.out << "\n";
  if (inputs.targets.size() == 0) return;
  const MetricSet metrics = task_metrics(task, inputs.targets, outputs);
  std::cout << "metrics     ";
  for (const auto& [name, value] : metrics) std::cout << " " << name << " " << value;
  std::cout << "\n";
  if (!args.metrics_file.empty()) {
    const std::string text =
        metrics_json({{"prediction", metrics}}).at("prediction").dump(2) + "\n";
    write_file_atomically(args.metrics_file, [&](std::ostream& stream) { stream << text; });
  }
}

}  // namespace

void add_predict_command(CLI::App& app) {
  auto args = std::make_shared<PredictArguments>();
  CLI::App* predict = app.add_subcommand(
      "predict",
      "Predict new samples with a trained model (a run folder's model.onm), scoring "
      "them when the data has targets");
  predict->add_option("--model", args->model_file, "The trained model file")
      ->required()
      ->check(CLI::ExistingFile)
      ->group("Model");
  add_data_options(*predict, args->data, true);
  predict
      ->add_option("--out", args->out, "Predictions TSV: sample, output[, probability][, target]")
      ->group("Output");
  predict
      ->add_option("--metrics-json", args->metrics_file,
                   "Write the metrics as JSON (needs targets)")
      ->group("Output");
  predict->callback([args] { run_predict(*args); });
}

}  // namespace ontonet::cli
