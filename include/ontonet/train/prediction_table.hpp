// The predictions file written by `train` (every sample, with its split) and by `predict`: one row
// per sample, tab-separated, with a header. Columns by task:
//   regression  sample [split] [target] prediction
//   binary      sample [split] [target] logit probability
//   multiclass  sample [split] [target] predicted logit_<label> ... (one per class, in class order)
//   survival    sample [split] [time event] risk   (the log-risk score: higher = earlier event)
// [split] appears when splits are given, the target columns when targets are. A multiclass target
// and prediction are written as class labels.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

struct PredictionRows {
  const std::vector<std::string>* sample_ids = nullptr;
  const std::vector<std::string>* splits = nullptr;  // one name per sample, or null
  const Matrix<float>* targets = nullptr;            // as the task's targets, or null / empty
  const Matrix<float>* outputs = nullptr;            // [n_model_outputs, samples]
  TaskKind task = TaskKind::kRegression;
  const std::vector<std::string>* class_labels = nullptr;  // multiclass
};

void write_prediction_table(std::ostream& out, const PredictionRows& rows);

}  // namespace ontonet
