// Baselines and controls derived from a transparent network's spec, to tell what the ontology's
// wiring adds over an unconstrained or a randomly wired network of the same size.
//
// Dense baselines are plain MLPs: the data matrix's inputs, hidden layers each fully connected to
// the one before, then the outputs (identity). Their hidden layers mirror the spec's trunk: one
// hidden layer per stage that holds gene, term or extra-branch neurons, as wide as that stage
// (inputs, outputs and auxiliary heads are not trunk). Two sizes:
//  - same width: exactly those widths;
//  - equal parameters: the same number of hidden layers, all of one width w except the last,
//    whose width is then tuned so that the MLP's trainable parameter count comes as close as it
//    can to the spec's (count_trainable_parameters: auxiliary heads included, as they are trained
//    too). For any network of realistic size that is within 1%.
//
// The shuffled-wiring control keeps the spec's neurons, blocks and stages and every neuron's
// in-degree exactly, and redraws the sources of every gene and term neuron (input, output,
// extra-branch and auxiliary wiring is left as it is). The candidate pool of a neuron in level L
// (a run of blocks with one stage and one layer setting) is: every neuron of a stage lower than
// L's whose kind is one of the kinds that feed L in the original spec (GenNet's height-0 terms
// draw only from genes, higher terms from genes and terms; DCell's terms from inputs and terms).
// The original sources are always in the pool, so the draw always succeeds. Sources are drawn
// without repeats (Floyd's algorithm) from a std::mt19937_64 seeded with `seed`.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ontonet/autodiff/ops_normalization.hpp"
#include "ontonet/autodiff/tape.hpp"
#include "ontonet/network/network_spec.hpp"

namespace ontonet {

struct DenseMlpShape {
  Index n_inputs = 0;
  std::vector<Index> hidden_widths;
  Index n_outputs = 1;
  LayerSettings hidden_layer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
};

// The widths of the spec's trunk stages, in stage order.
std::vector<Index> trunk_widths(const NetworkSpec& spec);

DenseMlpShape same_width_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer);
DenseMlpShape equal_parameter_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer);

// Weights, biases and batch-norm gamma and beta of the MLP.
Index count_trainable_parameters(const DenseMlpShape& shape);

// A dense MLP on the tape: dense_linear + bias_add per layer, hidden layers with the shape's
// settings, the output layer identity. Weights uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)].
// Move-only for the same reason as Model.
template <typename Scalar>
class DenseMlp {
 public:
  DenseMlp(DenseMlpShape shape, std::uint64_t seed);
  DenseMlp(DenseMlp&&) noexcept = default;
  DenseMlp& operator=(DenseMlp&&) noexcept = default;
  DenseMlp(const DenseMlp&) = delete;
  DenseMlp& operator=(const DenseMlp&) = delete;

  const DenseMlpShape& shape() const { return shape_; }
  // x: [n_inputs, batch] -> [n_outputs, batch].
  NodeId forward(Tape<Scalar>& tape, NodeId x);
  std::vector<Parameter<Scalar>*> parameters();
  Index n_parameters() const;

 private:
  struct Layer {
    Parameter<Scalar> weights;  // [n_out, n_in] row-major
    Parameter<Scalar> bias;     // [n_out, 1]
    std::unique_ptr<BatchNorm<Scalar>> batch_norm;
    bool hidden = true;
  };
  DenseMlpShape shape_;
  std::vector<Layer> layers_;
};

// See the header comment for the exact rules.
NetworkSpec shuffled_wiring(const NetworkSpec& spec, std::uint64_t seed);

}  // namespace ontonet
