// The planted ground truth: which terms and genes drive the phenotype, with their effect sizes.
//
// Eligible terms have between causal_min_genes and causal_max_genes genes (true-path, after the
// ontology's filters) and at least causal_genes_per_term of them. The causal terms are
// causal_terms eligible terms such that
//   - none is an ancestor or a descendant of another (nested causal terms would make "which term
//     is causal" ambiguous), and
//   - each has at least causal_genes_per_term genes of its own: genes in no other causal term.
// They are found by a depth-first search over the eligible terms in a shuffled order: each level
// takes the first term in that order that keeps both rules, and backtracks at a dead end. So the
// result is the greedy pick whenever that succeeds, and the search fails only when no such set
// exists (or after kCausalSearchSteps steps). In each causal term, causal_genes_per_term distinct
// causal genes are then drawn uniformly from its own genes, so every causal gene lies in exactly
// one causal term. Each causal gene gets beta ~ N(0, 1). Ancestors of a causal term hold its
// causal genes without being causal themselves.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/ontology/ontology.hpp"
#include "ontonet/simulate/random_stream.hpp"
#include "ontonet/simulate/simulation_options.hpp"

namespace ontonet {

struct CausalTerm {
  TermIndex term = 0;
  std::vector<std::size_t> genes;  // positions in CausalTruth::genes, ascending
};

struct CausalGene {
  GeneIndex gene = 0;
  std::size_t causal_term = 0;  // position in CausalTruth::terms
  double beta = 0.0;            // N(0, 1)
};

struct CausalTruth {
  std::size_t n_eligible_terms = 0;
  std::vector<CausalTerm> terms;  // in the order drawn
  std::vector<CausalGene> genes;  // term by term; within a term in gene-index order
};

constexpr std::size_t kCausalSearchSteps = 1000000;

// Draws the order of the terms, then the genes term by term, then the betas in CausalTruth::genes
// order. Throws ConfigError naming --causal-terms when fewer terms are eligible than asked for, or
// when no set of eligible terms keeps the rules above.
CausalTruth choose_causal_truth(const Ontology& ontology, const SimulationOptions& options,
                                RandomStream& random);

}  // namespace ontonet
