#include "ontonet/network/dcell_style.hpp"

#include <algorithm>
#include <cmath>

#include "ontonet/core/error.hpp"
#include "spec_assembler.hpp"

namespace ontonet {

namespace {

void check_options(const DCellOptions& options) {
  if (options.neurons_per_gene_ratio < 0 || !std::isfinite(options.neurons_per_gene_ratio)) {
    throw ConfigError("dcell.neurons_per_gene_ratio", "must be finite and >= 0");
  }
  if (options.neurons_per_gene_ratio == 0 && options.neurons_per_term < 1) {
    throw ConfigError("dcell.neurons_per_term", "must be >= 1");
  }
  if (options.neurons_per_gene_ratio > 0 &&
      (options.min_neurons_per_term < 1 ||
       options.max_neurons_per_term < options.min_neurons_per_term)) {
    throw ConfigError("dcell.min_neurons_per_term",
                      "must be >= 1 and <= dcell.max_neurons_per_term");
  }
  if (options.n_outputs < 1) throw ConfigError("dcell.n_outputs", "must be >= 1");
  detail::check_layer_settings(options.term_layer, "dcell.term_layer");
  if (!(options.auxiliary.loss_weight >= 0) || !std::isfinite(options.auxiliary.loss_weight)) {
    throw ConfigError("dcell.auxiliary.loss_weight", "must be finite and >= 0");
  }
}

// Adds one auxiliary head per term above the output stage: [hidden (tanh)] -> output (identity).
void add_auxiliary_heads(detail::SpecAssembler& assembler, const Ontology& ontology,
                         const std::vector<Index>& term_block, Index output_stage,
                         const DCellOptions& options) {
  const LayerSettings hidden_layer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
  const LayerSettings output_layer{Activation::kIdentity, false, NormOrder::kActivationThenNorm};
  const bool hidden = options.auxiliary.hidden_tanh;
  for (TermIndex term : ontology.children_first_order()) {
    const std::string& id = ontology.term(term).id;
    Index head_input = term_block[term];
    if (hidden) {
      const Index block = assembler.add_block(NeuronKind::kAuxiliaryHidden, id, options.n_outputs,
                                              output_stage + 1, hidden_layer);
      assembler.connect(head_input, block);
      head_input = block;
    }
    const Index block = assembler.add_block(NeuronKind::kAuxiliaryOutput, id, options.n_outputs,
                                            output_stage + (hidden ? 2 : 1), output_layer);
    assembler.connect(head_input, block);
  }
}

}  // namespace

DCellOptions drugcell_preset() {
  DCellOptions options;
  options.neurons_per_term = 6;
  options.auxiliary = {true, true, 0.2};
  return options;
}

DCellOptions dcell_preset() {
  DCellOptions options;
  options.neurons_per_gene_ratio = 0.3;
  options.min_neurons_per_term = 20;
  options.auxiliary = {true, false, 0.3};
  return options;
}

Index dcell_term_width(const DCellOptions& options, std::size_t n_term_genes) {
  if (options.neurons_per_gene_ratio == 0) return options.neurons_per_term;
  const auto by_ratio = static_cast<Index>(
      std::ceil(options.neurons_per_gene_ratio * static_cast<double>(n_term_genes)));
  return std::min(options.max_neurons_per_term, std::max(options.min_neurons_per_term, by_ratio));
}

NetworkSpec build_dcell_spec(const Ontology& ontology, const InputMap& input_map,
                             const DCellOptions& options, SpecBuildReport* report) {
  check_options(options);
  SpecBuildReport counts;
  detail::SpecAssembler assembler;
  const std::vector<std::vector<Index>> gene_features =
      detail::add_input_blocks(assembler, ontology, input_map, counts);
  for (const std::vector<Index>& features : gene_features) {
    if (features.empty()) ++counts.genes_without_features;
  }

  std::vector<Index> term_block(ontology.n_terms(), -1);
  for (TermIndex term : ontology.children_first_order()) {
    const Index stage = 1 + static_cast<Index>(ontology.height(term));
    term_block[term] = assembler.add_block(NeuronKind::kTerm, ontology.term(term).id,
                                           dcell_term_width(options, ontology.genes(term).size()),
                                           stage, options.term_layer);
    for (GeneIndex gene : ontology.direct_genes(term)) {
      for (Index feature : gene_features[gene]) assembler.connect(feature, term_block[term]);
    }
    for (TermIndex child : ontology.children(term)) {
      assembler.connect(term_block[child], term_block[term]);
    }
    if (!assembler.has_inputs(term_block[term])) ++counts.terms_without_inputs;
  }

  std::vector<Index> root_blocks;
  for (TermIndex root : ontology.roots()) root_blocks.push_back(term_block[root]);
  const Index output =
      detail::add_output_block(assembler, std::move(root_blocks), input_map, options.extra_branches,
                               "dcell.extra_branches", options.n_outputs);
  if (options.auxiliary.enabled) {
    add_auxiliary_heads(assembler, ontology, term_block, assembler.stage(output), options);
  }
  if (report != nullptr) *report = counts;
  return assembler.finish("dcell", options.auxiliary.enabled ? options.auxiliary.loss_weight : 0.0);
}

}  // namespace ontonet
