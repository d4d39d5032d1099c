// GenNet-style wiring (van Hilten et al. 2021): input features feed the genes the input map names,
// genes feed the terms they are annotated to DIRECTLY (annotations are not propagated: a gene
// reaches an ancestor term only through the DAG), and each term feeds its parents. A term fed by
// children of different heights receives them directly, without copy neurons, so a term at height
// h sits at stage h + 2 (inputs 0, genes 1). All roots feed one output block. Every gene and term
// has k neurons (default 1), fully connected block to block; tanh by default, no batch norm.
// An ontology without terms (a topology of SNP and gene layers only) gives SNP -> gene -> output,
// with a gene neuron for every gene the input map names.
#pragma once

#include <vector>

#include "ontonet/network/input_map.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/network/style_options.hpp"
#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

struct GenNetOptions {
  Index neurons_per_gene = 1;  // >= 1
  Index neurons_per_term = 1;  // >= 1
  // Every gene and term block's settings; dropout in [0, 1) (the output has none).
  LayerSettings gene_layer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
  LayerSettings term_layer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
  Index n_outputs = 1;  // output neurons (identity: logits or raw predictions)
  std::vector<ExtraBranchOptions> extra_branches;
};

// Gene neurons exist only for ontology genes that at least one feature feeds (the others are
// counted in report). Input rows: the input map's features, then each branch's features.
// Throws ConfigError("gennet.<option>", ...) for invalid options or input map.
NetworkSpec build_gennet_spec(const Ontology& ontology, const InputMap& input_map,
                              const GenNetOptions& options, SpecBuildReport* report = nullptr);

}  // namespace ontonet
