// The metrics of a task, from a model's raw outputs (training_set.hpp says what targets hold):
//   regression  regression_metrics of output row 0 (the prediction)
//   binary      binary_metrics of output row 0 (a logit: probability = sigmoid)
//   multiclass  multiclass_metrics of the K output rows (logits)
//   survival    survival_metrics (c-index) of output row 0 (a log-risk score)
// plus "loss", the task's loss in double precision: MSE, mean binary or softmax cross-entropy, or
// the negative Cox log partial likelihood per event (Breslow ties; 0 without events).
#pragma once

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

// outputs: [n_model_outputs, n_samples]; targets as the task says; n_samples >= 1 (checked:
// InternalError).
MetricSet task_metrics(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs);

// The metric a task is judged by, higher being better: pearson (regression), auroc (binary and
// multiclass), c_index (survival).
const char* main_metric_name(TaskKind task);

// The task's loss alone, as in task_metrics.
double task_loss(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs);

}  // namespace ontonet
