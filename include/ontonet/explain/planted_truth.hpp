// An explanation scored against what `ontonet simulate` planted: which genes and terms of the
// ontology are causal, and each attribution method's recovery of them (truth_recovery.hpp) from one
// explained model. Used by `ontonet benchmark-explain`.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "ontonet/explain/explanation.hpp"
#include "ontonet/explain/truth_recovery.hpp"
#include "ontonet/ontology/ontology.hpp"
#include "ontonet/simulate/causal_truth.hpp"

namespace ontonet {

struct PlantedTruth {
  std::set<std::string> causal_genes;   // gene symbols
  std::vector<TruthLabel> term_labels;  // per ontology term
};

// Causal terms are positives; terms holding a causal gene (true-path) without being causal (the
// causal terms' ancestors, terms overlapping one) are excluded, since they carry the signal
// legitimately; the other terms are negatives.
PlantedTruth planted_truth(const Ontology& ontology, const CausalTruth& truth);

// One record per method and kind of one explained model, `stem` giving the scenario, model, seed
// and held-out metric. Genes are scored by the explanation's gene scores (scored_by: the gene
// rule's short form, e.g. "input features"); terms by their neurons ("term neurons"), or, for a
// network without term neurons (the dense baseline), each ontology term by the mean score of its
// genes ("mean of its genes"). A method that scores no gene (or no term) gives no record for that
// kind.
std::vector<RecoveryRecord> score_explanation(const Explanation& explanation,
                                              const Ontology& ontology, const PlantedTruth& truth,
                                              const RecoveryRecord& stem);

}  // namespace ontonet
