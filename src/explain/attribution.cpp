#include "ontonet/explain/attribution.hpp"

#include <chrono>

#include "method_kernels.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

struct MethodName {
  ExplainMethod method;
  const char* name;
};

constexpr MethodName kMethodNames[] = {
    {ExplainMethod::kWeightPaths, "weight_paths"},
    {ExplainMethod::kSaliency, "saliency"},
    {ExplainMethod::kGradientInput, "gradient_input"},
    {ExplainMethod::kIntegratedGradients, "integrated_gradients"},
    {ExplainMethod::kDeepLift, "deeplift"},
    {ExplainMethod::kKnockout, "knockout"},
    {ExplainMethod::kPermutation, "permutation"},
    {ExplainMethod::kRlipp, "rlipp"},
};

void check_options(ExplainMethod method, const ExplainInputs& inputs,
                   const ExplainOptions& options) {
  ONTONET_CHECK(inputs.entities != nullptr, "explain inputs need the network's entities");
  detail::check_explain_inputs(inputs, options.output_unit);
  if (options.steps < 1) throw ConfigError("explain.steps", "must be >= 1");
  if (options.repeats < 1) throw ConfigError("explain.repeats", "must be >= 1");
  if (options.batch_size < 1) throw ConfigError("explain.batch_size", "must be >= 1");
  if (options.threads < 1) throw ConfigError("explain.threads", "must be >= 1");
  if (method != ExplainMethod::kWeightPaths && inputs.x.cols() == 0) {
    throw ConfigError("explain.samples", std::string(explain_method_name(method)) +
                                             " needs at least one sample to explain");
  }
  if (method == ExplainMethod::kPermutation) {
    if (inputs.targets.size() == 0) {
      throw ConfigError("explain.method",
                        "permutation measures the rise of the loss, so the data must have targets");
    }
    if (inputs.x.cols() < 2) {
      throw ConfigError("explain.samples", "permutation needs at least 2 samples");
    }
  }
  if (inputs.targets.size() != 0) {
    ONTONET_CHECK(inputs.targets.cols() == inputs.x.cols(), "one target column per sample");
  }
}

}  // namespace

const char* explain_method_name(ExplainMethod method) {
  for (const MethodName& entry : kMethodNames) {
    if (entry.method == method) return entry.name;
  }
  return "?";
}

ExplainMethod parse_explain_method(const std::string& name, const std::string& path) {
  std::string known;
  for (const MethodName& entry : kMethodNames) {
    if (name == entry.name) return entry.method;
    known += known.empty() ? "" : ", ";
    known += entry.name;
  }
  throw ConfigError(path, "unknown method '" + name + "'; expected one of " + known + " or all");
}

std::vector<ExplainMethod> all_explain_methods() {
  std::vector<ExplainMethod> methods;
  for (const MethodName& entry : kMethodNames) methods.push_back(entry.method);
  return methods;
}

namespace detail {

void check_explain_inputs(const ExplainInputs& inputs, Index output_unit) {
  ONTONET_CHECK(inputs.network != nullptr, "explain inputs need a network");
  ONTONET_CHECK(inputs.x.rows() == inputs.network->n_inputs() &&
                    inputs.baseline.size() == inputs.network->n_inputs(),
                "one input row and one baseline value per network input");
  const auto n_outputs = static_cast<Index>(inputs.network->output_neurons().size());
  if (output_unit < 0 || output_unit >= n_outputs) {
    throw ConfigError("explain.output_unit", "must be in [0, " + std::to_string(n_outputs - 1) +
                                                 "], got " + std::to_string(output_unit));
  }
}

}  // namespace detail

MethodResult explain_with(ExplainMethod method, const ExplainInputs& inputs,
                          const ExplainOptions& options) {
  check_options(method, inputs, options);
  const auto start = std::chrono::steady_clock::now();
  MethodResult result;
  switch (method) {
    case ExplainMethod::kWeightPaths:
      result = detail::weight_path_scores(inputs, options);
      break;
    case ExplainMethod::kKnockout:
      result = detail::knockout_scores(inputs, options);
      break;
    case ExplainMethod::kPermutation:
      result = detail::permutation_scores(inputs, options);
      break;
    case ExplainMethod::kRlipp:
      result = detail::rlipp_scores(inputs, options);
      break;
    default:
      result = detail::per_sample_scores(method, inputs, options);
      break;
  }
  result.method = method;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace ontonet
