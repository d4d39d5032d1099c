#include "ontonet/network/model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "layer_ops.hpp"
#include "ontonet/autodiff/losses.hpp"
#include "ontonet/autodiff/ops_linear.hpp"
#include "ontonet/autodiff/ops_structure.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

bool same_level(const NeuronBlock& a, const NeuronBlock& b) {
  return a.stage == b.stage && a.settings == b.settings;
}

// The level holding the spec's blocks [first_block, end_block), wired by the spec's edges into it.
// edge_cursor points at the first edge into the level and is moved past its last one.
template <typename Scalar>
ModelLevel<Scalar> make_level(const NetworkSpec& spec, Index first_block, Index end_block,
                              Index level_index, std::size_t& edge_cursor) {
  ModelLevel<Scalar> level;
  const NeuronBlock& first = spec.blocks[static_cast<std::size_t>(first_block)];
  const NeuronBlock& last = spec.blocks[static_cast<std::size_t>(end_block - 1)];
  level.first_block = first_block;
  level.end_block = end_block;
  level.first_neuron = first.first_neuron;
  level.n_neurons = last.first_neuron + last.n_neurons - first.first_neuron;
  level.stage = first.stage;
  level.settings = first.settings;

  std::vector<Index> row_offsets(static_cast<std::size_t>(level.n_neurons) + 1, 0);
  std::vector<Index> col_indices;
  const Index end_neuron = level.first_neuron + level.n_neurons;
  const auto level_end = std::lower_bound(
      spec.edges.begin() + static_cast<std::ptrdiff_t>(edge_cursor), spec.edges.end(), end_neuron,
      [](const NeuronEdge& edge, Index neuron) { return edge.to < neuron; });
  col_indices.reserve(static_cast<std::size_t>(level_end - spec.edges.begin()) - edge_cursor);
  for (; edge_cursor < spec.edges.size() && spec.edges[edge_cursor].to < end_neuron;
       ++edge_cursor) {
    const NeuronEdge& edge = spec.edges[edge_cursor];
    ONTONET_CHECK(edge.to >= level.first_neuron, "edges must be sorted by target neuron");
    ++row_offsets[static_cast<std::size_t>(edge.to - level.first_neuron) + 1];
    col_indices.push_back(edge.from);
  }
  for (std::size_t r = 1; r < row_offsets.size(); ++r) row_offsets[r] += row_offsets[r - 1];

  const std::string name = "level" + std::to_string(level_index);
  level.pattern = SparsePattern(level.n_neurons, level.first_neuron, std::move(row_offsets),
                                std::move(col_indices));
  level.weights = Parameter<Scalar>(name + ".weights", level.n_neurons, level.first_neuron,
                                    level.pattern.nnz());
  level.bias = Parameter<Scalar>(name + ".bias", level.n_neurons, 1, level.n_neurons);
  if (level.settings.batch_norm) {
    level.batch_norm = std::make_unique<BatchNorm<Scalar>>(name + ".bn", level.n_neurons);
  }
  return level;
}

template <typename Scalar>
void initialize_weights(ModelLevel<Scalar>& level, std::mt19937_64& random) {
  const std::vector<Index>& offsets = level.pattern.row_offsets();
  for (Index row = 0; row < level.n_neurons; ++row) {
    const Index begin = offsets[static_cast<std::size_t>(row)];
    const Index end = offsets[static_cast<std::size_t>(row) + 1];
    if (begin == end) continue;  // no input: the bias stays 0
    const double bound = 1.0 / std::sqrt(static_cast<double>(end - begin));
    std::uniform_real_distribution<double> uniform(-bound, bound);
    for (Index k = begin; k < end; ++k)
      level.weights.value[k] = static_cast<Scalar>(uniform(random));
    level.bias.value[row] = static_cast<Scalar>(uniform(random));
  }
}

template <typename Scalar>
NodeId rows_of(Tape<Scalar>& tape, NodeId level_node, Index level_rows, Index begin, Index count) {
  if (begin == 0 && count == level_rows) return level_node;
  return ops::slice_rows(tape, level_node, begin, count);
}

