// The wiring of a transparent network before it has any weights: every neuron, labelled by what
// it stands for (an input feature, a gene, an ontology term, an auxiliary head, a layer of an
// extra branch, the output), and every edge between neurons. Neurons come in blocks: the k
// neurons of one gene or one term share a label, an activation, (DCell) a batch norm and a dropout
// rate, and are numbered consecutively. Each block has a stage, its depth in the evaluation:
// inputs are stage 0 and every edge runs from a lower stage to a higher one, so a model can
// evaluate stage by stage. The style builders (gennet_style.hpp, dcell_style.hpp) make specs;
// model.hpp compiles them.
//
// Invariants (validate_network_spec checks them; every builder output satisfies them):
//  - blocks tile the neurons in order: block b holds [first_neuron, first_neuron + n_neurons);
//  - input blocks come first, one neuron each, in the column order of the data matrix;
//  - blocks are sorted by (stage, layer settings), so neurons of one stage and one setting are
//    contiguous: a level of the compiled model is such a run of blocks;
//  - edges are sorted by (to, from), without repeats, and run from a lower stage to a higher one.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ontonet/autodiff/activation.hpp"
#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

enum class NeuronKind {
  kInput,            // one column of the data matrix (a SNP, a gene channel, a drug bit)
  kGene,             // GenNet's gene layer
  kTerm,             // an ontology term
  kAuxiliaryHidden,  // DrugCell's tanh unit between a term and its auxiliary output
  kAuxiliaryOutput,  // a term's own prediction of the target (DCell / DrugCell auxiliary loss)
  kExtraBranch,      // a layer of a dense branch over non-genetic inputs
  kOutput,           // the network's prediction
};

// Where batch norm sits relative to the activation: DrugCell applies tanh, then batch norm.
enum class NormOrder { kActivationThenNorm, kNormThenActivation };

// How a block turns the weighted sum of its inputs (plus bias) into its output.
struct LayerSettings {
  Activation activation = Activation::kTanh;
  bool batch_norm = false;
  NormOrder norm_order = NormOrder::kActivationThenNorm;
  // Inverted dropout on the block's output, after activation and batch norm: in training mode
  // each output is zeroed with this probability and the others scaled by 1 / (1 - dropout); in
  // inference mode nothing changes. In [0, 1); inputs and output blocks (main and auxiliary) keep
  // 0, so what a network predicts is never dropped.
  double dropout = 0.0;

  bool operator==(const LayerSettings& other) const {
    return activation == other.activation && batch_norm == other.batch_norm &&
           norm_order == other.norm_order && dropout == other.dropout;
  }
  bool operator!=(const LayerSettings& other) const { return !(*this == other); }
};

struct NeuronBlock {
  NeuronKind kind = NeuronKind::kInput;
  // Feature ID (input), gene symbol (gene), term ID (term and its auxiliary blocks),
  // "<branch>/<layer>" with layer counted from 1 (extra branch), "output" (output).
  std::string entity;
  Index first_neuron = 0;
  Index n_neurons = 0;
  Index stage = 0;
  LayerSettings settings;
};

// Neuron `from` feeds neuron `to` with one trainable weight.
struct NeuronEdge {
  Index from = 0;
  Index to = 0;

  bool operator==(const NeuronEdge& other) const { return from == other.from && to == other.to; }
};

// What one neuron stands for: its block's kind and entity, and which of the block's neurons it is.
struct NeuronLabel {
  NeuronKind kind = NeuronKind::kInput;
  std::string entity;
  Index unit = 0;  // 0 .. block's n_neurons - 1
};

struct NetworkSpec {
  std::string style;  // "gennet" or "dcell"; informative
  std::vector<NeuronBlock> blocks;
  std::vector<NeuronEdge> edges;
  // Weight of the auxiliary losses: the training loss is
  //   main_loss + aux_loss_weight * sum over terms with an auxiliary head of that head's loss.
  double aux_loss_weight = 0.0;

  Index n_neurons() const {
    return blocks.empty() ? 0 : blocks.back().first_neuron + blocks.back().n_neurons;
  }
  // The input blocks, i.e. the rows the data matrix must have.
  Index n_inputs() const;
  // Neurons of the output block(s).
  Index n_outputs() const;
  // Index of the block holding `neuron`; binary search.
  Index block_of(Index neuron) const;
  const NeuronBlock& block_of_neuron(Index neuron) const {
    return blocks[static_cast<std::size_t>(block_of(neuron))];
  }
  NeuronLabel label(Index neuron) const;
};

// Weights, biases and batch-norm scales and shifts a model of this spec trains: one weight per
// edge, one bias per non-input neuron, two per neuron with batch norm.
Index count_trainable_parameters(const NetworkSpec& spec);

// Throws ConfigError("network_spec.<field>", ...) naming the first broken invariant.
void validate_network_spec(const NetworkSpec& spec);

// Lower-case names used in JSON and reports ("term", "tanh", "activation_then_norm"), and their
// inverses, which throw ConfigError(path, ...) for an unknown name.
const char* neuron_kind_name(NeuronKind kind);
const char* activation_name(Activation activation);
const char* norm_order_name(NormOrder order);
NeuronKind parse_neuron_kind(const std::string& name, const std::string& path);
Activation parse_activation(const std::string& name, const std::string& path);
NormOrder parse_norm_order(const std::string& name, const std::string& path);

}  // namespace ontonet
