#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "ontonet/autodiff/ops_linear.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "layer_ops.hpp"

namespace ontonet {

namespace {

bool is_trunk(NeuronKind kind) {
  return kind == NeuronKind::kGene || kind == NeuronKind::kTerm ||
         kind == NeuronKind::kExtraBranch;
}

// Parameters of the MLP whose hidden widths are `widths`.
Index count_parameters(Index n_inputs, const std::vector<Index>& widths, Index n_outputs,
                       bool batch_norm) {
  Index count = 0;
  Index previous = n_inputs;
  for (Index width : widths) {
    count += previous * width + width + (batch_norm ? 2 * width : 0);
    previous = width;
  }
  return count + previous * n_outputs + n_outputs;
}

// Widths: n_layers - 1 of `width`, then the last one chosen to bring the count nearest `target`.
std::vector<Index> tuned_widths(Index n_inputs, Index n_layers, Index width, Index n_outputs,
                                bool batch_norm, Index target) {
  std::vector<Index> widths(static_cast<std::size_t>(n_layers), width);
  widths.back() = 1;
  const Index at_one = count_parameters(n_inputs, widths, n_outputs, batch_norm);
  widths.back() = 2;
  const Index per_unit = count_parameters(n_inputs, widths, n_outputs, batch_norm) - at_one;
  const double extra = static_cast<double>(target - at_one) / static_cast<double>(per_unit);
  widths.back() = std::max<Index>(1, 1 + static_cast<Index>(std::llround(extra)));
  return widths;
}

template <typename Scalar>
Parameter<Scalar> uniform_parameter(const std::string& name, Index rows, Index cols,
                                    double bound, std::mt19937_64& random) {
  Parameter<Scalar> parameter(name, rows, cols, rows * cols);
  std::uniform_real_distribution<double> uniform(-bound, bound);
  for (Index i = 0; i < parameter.size(); ++i) parameter.value[i] = static_cast<Scalar>(uniform(random));
  return parameter;
}

}  // namespace

std::vector<Index> trunk_widths(const NetworkSpec& spec) {
  std::map<Index, Index> width_by_stage;
  for (const NeuronBlock& block : spec.blocks) {
    if (is_trunk(block.kind)) width_by_stage[block.stage] += block.n_neurons;
  }
  std::vector<Index> widths;
  for (const auto& [stage, width] : width_by_stage) widths.push_back(width);
  return widths;
}

DenseMlpShape same_width_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer) {
  DenseMlpShape shape;
  shape.n_inputs = spec.n_inputs();
  shape.hidden_widths = trunk_widths(spec);
  shape.n_outputs = spec.n_outputs();
  shape.hidden_layer = hidden_layer;
  return shape;
}

DenseMlpShape equal_parameter_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer) {
  DenseMlpShape shape = same_width_mlp(spec, hidden_layer);
  const auto n_layers = std::max<Index>(1, static_cast<Index>(shape.hidden_widths.size()));
  const Index target = count_trainable_parameters(spec);
  const bool batch_norm = hidden_layer.batch_norm;
  const auto uniform_count = [&](Index width) {
    return count_parameters(shape.n_inputs,
                            std::vector<Index>(static_cast<std::size_t>(n_layers), width),
                            shape.n_outputs, batch_norm);
  };
  // The widest uniform MLP not above the target (the count grows with the width).
  Index low = 1;
  Index high = 1;
  while (uniform_count(high) <= target) high *= 2;
  while (high - low > 1) {
    const Index middle = low + (high - low) / 2;
    (uniform_count(middle) <= target ? low : high) = middle;
  }
  std::vector<Index> best;
  Index best_error = -1;
  for (Index width : {low, high}) {
    std::vector<Index> widths =
        tuned_widths(shape.n_inputs, n_layers, width, shape.n_outputs, batch_norm, target);
    const Index error = std::abs(
        count_parameters(shape.n_inputs, widths, shape.n_outputs, batch_norm) - target);
    if (best_error < 0 || error < best_error) {
      best_error = error;
      best = std::move(widths);
    }
  }
  shape.hidden_widths = std::move(best);
  return shape;
}

Index count_trainable_parameters(const DenseMlpShape& shape) {
  return count_parameters(shape.n_inputs, shape.hidden_widths, shape.n_outputs,
                          shape.hidden_layer.batch_norm);
}

template <typename Scalar>
DenseMlp<Scalar>::DenseMlp(DenseMlpShape shape, std::uint64_t seed) : shape_(std::move(shape)) {
  if (shape_.n_inputs < 1 || shape_.n_outputs < 1) {
    throw ConfigError("dense_mlp", "needs at least one input and one output");
  }
  std::mt19937_64 random(seed);
  Index previous = shape_.n_inputs;
  std::vector<Index> widths = shape_.hidden_widths;
  widths.push_back(shape_.n_outputs);
  for (std::size_t l = 0; l < widths.size(); ++l) {
    if (widths[l] < 1) throw ConfigError("dense_mlp.hidden_widths", "every width must be >= 1");
    const std::string name = "dense" + std::to_string(l);
    const double bound = 1.0 / std::sqrt(static_cast<double>(previous));
    Layer layer;
    layer.hidden = l + 1 < widths.size();
    layer.weights = uniform_parameter<Scalar>(name + ".weights", widths[l], previous, bound, random);
    layer.bias = uniform_parameter<Scalar>(name + ".bias", widths[l], 1, bound, random);
    if (layer.hidden && shape_.hidden_layer.batch_norm) {
      layer.batch_norm = std::make_unique<BatchNorm<Scalar>>(name + ".bn", widths[l]);
    }
    layers_.push_back(std::move(layer));
    previous = widths[l];
  }
}

template <typename Scalar>
NodeId DenseMlp<Scalar>::forward(Tape<Scalar>& tape, NodeId x) {
  NodeId z = x;
  for (Layer& layer : layers_) {
    z = ops::bias_add(tape, ops::dense_linear(tape, z, layer.weights), layer.bias);
    if (layer.hidden) {
      z = detail::apply_layer_settings(tape, z, shape_.hidden_layer, layer.batch_norm.get());
    }
  }
  return z;
}

template <typename Scalar>
std::vector<Parameter<Scalar>*> DenseMlp<Scalar>::parameters() {
  std::vector<Parameter<Scalar>*> result;
  for (Layer& layer : layers_) {
    result.push_back(&layer.weights);
    result.push_back(&layer.bias);
    if (layer.batch_norm) {
      result.push_back(&layer.batch_norm->gamma);
      result.push_back(&layer.batch_norm->beta);
    }
  }
  return result;
}

template <typename Scalar>
Index DenseMlp<Scalar>::n_parameters() const {
  Index count = 0;
  for (const Layer& layer : layers_) {
    count += layer.weights.size() + layer.bias.size();
    if (layer.batch_norm) count += 2 * layer.batch_norm->n_features();
  }
  return count;
}

template class DenseMlp<float>;
template class DenseMlp<double>;

}  // namespace ontonet
