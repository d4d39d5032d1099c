// The implementations behind explain_with, one per family of methods. Each fills the scores of a
// MethodResult sized to the entities; explain_with checks options and times them.
#pragma once

#include <omp.h>

#include <exception>

#include "ontonet/explain/attribution.hpp"

namespace ontonet::detail {

MethodResult weight_path_scores(const ExplainInputs& inputs, const ExplainOptions& options);
// saliency, gradient_input, integrated_gradients, deeplift.
MethodResult per_sample_scores(ExplainMethod method, const ExplainInputs& inputs,
                               const ExplainOptions& options);
MethodResult knockout_scores(const ExplainInputs& inputs, const ExplainOptions& options);
MethodResult permutation_scores(const ExplainInputs& inputs, const ExplainOptions& options);
MethodResult rlipp_scores(const ExplainInputs& inputs, const ExplainOptions& options);

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

// The model's outputs ([n_outputs, batch], float as the metrics take them) in a pass.
Matrix<float> output_values(const NetworkEvaluator& network, const NeuronValues& values);

}  // namespace ontonet::detail
