// Weight-path products and the four per-sample gradient methods: each turns the backward pass of
// NetworkEvaluator into one attribution per neuron and sample, summed into entities.

#include <algorithm>
#include <cmath>

#include "method_kernels.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet::detail {

namespace {

// Rows `neurons` of `attributions` summed: one entity's attribution per sample.
Eigen::RowVectorXd entity_sum(const NeuronMatrix& attributions, const std::vector<Index>& neurons) {
  Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(attributions.cols());
  for (Index neuron : neurons) sum += attributions.row(neuron);
  return sum;
}

// The batch's inputs moved a fraction `t` of the way from the baseline: x0 + t (x - x0).
NeuronMatrix on_path(const NeuronMatrix& x, const Eigen::VectorXd& baseline, double t) {
  NeuronMatrix point = x;
  for (Index row = 0; row < x.rows(); ++row) {
    point.row(row) = baseline[row] + t * (x.row(row).array() - baseline[row]);
  }
  return point;
}

NeuronValues baseline_pass(const NetworkEvaluator& network, const Eigen::VectorXd& baseline) {
  return network.forward(NeuronMatrix(baseline));
}

struct BatchAttribution {
  NeuronMatrix neurons;              // [n_neurons, batch]
  Eigen::RowVectorXd input_sum;      // sum over input neurons, per sample
  Eigen::RowVectorXd output_change;  // f(x) - f(baseline), per sample (completeness methods)
};

BatchAttribution attribute_batch(ExplainMethod method, const NetworkEvaluator& network,
                                 const NeuronMatrix& x, const Eigen::VectorXd& baseline,
                                 Index steps, Index unit) {
  BatchAttribution result;
  const Index output = network.output_neurons()[static_cast<std::size_t>(unit)];
  switch (method) {
    case ExplainMethod::kSaliency:
    case ExplainMethod::kGradientInput: {
      const NeuronValues values = network.forward(x);
      const NeuronMatrix gradient = network.backward(network.derivative_slopes(values), unit);
      result.neurons = method == ExplainMethod::kSaliency
                           ? NeuronMatrix(gradient.cwiseAbs())
                           : NeuronMatrix(gradient.cwiseProduct(values.post));
      break;
    }
    case ExplainMethod::kIntegratedGradients: {
      // Trapezoids in the Stieltjes form sum_k mean(g_k, g_k+1) (post_k+1 - post_k): for an
      // input its post moves linearly, so this is the trapezoid rule on the gradient.
      NeuronValues previous = network.forward(on_path(x, baseline, 0.0));
      NeuronMatrix previous_gradient = network.backward(network.derivative_slopes(previous), unit);
      const Eigen::RowVectorXd start_output = previous.post.row(output);
      result.neurons = NeuronMatrix::Zero(network.n_neurons(), x.cols());
      for (Index k = 1; k <= steps; ++k) {
        const double t = static_cast<double>(k) / static_cast<double>(steps);
        NeuronValues current = network.forward(on_path(x, baseline, t));
        NeuronMatrix gradient = network.backward(network.derivative_slopes(current), unit);
        result.neurons +=
            (0.5 * (previous_gradient + gradient)).cwiseProduct(current.post - previous.post);
        previous = std::move(current);
        previous_gradient = std::move(gradient);
      }
      result.output_change = previous.post.row(output) - start_output;
      break;
    }
    case ExplainMethod::kDeepLift: {
      const NeuronValues values = network.forward(x);
      const NeuronValues reference = baseline_pass(network, baseline);
      const NeuronMatrix multipliers =
          network.backward(network.rescale_slopes(values, reference), unit);
      NeuronMatrix delta = values.post;
      delta.colwise() -= reference.post.col(0);
      result.neurons = multipliers.cwiseProduct(delta);
      result.output_change = delta.row(output);
      break;
    }
    default:
      ONTONET_CHECK(false, "not a per-sample gradient method");
  }
  result.input_sum = result.neurons.topRows(network.n_inputs()).colwise().sum();
  return result;
}

const char* definition_of(ExplainMethod method) {
  switch (method) {
    case ExplainMethod::kSaliency:
      return "mean over samples of the sum over the entity's neurons of |d output / d neuron|";
    case ExplainMethod::kGradientInput:
      return "mean over samples of |sum over the entity's neurons of d output / d neuron x "
             "neuron value|";
    case ExplainMethod::kIntegratedGradients:
      return "mean over samples of |sum over the entity's neurons of the integrated gradient "
             "from the baseline|";
    case ExplainMethod::kDeepLift:
      return "mean over samples of |sum over the entity's neurons of the DeepLIFT (rescale) "
             "contribution against the baseline|";
    default:
      return "";
  }
}

}  // namespace

