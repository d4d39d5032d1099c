// The metrics of a task, from a model's raw outputs: regression outputs are the predictions;
// binary outputs are logits (probability = sigmoid). One output row is scored (row 0); the
// metric set is regression_metrics or binary_metrics plus "loss", the task's loss (MSE or
// binary cross-entropy) averaged over the samples.
#pragma once

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

// targets, outputs: [n_outputs, n_samples], same shape, n_samples >= 1 (checked: InternalError).
MetricSet task_metrics(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs);

// The task's loss alone, in double precision: MSE, or the mean of
// max(z, 0) - z * y + log(1 + exp(-|z|)) for logits z.
double task_loss(TaskKind task, const Matrix<float>& targets, const Matrix<float>& outputs);

}  // namespace ontonet
