// DCell / DrugCell-style wiring (Ma et al. 2018, Kuenzi et al. 2020). There is no gene layer: the
// input features are the genes' states, and a term's input is the concatenation of its children's
// neurons and the input features of its DIRECTLY annotated genes, through one Linear layer, then
// tanh and batch norm (DrugCell's order; configurable). A term at height h sits at stage h + 1.
//
// Input features and genes: with a gene -> itself input map (one feature per gene, DrugCell's
// mutation vector) the input layer IS the gene layer. With several channels per gene (mutation,
// deletion, amplification: three features naming the same gene), every channel of a gene feeds
// every term the gene is directly annotated to, so such a term's Linear layer sees 3 columns per
// gene. A feature that feeds several genes of one term (a SNP in two gene windows) is one edge.
//
// Each term has k neurons: neurons_per_term, or when neurons_per_gene_ratio > 0 DCell's rule
// max(min_neurons_per_term, ceil(ratio * |genes(term)|)) on the true-path gene set, capped at
// max_neurons_per_term. The roots' neurons (and each extra branch's last layer) feed the output
// Linear layer. Each term can have an auxiliary head predicting the target from the term alone:
// DrugCell's Linear(k, o) -> tanh -> Linear(o, o), or DCell's single Linear(k, o); heads sit in the
// stages after the output so that all of them form two levels of the compiled model.
#pragma once

#include <limits>
#include <vector>

#include "ontonet/network/input_map.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/network/style_options.hpp"
#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

struct AuxiliaryHeadOptions {
  bool enabled = true;
  bool hidden_tanh = true;   // DrugCell's Linear -> tanh -> Linear; false: DCell's one Linear
  double loss_weight = 0.2;  // DrugCell 0.2, DCell 0.3; >= 0
};

struct DCellOptions {
  Index neurons_per_term = 6;          // fixed k, used when neurons_per_gene_ratio == 0
  double neurons_per_gene_ratio = 0;   // DCell: 0.3
  Index min_neurons_per_term = 20;     // DCell's floor of k under the ratio rule
  Index max_neurons_per_term = std::numeric_limits<Index>::max();  // cap under the ratio rule
  // Every term block's settings; dropout in [0, 1) (auxiliary heads and the output have none).
  LayerSettings term_layer{Activation::kTanh, true, NormOrder::kActivationThenNorm};
  AuxiliaryHeadOptions auxiliary;
  Index n_outputs = 1;
  std::vector<ExtraBranchOptions> extra_branches;
};

// DrugCell's settings: 6 neurons per term, tanh then batch norm, two-layer heads weighted 0.2.
DCellOptions drugcell_preset();
// DCell's settings: k = max(20, ceil(0.3 |genes|)), tanh then batch norm, one-layer heads
// weighted 0.3.
DCellOptions dcell_preset();

// The number of neurons a term gets under `options`.
Index dcell_term_width(const DCellOptions& options, std::size_t n_term_genes);

// Input rows: the input map's features, then each branch's features. Throws
// ConfigError("dcell.<option>", ...) for invalid options or input map.
NetworkSpec build_dcell_spec(const Ontology& ontology, const InputMap& input_map,
                             const DCellOptions& options, SpecBuildReport* report = nullptr);

}  // namespace ontonet
