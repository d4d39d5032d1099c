// The dense baselines: their sizes (same width, equal parameters) and their NetworkSpec.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_set>

#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "spec_assembler.hpp"

namespace ontonet {

namespace {

bool is_trunk(NeuronKind kind) {
  return kind == NeuronKind::kGene || kind == NeuronKind::kTerm || kind == NeuronKind::kExtraBranch;
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
    const Index error =
        std::abs(count_parameters(shape.n_inputs, widths, shape.n_outputs, batch_norm) - target);
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

NetworkSpec dense_mlp_spec(const DenseMlpShape& shape,
                           const std::vector<std::string>& feature_ids) {
  if (shape.n_inputs < 1 || shape.n_outputs < 1) {
    throw ConfigError("dense_mlp", "needs at least one input and one output");
  }
  if (static_cast<Index>(feature_ids.size()) != shape.n_inputs) {
    throw ConfigError("dense_mlp.feature_ids", "has " + std::to_string(feature_ids.size()) +
                                                   " IDs for " + std::to_string(shape.n_inputs) +
                                                   " inputs");
  }
  detail::SpecAssembler assembler;
  std::unordered_set<std::string> seen;
  std::vector<Index> previous;
  for (const std::string& id : feature_ids) {
    if (!seen.insert(id).second) {
      throw ConfigError("dense_mlp.feature_ids", "feature ID '" + id + "' appears twice");
    }
    previous.push_back(assembler.add_block(NeuronKind::kInput, id, 1, 0, {}));
  }
  // Layer l sits at stage l, so every layer is its own level of the compiled model.
  Index stage = 1;
  for (std::size_t l = 0; l < shape.hidden_widths.size(); ++l, ++stage) {
    if (shape.hidden_widths[l] < 1) {
      throw ConfigError("dense_mlp.hidden_widths[" + std::to_string(l) + "]", "must be >= 1");
    }
    const Index layer =
        assembler.add_block(NeuronKind::kExtraBranch, "dense/" + std::to_string(l + 1),
                            shape.hidden_widths[l], stage, shape.hidden_layer);
    for (Index source : previous) assembler.connect(source, layer);
    previous = {layer};
  }
  const Index output =
      assembler.add_block(NeuronKind::kOutput, "output", shape.n_outputs, stage,
                          {Activation::kIdentity, false, NormOrder::kActivationThenNorm});
  for (Index source : previous) assembler.connect(source, output);
  return assembler.finish("dense", 0.0);
}

}  // namespace ontonet
