// The implementations behind explain_with, one per family of methods. Each fills the scores of a
// MethodResult sized to the entities; explain_with checks options and times them.
#pragma once

#include <omp.h>

#include <exception>
#include <limits>

#include "ontonet/explain/attribution.hpp"

namespace ontonet::detail {

MethodResult weight_path_scores(const ExplainInputs& inputs, const ExplainOptions& options);
// saliency, gradient_input, integrated_gradients, deeplift.
MethodResult per_sample_scores(ExplainMethod method, const ExplainInputs& inputs,
                               const ExplainOptions& options);
MethodResult knockout_scores(const ExplainInputs& inputs, const ExplainOptions& options);
MethodResult permutation_scores(const ExplainInputs& inputs, const ExplainOptions& options);
MethodResult rlipp_scores(const ExplainInputs& inputs, const ExplainOptions& options);

// The checks every method and diagnostic makes of its inputs: a network with one input row and one
// baseline value per network input (InternalError otherwise) and an output unit the network has
// (ConfigError("explain.output_unit") otherwise).
void check_explain_inputs(const ExplainInputs& inputs, Index output_unit);

// Runs body(i) for i in [0, n) on `threads` OpenMP threads, one index at a time in any order
// (dynamic schedule: entities and batches differ in cost). An exception must not leave an OpenMP
// region, so the first one thrown is kept and rethrown after the loop.
template <typename Body>
void parallel_for(Index n, int threads, Body&& body) {
  std::exception_ptr error;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index i = 0; i < n; ++i) {
    try {
      body(i);
    } catch (...) {
#pragma omp critical(ontonet_parallel_for_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

// A result whose entities are all unscored (NaN) until the method fills them in.
inline MethodResult unscored_result(std::size_t n_entities) {
  MethodResult result;
  result.scores.assign(n_entities, std::numeric_limits<double>::quiet_NaN());
  result.signed_scores.assign(n_entities, std::numeric_limits<double>::quiet_NaN());
  return result;
}

// Rows `rows` of a pass's values: [rows.size(), batch].
inline NeuronMatrix rows_of(const NeuronMatrix& values, const std::vector<Index>& rows) {
  NeuronMatrix result(static_cast<Index>(rows.size()), values.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    result.row(static_cast<Index>(i)) = values.row(rows[i]);
  }
  return result;
}

// The model's outputs ([n_outputs, batch], float as the metrics take them) in a pass.
Matrix<float> output_values(const NetworkEvaluator& network, const NeuronValues& values);

}  // namespace ontonet::detail