template <typename Scalar>
NodeId loss_of(Tape<Scalar>& tape, NodeId predictions, const Matrix<Scalar>& targets,
               LossKind kind) {
  switch (kind) {
    case LossKind::kMse:
      return ops::mse_loss(tape, predictions, targets);
    case LossKind::kBceWithLogits:
      return ops::bce_with_logits_loss(tape, predictions, targets);
    case LossKind::kSoftmaxCrossEntropy: {
      ONTONET_CHECK(targets.rows() == 1, "softmax targets are one row of class indices");
      std::vector<Index> classes(static_cast<std::size_t>(targets.cols()));
      for (Index b = 0; b < targets.cols(); ++b) {
        classes[static_cast<std::size_t>(b)] = static_cast<Index>(targets(0, b));
      }
      return ops::softmax_cross_entropy_loss(tape, predictions, classes);
    }
    case LossKind::kCox: {
      ONTONET_CHECK(targets.rows() == 2, "Cox targets are a time row and an event row");
      return ops::cox_partial_likelihood_loss(tape, predictions, Vector<Scalar>(targets.row(0)),
                                              Vector<Scalar>(targets.row(1)));
    }
  }
  ONTONET_CHECK(false, "unknown loss kind");
}

}  // namespace

template <typename Scalar>
Model<Scalar>::Model(NetworkSpec spec, std::uint64_t seed) : spec_(std::move(spec)) {
  const Index n_blocks = static_cast<Index>(spec_.blocks.size());
  Index block = 0;
  while (block < n_blocks &&
         spec_.blocks[static_cast<std::size_t>(block)].kind == NeuronKind::kInput) {
    ++block;
  }
  ONTONET_CHECK(spec_.edges.empty() || spec_.edges.front().to >= spec_.n_inputs(),
                "an input neuron has an incoming edge");
  std::size_t edge_cursor = 0;
  std::mt19937_64 random(seed);
  // A level reads the inputs and every earlier level, each from its own node.
  n_inputs_ = spec_.n_inputs();
  std::vector<Index> source_boundaries{0, n_inputs_};
  while (block < n_blocks) {
    Index end = block + 1;
    while (end < n_blocks && same_level(spec_.blocks[static_cast<std::size_t>(block)],
                                        spec_.blocks[static_cast<std::size_t>(end)])) {
      ++end;
    }
    levels_.push_back(
        make_level<Scalar>(spec_, block, end, static_cast<Index>(levels_.size()), edge_cursor));
    ModelLevel<Scalar>& level = levels_.back();
    level.pattern.set_column_segments(source_boundaries);
    source_boundaries.push_back(level.first_neuron + level.n_neurons);
    initialize_weights(level, random);
    block = end;
  }
  ONTONET_CHECK(edge_cursor == spec_.edges.size(), "edges must be sorted by target neuron");
  for (const NeuronBlock& b : spec_.blocks) {
    if (b.kind != NeuronKind::kAuxiliaryOutput) continue;
    if (b.n_neurons != spec_.n_outputs()) {
      throw ConfigError("network_spec.blocks",
                        "auxiliary head of " + b.entity + " has " + std::to_string(b.n_neurons) +
                            " neurons, the output has " + std::to_string(spec_.n_outputs()));
    }
    ++n_auxiliary_blocks_;
    for (Index unit = 0; unit < b.n_neurons; ++unit) auxiliary_units_.push_back(unit);
  }
  output_rows_ = rows_of_kind(NeuronKind::kOutput);
  if (output_rows_.level < 0) throw ConfigError("network_spec.blocks", "no output block");
  if (n_auxiliary_blocks_ > 0) auxiliary_rows_ = rows_of_kind(NeuronKind::kAuxiliaryOutput);
}

template <typename Scalar>
typename Model<Scalar>::LevelRows Model<Scalar>::rows_of_kind(NeuronKind kind) const {
  LevelRows rows;
  for (const NeuronBlock& block : spec_.blocks) {
    if (block.kind != kind) continue;
    if (rows.level < 0) {
      rows.level = level_of(block.first_neuron);
      rows.begin = block.first_neuron - levels_[static_cast<std::size_t>(rows.level)].first_neuron;
    }
    const ModelLevel<Scalar>& level = levels_[static_cast<std::size_t>(rows.level)];
    if (block.first_neuron != level.first_neuron + rows.begin + rows.count ||
        level_of(block.first_neuron) != rows.level) {
      throw ConfigError("network_spec.blocks", std::string("the ") + neuron_kind_name(kind) +
                                                   " blocks must be adjacent in one level");
    }
    rows.count += block.n_neurons;
  }
  return rows;
}

template <typename Scalar>
Model<Scalar> Model<Scalar>::from_blocks(NetworkSpec spec, const NamedBlocks& blocks) {
  Model model(std::move(spec), 0);
  model.load_weight_blocks(blocks);
  return model;
}

