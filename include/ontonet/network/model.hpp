// A NetworkSpec compiled into a trainable model. Conceptually every neuron has one row in an
// activation buffer [n_neurons, batch], ordered as the spec orders them: inputs, then stage by
// stage. A level is a maximal run of blocks with the same stage and layer settings; it owns one
// CSR SparsePattern of shape [level neurons, all neurons before the level] holding exactly the
// spec's edges into the level, one weight Parameter (one value per edge, CSR order), a bias, and a
// BatchNorm when its blocks use batch norm. The pattern's columns are split into segments, one per
// source (the inputs, then each earlier level), so a level reads those nodes where they are,
// without a concatenated copy of the inputs. A whole level is then one sparse product with its
// bias, one activation, at most one batch norm and (training only) at most one dropout, whatever
// the number of terms in it: the hot path has no per-term objects. The forward pass records those
// ops on a Tape; the row order of a level's result is the spec's neuron order.
//
// Weights start uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)] per neuron (biases too, as PyTorch's
// Linear does), drawn from a seeded std::mt19937_64; batch norm starts at gamma 1, beta 0.
// The tape keeps pointers to a model's Parameters until its next reset(): a Model is move-only
// and must not be moved or destroyed while a tape refers to it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ontonet/autodiff/ops_normalization.hpp"
#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tape.hpp"
#include "ontonet/network/network_spec.hpp"

namespace ontonet {

// Named flat blocks of numbers: how a model's weights travel to and from a model file.
using NamedBlocks = std::vector<std::pair<std::string, std::vector<float>>>;

// The loss a model trains with, and what its `targets` argument holds ([rows, batch]):
//   kMse, kBceWithLogits   [n_outputs, batch]: one target per output
//   kSoftmaxCrossEntropy   [1, batch]: the class index (0 .. n_outputs - 1) of each sample
//   kCox                   [2, batch]: time (row 0) and event 1/0 (row 1); one output, log-risk
enum class LossKind { kMse, kBceWithLogits, kSoftmaxCrossEntropy, kCox };

template <typename Scalar>
struct ModelLevel {
  Index first_block = 0;  // the spec's blocks [first_block, end_block)
  Index end_block = 0;
  Index first_neuron = 0;  // buffer rows [first_neuron, first_neuron + n_neurons)
  Index n_neurons = 0;
  Index stage = 0;
  LayerSettings settings;
  SparsePattern pattern;                          // [n_neurons, first_neuron]
  Parameter<Scalar> weights;                      // pattern.nnz() values, CSR order
  Parameter<Scalar> bias;                         // [n_neurons, 1]
  std::unique_ptr<BatchNorm<Scalar>> batch_norm;  // null unless settings.batch_norm
};

struct ModelOutputs {
  NodeId input;                // x: [n_inputs, batch]
  std::vector<NodeId> levels;  // levels[l]: [levels()[l].n_neurons, batch]
  NodeId output;               // [n_outputs, batch]
  bool has_auxiliary = false;
  // Every auxiliary output neuron, term by term in spec order: [n_aux_terms * n_outputs, batch].
  NodeId auxiliary;
};

template <typename Scalar>
class Model {
 public:
  // Requires a valid spec (validate_network_spec); weights are drawn from `seed`.
  Model(NetworkSpec spec, std::uint64_t seed);
  // The spec's model with the weights of `blocks` (as weight_blocks() wrote them). Throws
  // ConfigError("model.weights", ...) for a missing, unknown or wrongly sized block.
  static Model from_blocks(NetworkSpec spec, const NamedBlocks& blocks);

  Model(Model&&) noexcept = default;
  Model& operator=(Model&&) noexcept = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const NetworkSpec& spec() const { return spec_; }
  const std::vector<ModelLevel<Scalar>>& levels() const { return levels_; }
  std::vector<ModelLevel<Scalar>>& levels() { return levels_; }
  // Level holding a non-input neuron.
  Index level_of(Index neuron) const;

  // Records the forward pass. x: [n_inputs, batch] (batch >= 2 in training mode with batch norm).
  // In training mode, levels with dropout draw their masks, level by level, from one
  // std::mt19937_64 seeded with dropout_seed, so the masks of a pass depend on that seed and the
  // batch's shape alone (not on threads or earlier passes); a trainer derives it from its seed and
  // the step. A model with dropout needs one in training mode (InternalError otherwise); in
  // inference mode the seed is ignored and dropout is the identity.
  ModelOutputs forward(Tape<Scalar>& tape, const Matrix<Scalar>& x,
                       std::optional<std::uint64_t> dropout_seed = std::nullopt);
  ModelOutputs forward(Tape<Scalar>& tape, NodeId x,
                       std::optional<std::uint64_t> dropout_seed = std::nullopt);
  // Whether any level drops outputs in training mode.
  bool has_dropout() const;

  // main_loss(output, targets) + aux_loss_weight * sum over terms of loss(term's head, targets).
  // targets as LossKind says. For MSE and BCE the sum is taken as one loss over all heads times
  // their number; softmax and Cox losses are per head (a softmax or a risk set does not span
  // heads).
  NodeId loss(Tape<Scalar>& tape, const ModelOutputs& outputs, const Matrix<Scalar>& targets,
              LossKind kind) const;

  // Sets the bias of every output neuron, and of every auxiliary head predicting the same output
  // unit, to bias[unit] (one value per output). A trainer starts the outputs at the target's mean
  // (or base-rate logit) this way, so early epochs learn the signal rather than the offset.
  void set_output_bias(const std::vector<Scalar>& bias);

  // Every trainable Parameter, level by level: weights, bias, then batch-norm gamma and beta.
  std::vector<Parameter<Scalar>*> parameters();
  Index n_parameters() const;

  // Weights, biases, batch-norm parameters and running statistics, named "level<l>.weights",
  // "level<l>.bias", "level<l>.bn.gamma", "level<l>.bn.beta", "level<l>.bn.running_mean",
  // "level<l>.bn.running_var", level by level. Levels are a deterministic function of the spec.
  NamedBlocks weight_blocks() const;
  void load_weight_blocks(const NamedBlocks& blocks);

 private:
  NetworkSpec spec_;
  Index n_inputs_ = 0;  // spec_.n_inputs(), which walks every block
  std::vector<ModelLevel<Scalar>> levels_;
  // Rows [begin, begin + count) of one level's result.
  struct LevelRows {
    Index level = -1;
    Index begin = 0;
    Index count = 0;
  };
  LevelRows rows_of_kind(NeuronKind kind) const;

  LevelRows output_rows_;
  LevelRows auxiliary_rows_;
  Index n_auxiliary_blocks_ = 0;
  std::vector<Index> auxiliary_units_;  // output unit each auxiliary row predicts
};

}  // namespace ontonet
