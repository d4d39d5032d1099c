// Options and the build report shared by the style builders (gennet_style.hpp, dcell_style.hpp):
// the dense branches over non-genetic inputs that join the ontology part just before the output,
// as DrugCell joins its drug-fingerprint branch, and the counts of what the input map and the
// ontology did not have in common.
#pragma once

#include <string>
#include <vector>

#include "ontonet/network/network_spec.hpp"

namespace ontonet {

// A dense MLP over columns of the data matrix that are not genetic (a drug fingerprint,
// covariates). Its input columns follow the input map's features in the data matrix, branch after
// branch; each layer is fully connected to the one before; its last layer feeds the output block
// alongside the ontology's roots.
struct ExtraBranchOptions {
  std::string name;                      // labels its blocks "<name>/<layer>"; not empty
  std::vector<std::string> feature_ids;  // its input columns, at least one
  std::vector<Index> widths;             // neurons per layer, at least one layer, each >= 1
  LayerSettings layer{Activation::kTanh, false, NormOrder::kActivationThenNorm};
};

struct SpecBuildReport {
  // Ontology genes that no input feature feeds: they carry no signal and get no neuron (GenNet)
  // or no input edge (DCell).
  Index genes_without_features = 0;
  // Input features none of whose genes is in the ontology: their input neuron feeds nothing.
  Index features_without_genes = 0;
  // Terms left with no incoming edge (no child and no fed gene): their neurons output a constant
  // function of the bias only.
  Index terms_without_inputs = 0;
};

}  // namespace ontonet
