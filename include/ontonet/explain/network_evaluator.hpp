// A trained Model re-read for attribution: an inference-mode forward pass in double precision that
// keeps the value of every neuron on the way to the output, and a backward pass that carries d
// output / d neuron through the levels with any per-neuron slope. Attribution methods differ only
// in that slope: the activation's derivative gives gradients (saliency, gradient x input,
// integrated gradients), the secant Delta post / Delta pre against a reference pass gives
// DeepLIFT's rescale multipliers, and batch norm's scale alone gives GenNet's weight-path products.
// Training keeps its float32 tape; this pass is separate because DeepLIFT needs a backward rule the
// tape's exact gradients cannot give, and double precision keeps integrated gradients' completeness
// error far below its discretisation error. Tests check its gradients against the tape and finite
// differences.
//
// Each neuron computes pre = sum_j w_j post_j + b from earlier neurons and post = f(pre), where f
// is the block's activation with inference-mode batch norm folded into one affine map per neuron
// (post = s act(pre) + t, or act(s pre + t) when the norm comes first). Input neurons have
// pre = post = x. Neurons with no path to the main output (DrugCell's auxiliary heads) cannot
// change it and are not evaluated: their pre and post are 0. Matrices are [n_neurons, batch],
// row-major: one neuron's batch is contiguous.
#pragma once

#include <Eigen/Core>
#include <utility>
#include <vector>

#include "ontonet/network/model.hpp"

namespace ontonet {

using NeuronMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct NeuronValues {
  NeuronMatrix pre;   // [n_neurons, batch]
  NeuronMatrix post;  // [n_neurons, batch]
};

// Neurons whose outputs are pinned: `neurons` (sorted, distinct, inputs or not) take `values`
// ([neurons.size(), batch], or [neurons.size(), 1] for every sample) instead of what their
// inputs give. A knocked-out term or a permuted gene is such an override.
struct NeuronOverride {
  std::vector<Index> neurons;
  NeuronMatrix values;
};

class NetworkEvaluator {
 public:
  explicit NetworkEvaluator(const Model<float>& model);

  Index n_neurons() const { return n_neurons_; }
  Index n_inputs() const { return n_inputs_; }
  // The network's main output neurons, in output-unit order.
  const std::vector<Index>& output_neurons() const { return output_neurons_; }
  // Index of the level holding a non-input neuron; levels run in evaluation order.
  Index level_of(Index neuron) const;
  // The number of levels (level_of's range).
  Index n_levels() const { return static_cast<Index>(levels_.size()); }
  // The weights into a non-input neuron: (source neuron, weight) pairs in the level's CSR order.
  // Diagnostics read weight blocks (collinearity) from here.
  std::vector<std::pair<Index, double>> incoming_weights(Index neuron) const;
  // Per neuron, 1 when some path leads from it to output unit `unit` (that output neuron
  // included): the neurons whose value can change that output.
  std::vector<char> reaches_output(Index unit) const;

  // x: [n_inputs, batch].
  NeuronValues forward(const NeuronMatrix& x) const;
  // Applies `pin` to `values`, a complete pass, and re-evaluates only the neurons downstream of
  // the pinned ones (pinned neurons keep their pinned value); returns the neurons whose values
  // changed (pinned and re-evaluated), sorted. A knocked-out gene touches a few terms and their
  // ancestors, so the cost follows its reach, not the network's size; every re-evaluated neuron
  // runs the arithmetic of forward, so the result equals a fresh pass bit for bit.
  std::vector<Index> forward_from(NeuronValues& values, const NeuronOverride& pin) const;

  // d post / d pre of every neuron at `values` (input rows 1).
  NeuronMatrix derivative_slopes(const NeuronValues& values) const;
  // DeepLIFT's rescale rule: (post - post_ref) / (pre - pre_ref) per neuron and sample, or the
  // derivative at the midpoint where |pre - pre_ref| < 1e-7 (the secant is then numerically
  // meaningless and the derivative is its limit). `reference` has one column or as many as values.
  NeuronMatrix rescale_slopes(const NeuronValues& values, const NeuronValues& reference) const;
  // The folded batch-norm scale s of every neuron (1 without batch norm), as a [n_neurons, 1]
  // slope: the network with its activations replaced by the identity.
  NeuronMatrix linear_slopes() const;

  // d output[unit] / d post of every neuron, for each column of `slopes` ([n_neurons, batch] or
  // [n_neurons, 1]): the multipliers the slopes define, propagated from the output back to the
  // inputs. Rows after the output's level are 0.
  NeuronMatrix backward(const NeuronMatrix& slopes, Index unit) const;

 private:
  struct Level {
    Index first_neuron = 0;
    Index n_neurons = 0;
    std::vector<Index> row_offsets;
    std::vector<Index> sources;  // neuron index of each weight, CSR order
    std::vector<double> weights;
  };
  double activate(Index neuron, double pre) const;
  double derivative(Index neuron, double pre) const;
  void evaluate_neuron(const Level& level, const std::vector<double>& bias, Index r,
                       NeuronValues& values) const;

  Index n_neurons_ = 0;
  Index n_inputs_ = 0;
  std::vector<Level> levels_;
  std::vector<std::vector<double>> biases_;  // per level, per neuron
  std::vector<Activation> activation_;       // per neuron
  std::vector<char> norm_first_;             // per neuron
  std::vector<double> norm_scale_;           // s per neuron
  std::vector<double> norm_shift_;           // t per neuron
  std::vector<Index> output_neurons_;
  std::vector<char> feeds_output_;  // per neuron: whether some path leads to a main output
  std::vector<std::vector<Index>> consumers_;  // per neuron: the neurons it feeds that matter
};

}  // namespace ontonet