Matrix<float> output_values(const NetworkEvaluator& network, const NeuronValues& values) {
  const std::vector<Index>& outputs = network.output_neurons();
  Matrix<float> result(static_cast<Index>(outputs.size()), values.post.cols());
  for (std::size_t unit = 0; unit < outputs.size(); ++unit) {
    result.row(static_cast<Index>(unit)) = values.post.row(outputs[unit]).cast<float>();
  }
  return result;
}

MethodResult weight_path_scores(const ExplainInputs& inputs, const ExplainOptions& options) {
  const NetworkEvaluator& network = *inputs.network;
  const NeuronMatrix paths = network.backward(network.linear_slopes(), options.output_unit);
  MethodResult result;
  result.definition =
      "|sum over the entity's neurons of the sum over paths to the output of the product of "
      "weights| (batch-norm scale folded in, activations as identity; no data)";
  for (const Entity& entity : *inputs.entities) {
    const double sum = entity_sum(paths, entity.neurons)[0];
    result.scores.push_back(std::abs(sum));
    result.signed_scores.push_back(sum);
  }
  return result;
}

MethodResult per_sample_scores(ExplainMethod method, const ExplainInputs& inputs,
                               const ExplainOptions& options) {
  const NetworkEvaluator& network = *inputs.network;
  const std::vector<Entity>& entities = *inputs.entities;
  const Index n_samples = inputs.x.cols();
  const Index n_entities = static_cast<Index>(entities.size());
  const Index n_batches = (n_samples + options.batch_size - 1) / options.batch_size;
  const bool completeness =
      method == ExplainMethod::kIntegratedGradients || method == ExplainMethod::kDeepLift;

  MethodResult result;
  result.definition = definition_of(method);
  if (options.per_sample) result.per_sample.resize(n_entities, n_samples);
  // Per batch partial sums, reduced in batch order so the thread count cannot change a bit.
  std::vector<Eigen::VectorXd> abs_sums(static_cast<std::size_t>(n_batches));
  std::vector<Eigen::VectorXd> signed_sums(static_cast<std::size_t>(n_batches));
  Eigen::RowVectorXd completeness_error = Eigen::RowVectorXd::Zero(n_samples);
  Eigen::RowVectorXd output_change = Eigen::RowVectorXd::Zero(n_samples);

  // Parallel over batches of samples: each writes its own partial sums and columns.
  parallel_for(n_batches, options.threads, [&](Index batch) {
    const Index begin = batch * options.batch_size;
    const Index size = std::min(options.batch_size, n_samples - begin);
    const BatchAttribution attribution =
        attribute_batch(method, network, inputs.x.middleCols(begin, size), inputs.baseline,
                        options.steps, options.output_unit);
    Eigen::VectorXd& abs_sum = abs_sums[static_cast<std::size_t>(batch)];
    Eigen::VectorXd& signed_sum = signed_sums[static_cast<std::size_t>(batch)];
    abs_sum.resize(n_entities);
    signed_sum.resize(n_entities);
    for (Index e = 0; e < n_entities; ++e) {
      const Eigen::RowVectorXd sum =
          entity_sum(attribution.neurons, entities[static_cast<std::size_t>(e)].neurons);
      abs_sum[e] = sum.cwiseAbs().sum();
      signed_sum[e] = sum.sum();
      if (options.per_sample) result.per_sample.row(e).segment(begin, size) = sum;
    }
    if (completeness) {
      completeness_error.segment(begin, size) = attribution.input_sum - attribution.output_change;
      output_change.segment(begin, size) = attribution.output_change;
    }
  });

  Eigen::VectorXd abs_total = Eigen::VectorXd::Zero(n_entities);
  Eigen::VectorXd signed_total = Eigen::VectorXd::Zero(n_entities);
  for (Index batch = 0; batch < n_batches; ++batch) {
    abs_total += abs_sums[static_cast<std::size_t>(batch)];
    signed_total += signed_sums[static_cast<std::size_t>(batch)];
  }
  const auto n = static_cast<double>(n_samples);
  for (Index e = 0; e < n_entities; ++e) {
    result.scores.push_back(abs_total[e] / n);
    result.signed_scores.push_back(signed_total[e] / n);
  }
  if (completeness) {
    const char* name =
        method == ExplainMethod::kDeepLift ? "summation_to_delta_error" : "completeness_error";
    result.checks.emplace_back(std::string(name) + "_max",
                               completeness_error.cwiseAbs().maxCoeff());
    result.checks.emplace_back(std::string(name) + "_mean", completeness_error.cwiseAbs().mean());
    result.checks.emplace_back("output_change_mean_abs", output_change.cwiseAbs().mean());
  }
  return result;
}

}  // namespace ontonet::detail
