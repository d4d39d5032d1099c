// Baselines and controls derived from a transparent network's spec, to tell what the ontology's
// wiring adds over an unconstrained or a randomly wired network of the same size.
//
// Dense baselines are plain MLPs, built as NetworkSpecs (dense_mlp_spec) and trained as Models:
// the data matrix's inputs, hidden layers each fully connected to the one before, then the
// outputs (identity). Their hidden layers mirror the spec's trunk: one hidden layer per stage that
// holds gene, term or extra-branch neurons, as wide as that stage (inputs, outputs and auxiliary
// heads are not trunk). Two sizes:
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
#include <string>
#include <vector>

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

// The layer settings of the spec's term blocks (of its first one; the style builders give all of
// them the same), else of its gene blocks, else tanh without batch norm or dropout.
LayerSettings term_layer_settings(const NetworkSpec& spec);

// The dense baselines' hidden layers: the term layers' activation and dropout, so that a comparison
// changes the wiring and not the nonlinearity or the regularization, and no batch norm, the plain
// MLP every published comparison of ontonet was run with.
LayerSettings dense_hidden_settings(const NetworkSpec& spec);

DenseMlpShape same_width_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer);
DenseMlpShape equal_parameter_mlp(const NetworkSpec& spec, const LayerSettings& hidden_layer);

// Weights, biases and batch-norm gamma and beta of the MLP.
Index count_trainable_parameters(const DenseMlpShape& shape);

// The dense MLP of `shape` as a NetworkSpec (style "dense"), so that it compiles into a Model
// and trains, saves and predicts like every other network: one input block per feature ID (kind
// input, in the given order), then hidden layer l = 1 .. hidden_widths.size() as one block of
// kind extra_branch, entity "dense/<l>", stage l and the shape's hidden_layer settings, every
// neuron fed by every neuron of the layer before (the inputs for l = 1); then the block "output"
// (kind output, n_outputs neurons, identity, stage = hidden layers + 1) fed by the last layer.
// count_trainable_parameters of the spec equals count_trainable_parameters(shape).
// Throws ConfigError("dense_mlp...", ...) when feature_ids.size() != shape.n_inputs, a feature ID
// repeats, there is no input or no output, or a hidden width is < 1.
NetworkSpec dense_mlp_spec(const DenseMlpShape& shape, const std::vector<std::string>& feature_ids);

// See the header comment for the exact rules.
NetworkSpec shuffled_wiring(const NetworkSpec& spec, std::uint64_t seed);

// The architectures a transparent network is compared with, by name:
//   ontology            the spec itself
//   dense               same_width_mlp
//   dense_equal_params  equal_parameter_mlp
//   shuffled            shuffled_wiring(spec, seed)
// Dense hidden layers have dense_hidden_settings(spec); their inputs are `feature_ids` (the data's
// features, in order). Throws ConfigError("architecture", ...) for another name.
NetworkSpec architecture_spec(const NetworkSpec& spec, const std::string& architecture,
                              const std::vector<std::string>& feature_ids, std::uint64_t seed);
const std::vector<std::string>& architecture_names();

}  // namespace ontonet