template <typename Scalar>
Index Model<Scalar>::level_of(Index neuron) const {
  const auto after = std::upper_bound(
      levels_.begin(), levels_.end(), neuron,
      [](Index value, const ModelLevel<Scalar>& level) { return value < level.first_neuron; });
  ONTONET_CHECK(after != levels_.begin(), "an input neuron belongs to no level");
  return static_cast<Index>(after - levels_.begin()) - 1;
}

template <typename Scalar>
ModelOutputs Model<Scalar>::forward(Tape<Scalar>& tape, const Matrix<Scalar>& x,
                                    std::optional<std::uint64_t> dropout_seed) {
  return forward(tape, tape.input(x), dropout_seed);
}

template <typename Scalar>
bool Model<Scalar>::has_dropout() const {
  return std::any_of(levels_.begin(), levels_.end(),
                     [](const ModelLevel<Scalar>& level) { return level.settings.dropout > 0.0; });
}

template <typename Scalar>
ModelOutputs Model<Scalar>::forward(Tape<Scalar>& tape, NodeId x,
                                    std::optional<std::uint64_t> dropout_seed) {
  if (tape.rows(x) != n_inputs_) {
    throw Error("model: input has " + std::to_string(tape.rows(x)) +
                " features, the network expects " + std::to_string(n_inputs_));
  }
  // Seeded only when masks are drawn: a pass without dropout pays nothing for it.
  std::optional<std::mt19937_64> dropout_rng;
  if (tape.training() && has_dropout()) {
    ONTONET_CHECK(dropout_seed.has_value(), "training a model with dropout needs a dropout seed");
    dropout_rng.emplace(*dropout_seed);
  }
  ModelOutputs outputs;
  outputs.input = x;
  // sources: the inputs, then every level so far; level l reads the first l + 1 of them.
  std::vector<NodeId> sources{x};
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    ModelLevel<Scalar>& level = levels_[l];
    NodeId z = ops::sparse_linear(tape, sources, level.pattern, level.weights, &level.bias,
                                  detail::fused_activation(level.settings));
    z = detail::apply_layer_settings(tape, z, level.settings, level.batch_norm.get(),
                                     dropout_rng ? &*dropout_rng : nullptr);
    outputs.levels.push_back(z);
    sources.push_back(z);
  }

  const auto rows = [&](const LevelRows& range) {
    const auto l = static_cast<std::size_t>(range.level);
    return rows_of(tape, outputs.levels[l], levels_[l].n_neurons, range.begin, range.count);
  };
  outputs.output = rows(output_rows_);
  if (n_auxiliary_blocks_ > 0) {
    outputs.has_auxiliary = true;
    outputs.auxiliary = rows(auxiliary_rows_);
  }
  return outputs;
}

template <typename Scalar>
NodeId Model<Scalar>::loss(Tape<Scalar>& tape, const ModelOutputs& outputs,
                           const Matrix<Scalar>& targets, LossKind kind) const {
  const NodeId main_loss = loss_of(tape, outputs.output, targets, kind);
  if (!outputs.has_auxiliary || spec_.aux_loss_weight == 0.0) return main_loss;
  if (kind == LossKind::kSoftmaxCrossEntropy || kind == LossKind::kCox) {
    const Index n_outputs = output_rows_.count;
    NodeId heads_loss{};
    for (Index head = 0; head < n_auxiliary_blocks_; ++head) {
      const NodeId head_loss =
          loss_of(tape, ops::slice_rows(tape, outputs.auxiliary, head * n_outputs, n_outputs),
                  targets, kind);
      heads_loss = head == 0 ? head_loss : ops::add(tape, heads_loss, head_loss);
    }
    return ops::add(tape, main_loss,
                    ops::scale(tape, heads_loss, static_cast<Scalar>(spec_.aux_loss_weight)));
  }
  // [n_aux_blocks * n_outputs, batch]: each head's rows repeat the targets.
  Matrix<Scalar> head_targets(static_cast<Index>(auxiliary_units_.size()), targets.cols());
  for (std::size_t r = 0; r < auxiliary_units_.size(); ++r) {
    head_targets.row(static_cast<Index>(r)) = targets.row(auxiliary_units_[r]);
  }
  // A loss over all heads averages over their rows; the heads' losses are to be summed.
  const NodeId heads_loss = loss_of(tape, outputs.auxiliary, head_targets, kind);
  const auto weight =
      static_cast<Scalar>(spec_.aux_loss_weight * static_cast<double>(n_auxiliary_blocks_));
  return ops::add(tape, main_loss, ops::scale(tape, heads_loss, weight));
}

