// Per-level gradient norms and zero fractions from one backward pass per batch of samples, and the
// samples on which saliency is blind.
#include "ontonet/explain/gradient_flow.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "method_kernels.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// |f(x) - f(baseline)| above this (relative to 1 + |f(baseline)|) counts as the output having
// moved.
constexpr double kMovedTolerance = 1e-12;

void check_options(const ExplainInputs& inputs, const GradientFlowOptions& options) {
  detail::check_explain_inputs(inputs, options.output_unit);
  if (options.threads < 1) throw ConfigError("explain.threads", "must be >= 1");
  if (options.batch_size < 1) throw ConfigError("explain.batch_size", "must be >= 1");
  if (inputs.x.cols() == 0) {
    throw ConfigError("explain.samples", "gradient flow needs at least one sample");
  }
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// Neurons with a path to the output, grouped by level: inputs at 0, evaluator level l at l + 1.
std::vector<std::vector<Index>> level_neurons(const NetworkEvaluator& network,
                                              const std::vector<char>& reaches, Index output) {
  std::vector<std::vector<Index>> levels(static_cast<std::size_t>(network.level_of(output) + 2));
  for (Index neuron = 0; neuron < network.n_neurons(); ++neuron) {
    if (!reaches[static_cast<std::size_t>(neuron)]) continue;
    const Index level = neuron < network.n_inputs() ? 0 : network.level_of(neuron) + 1;
    levels[static_cast<std::size_t>(level)].push_back(neuron);
  }
  return levels;
}

std::string warning_for(const GradientFlow& flow, double max_norm) {
  const LevelGradient& inputs = flow.levels.front();
  if (inputs.neurons == 0) return "";
  std::string warning;
  if (inputs.mean_gradient_norm < kVanishingGradientRatio * max_norm) {
    warning = "input gradients vanish: their mean norm is " + number(inputs.relative_to_max) +
              " of the largest level's (below " + number(kVanishingGradientRatio) + ")";
  }
  if (inputs.zero_fraction > kDeadGradientFraction) {
    warning += warning.empty() ? "" : "; ";
    warning += number(100 * inputs.zero_fraction) +
               "% of the input-gradient entries are exactly 0 (dead or saturated ReLUs)";
  }
  if (!warning.empty()) {
    warning +=
        ": saliency and gradient x input miss inputs that matter; prefer "
        "integrated_gradients or deeplift";
  }
  return warning;
}

}  // namespace

GradientFlow gradient_flow(const ExplainInputs& inputs, const GradientFlowOptions& options) {
  check_options(inputs, options);
  const NetworkEvaluator& network = *inputs.network;
  const Index n_samples = inputs.x.cols();
  const Index output = network.output_neurons()[static_cast<std::size_t>(options.output_unit)];
  const std::vector<std::vector<Index>> levels =
      level_neurons(network, network.reaches_output(options.output_unit), output);
  const auto n_levels = static_cast<Index>(levels.size());
  const double baseline_output = network.forward(NeuronMatrix(inputs.baseline)).post(output, 0);
  const double moved = kMovedTolerance * (1 + std::abs(baseline_output));

  // Per level and sample: the gradient's L2 norm and its number of exact zeros; per sample:
  // whether saliency is blind. Each batch writes only its own columns.
  Eigen::MatrixXd norms(n_levels, n_samples);
  Eigen::MatrixXd zeros(n_levels, n_samples);
  std::vector<char> blind(static_cast<std::size_t>(n_samples), 0);
  const Index n_batches = (n_samples + options.batch_size - 1) / options.batch_size;
  detail::parallel_for(n_batches, options.threads, [&](Index batch) {
    const Index begin = batch * options.batch_size;
    const Index size = std::min(options.batch_size, n_samples - begin);
    const NeuronValues values = network.forward(inputs.x.middleCols(begin, size));
    // gradient: [n_neurons, size], d output / d post.
    const NeuronMatrix gradient =
        network.backward(network.derivative_slopes(values), options.output_unit);
    for (Index l = 0; l < n_levels; ++l) {
      Eigen::RowVectorXd squares = Eigen::RowVectorXd::Zero(size);
      Eigen::RowVectorXd zero_count = Eigen::RowVectorXd::Zero(size);
      for (Index neuron : levels[static_cast<std::size_t>(l)]) {
        squares += gradient.row(neuron).cwiseAbs2();
        zero_count += (gradient.row(neuron).array() == 0.0).cast<double>().matrix();
      }
      norms.row(l).segment(begin, size) = squares.cwiseSqrt();
      zeros.row(l).segment(begin, size) = zero_count;
    }
    const auto n_input_neurons = static_cast<double>(levels.front().size());
    for (Index j = 0; j < size; ++j) {
      const bool all_zero = n_input_neurons > 0 && zeros(0, begin + j) == n_input_neurons;
      const bool output_moved = std::abs(values.post(output, j) - baseline_output) > moved;
      blind[static_cast<std::size_t>(begin + j)] = all_zero && output_moved;
    }
  });

  GradientFlow flow;
  flow.samples = n_samples;
  double max_norm = 0;
  for (Index l = 0; l < n_levels; ++l) {
    LevelGradient level;
    level.level = l;
    level.neurons = static_cast<Index>(levels[static_cast<std::size_t>(l)].size());
    level.mean_gradient_norm = kNaN;
    level.zero_fraction = kNaN;
    if (level.neurons > 0) {
      double norm_sum = 0;
      double zero_sum = 0;
      for (Index j = 0; j < n_samples; ++j) {
        norm_sum += norms(l, j);
        zero_sum += zeros(l, j);
      }
      level.mean_gradient_norm = norm_sum / static_cast<double>(n_samples);
      level.zero_fraction =
          zero_sum / (static_cast<double>(level.neurons) * static_cast<double>(n_samples));
      max_norm = std::max(max_norm, level.mean_gradient_norm);
    }
    flow.levels.push_back(level);
  }
  for (LevelGradient& level : flow.levels) {
    level.relative_to_max =
        level.neurons > 0 && max_norm > 0 ? level.mean_gradient_norm / max_norm : kNaN;
  }
  for (char sample_blind : blind) flow.saliency_blind_samples += sample_blind;
  flow.saliency_blind_fraction =
      static_cast<double>(flow.saliency_blind_samples) / static_cast<double>(n_samples);
  flow.warning = warning_for(flow, max_norm);
  return flow;
}

}  // namespace ontonet
