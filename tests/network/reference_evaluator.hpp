// A slow, obviously correct evaluation of a compiled model, for checking the level-packed one:
// block by block (term by term) in a topological order found here from the spec's edges, each
// block a small dense matrix [k, n_sources] filled from the model's own weights, followed by its
// bias, activation and batch norm (batch statistics, i.e. training mode). No sparse levels, no
// tape. Works in double whatever the model's Scalar.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "ontonet/network/model.hpp"

namespace ontonet::test {

// The weight of edge from -> to in the model, found in its level's CSR row; NaN if absent.
template <typename Scalar>
double model_edge_weight(const Model<Scalar>& model, Index from, Index to) {
  const ModelLevel<Scalar>& level =
      model.levels()[static_cast<std::size_t>(model.level_of(to))];
  const Index row = to - level.first_neuron;
  const std::vector<Index>& offsets = level.pattern.row_offsets();
  const std::vector<Index>& cols = level.pattern.col_indices();
  for (Index k = offsets[static_cast<std::size_t>(row)];
       k < offsets[static_cast<std::size_t>(row) + 1]; ++k) {
    if (cols[static_cast<std::size_t>(k)] == from) return static_cast<double>(level.weights.value[k]);
  }
  return std::nan("");
}

inline double reference_activation(Activation activation, double z) {
  switch (activation) {
    case Activation::kIdentity: return z;
    case Activation::kTanh: return std::tanh(z);
    case Activation::kRelu: return z > 0 ? z : 0.0;
    case Activation::kSigmoid: return 1.0 / (1.0 + std::exp(-z));
  }
  return z;
}

// Returns every neuron's value: [n_neurons, batch]. x: [n_inputs, batch].
template <typename Scalar>
Eigen::MatrixXd reference_forward(const Model<Scalar>& model, const Eigen::MatrixXd& x) {
  const NetworkSpec& spec = model.spec();
  const Index n_neurons = spec.n_neurons();
  Eigen::MatrixXd values = Eigen::MatrixXd::Zero(n_neurons, x.cols());
  values.topRows(spec.n_inputs()) = x;

  // Incoming sources per block (sorted, distinct), and a topological order of the blocks.
  const std::size_t n_blocks = spec.blocks.size();
  std::vector<std::vector<Index>> sources(n_blocks);
  std::vector<std::vector<Index>> source_blocks(n_blocks);
  for (const NeuronEdge& edge : spec.edges) {
    const auto b = static_cast<std::size_t>(spec.block_of(edge.to));
    sources[b].push_back(edge.from);
    source_blocks[b].push_back(spec.block_of(edge.from));
  }
  for (std::size_t b = 0; b < n_blocks; ++b) {
    for (auto* list : {&sources[b], &source_blocks[b]}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
  }
  std::vector<char> done(n_blocks, 0);
  std::vector<std::size_t> order;
  std::function<void(std::size_t)> visit = [&](std::size_t b) {
    if (done[b]) return;
    done[b] = 1;
    for (Index s : source_blocks[b]) visit(static_cast<std::size_t>(s));
    order.push_back(b);
  };
  for (std::size_t b = 0; b < n_blocks; ++b) visit(b);

  for (std::size_t b : order) {
    const NeuronBlock& block = spec.blocks[b];
    if (block.kind == NeuronKind::kInput) continue;
    const ModelLevel<Scalar>& level =
        model.levels()[static_cast<std::size_t>(model.level_of(block.first_neuron))];
    const auto n_sources = static_cast<Index>(sources[b].size());
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(block.n_neurons, n_sources);
    Eigen::MatrixXd inputs(n_sources, x.cols());
    for (Index s = 0; s < n_sources; ++s) {
      const Index from = sources[b][static_cast<std::size_t>(s)];
      inputs.row(s) = values.row(from);
      for (Index unit = 0; unit < block.n_neurons; ++unit) {
        const double weight = model_edge_weight(model, from, block.first_neuron + unit);
        if (!std::isnan(weight)) w(unit, s) = weight;
      }
    }
    Eigen::MatrixXd z = w * inputs;  // [k, batch]
    for (Index unit = 0; unit < block.n_neurons; ++unit) {
      const Index row_in_level = block.first_neuron + unit - level.first_neuron;
      Eigen::RowVectorXd row = z.row(unit).array() + static_cast<double>(level.bias.value[row_in_level]);
      const auto normalize = [&] {
        const double mean = row.mean();
        const double variance = (row.array() - mean).square().mean();
        const auto& bn = *level.batch_norm;
        row = ((row.array() - mean) / std::sqrt(variance + static_cast<double>(bn.epsilon)) *
                   static_cast<double>(bn.gamma.value[row_in_level]) +
               static_cast<double>(bn.beta.value[row_in_level]))
                  .matrix();
      };
      const LayerSettings& settings = block.settings;
      const bool norm_first = settings.norm_order == NormOrder::kNormThenActivation;
      if (settings.batch_norm && norm_first) normalize();
      row = row.unaryExpr([&](double v) { return reference_activation(settings.activation, v); });
      if (settings.batch_norm && !norm_first) normalize();
      z.row(unit) = row;
    }
    values.middleRows(block.first_neuron, block.n_neurons) = z;
  }
  return values;
}

}  // namespace ontonet::test