template <typename Scalar>
void Model<Scalar>::set_output_bias(const std::vector<Scalar>& bias) {
  ONTONET_CHECK(static_cast<Index>(bias.size()) == output_rows_.count, "one bias per output");
  Vector<Scalar>& output = levels_[static_cast<std::size_t>(output_rows_.level)].bias.value;
  for (Index unit = 0; unit < output_rows_.count; ++unit) {
    output[output_rows_.begin + unit] = bias[static_cast<std::size_t>(unit)];
  }
  if (n_auxiliary_blocks_ == 0) return;
  Vector<Scalar>& heads = levels_[static_cast<std::size_t>(auxiliary_rows_.level)].bias.value;
  for (std::size_t r = 0; r < auxiliary_units_.size(); ++r) {
    heads[auxiliary_rows_.begin + static_cast<Index>(r)] =
        bias[static_cast<std::size_t>(auxiliary_units_[r])];
  }
}

template <typename Scalar>
std::vector<Parameter<Scalar>*> Model<Scalar>::parameters() {
  std::vector<Parameter<Scalar>*> result;
  for (ModelLevel<Scalar>& level : levels_) {
    result.push_back(&level.weights);
    result.push_back(&level.bias);
    if (level.batch_norm) {
      result.push_back(&level.batch_norm->gamma);
      result.push_back(&level.batch_norm->beta);
    }
  }
  return result;
}

template <typename Scalar>
Index Model<Scalar>::n_parameters() const {
  Index count = 0;
  for (const ModelLevel<Scalar>& level : levels_) {
    count += level.weights.size() + level.bias.size();
    if (level.batch_norm) count += level.batch_norm->gamma.size() + level.batch_norm->beta.size();
  }
  return count;
}

namespace {

template <typename Scalar>
std::vector<float> to_floats(const Vector<Scalar>& values) {
  return std::vector<float>(values.data(), values.data() + values.size());
}

// Calls visit(name, values) for every value vector of a level that a model file keeps. Level is
// ModelLevel<Scalar> or its const version.
template <typename Level, typename Visit>
void visit_named_vectors(Level& level, Index level_index, Visit&& visit) {
  const std::string name = "level" + std::to_string(level_index);
  visit(name + ".weights", level.weights.value);
  visit(name + ".bias", level.bias.value);
  if (level.batch_norm) {
    visit(name + ".bn.gamma", level.batch_norm->gamma.value);
    visit(name + ".bn.beta", level.batch_norm->beta.value);
    visit(name + ".bn.running_mean", level.batch_norm->running_mean);
    visit(name + ".bn.running_var", level.batch_norm->running_var);
  }
}

}  // namespace

template <typename Scalar>
NamedBlocks Model<Scalar>::weight_blocks() const {
  NamedBlocks blocks;
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    visit_named_vectors(levels_[l], static_cast<Index>(l),
                        [&](std::string name, const Vector<Scalar>& values) {
                          blocks.emplace_back(std::move(name), to_floats(values));
                        });
  }
  return blocks;
}

template <typename Scalar>
void Model<Scalar>::load_weight_blocks(const NamedBlocks& blocks) {
  std::map<std::string, const std::vector<float>*> by_name;
  for (const auto& [name, values] : blocks) {
    if (!by_name.emplace(name, &values).second) {
      throw ConfigError("model.weights", "block '" + name + "' appears twice");
    }
  }
  std::size_t used = 0;
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    visit_named_vectors(
        levels_[l], static_cast<Index>(l), [&](const std::string& name, Vector<Scalar>& values) {
          const auto found = by_name.find(name);
          if (found == by_name.end()) {
            throw ConfigError("model.weights", "missing block '" + name + "'");
          }
          const std::vector<float>& source = *found->second;
          if (static_cast<Index>(source.size()) != values.size()) {
            throw ConfigError("model.weights",
                              "block '" + name + "' has " + std::to_string(source.size()) +
                                  " values, the network needs " + std::to_string(values.size()));
          }
          for (std::size_t i = 0; i < source.size(); ++i) {
            values[static_cast<Index>(i)] = static_cast<Scalar>(source[i]);
          }
          ++used;
        });
  }
  if (used != blocks.size()) {
    throw ConfigError("model.weights", std::to_string(blocks.size() - used) +
                                           " blocks name nothing in this network");
  }
}

template class Model<float>;
template class Model<double>;

}  // namespace ontonet
