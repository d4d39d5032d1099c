#include <algorithm>

#include "batch_targets.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/train/task_metrics.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet {

Matrix<float> predict_outputs(Model<float>& model, const FeatureSource& features,
                              const std::vector<std::size_t>& rows, Index batch_size) {
  ONTONET_CHECK(batch_size >= 1, "prediction batch size must be >= 1");
  const Index n_outputs = model.spec().n_outputs();
  Matrix<float> outputs(n_outputs, static_cast<Index>(rows.size()));
  Tape<float> tape;
  tape.set_training(false);
  Matrix<float> x;
  std::vector<std::size_t> batch_rows;
  for (std::size_t begin = 0; begin < rows.size(); begin += static_cast<std::size_t>(batch_size)) {
    const std::size_t end = std::min(rows.size(), begin + static_cast<std::size_t>(batch_size));
    batch_rows.assign(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                      rows.begin() + static_cast<std::ptrdiff_t>(end));
    features.fill(batch_rows, x);
    tape.reset();
    const ModelOutputs result = model.forward(tape, x);
    outputs.middleCols(static_cast<Index>(begin), static_cast<Index>(end - begin)) =
        tape.value(result.output);
  }
  return outputs;
}

std::map<std::string, MetricSet> evaluate_splits(Model<float>& model, const TrainingSet& data) {
  std::map<std::string, MetricSet> metrics;
  const std::pair<const char*, const std::vector<std::size_t>*> splits[] = {
      {"train", &data.splits.train},
      {"validation", &data.splits.validation},
      {"test", &data.splits.test}};
  for (const auto& [name, rows] : splits) {
    if (rows->empty()) continue;
    Matrix<float> targets;
    gather_targets(data, *rows, targets);
    metrics[name] = task_metrics(data.task, targets, predict_outputs(model, *data.features, *rows));
  }
  return metrics;
}

}  // namespace ontonet
