// Causal terms are eligible by size and never nested; causal genes are distinct members of their
// term; impossible requests are refused naming the option and the counts.
#include "ontonet/simulate/causal_truth.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../network/network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

bool is_ancestor(const Ontology& ontology, TermIndex ancestor, TermIndex term) {
  for (TermIndex parent : ontology.parents(term)) {
    if (parent == ancestor || is_ancestor(ontology, ancestor, parent)) return true;
  }
  return false;
}

TEST(CausalTruth, DrawsDistinctGenesOfDistinctEligibleTerms) {
  // 10 leaves of 8 genes are eligible; the root (80 genes) is too large.
  const Ontology ontology = test::flat_ontology(10, 8);
  SimulationOptions options;
  options.causal_terms = 3;
  options.causal_genes_per_term = 4;
  RandomStream random(21, 1);
  const CausalTruth truth = choose_causal_truth(ontology, options, random);
  EXPECT_EQ(truth.n_eligible_terms, 10u);
  ASSERT_EQ(truth.terms.size(), 3u);
  ASSERT_EQ(truth.genes.size(), 12u);
  std::set<TermIndex> terms;
  std::set<GeneIndex> genes;
  for (std::size_t t = 0; t < truth.terms.size(); ++t) {
    const CausalTerm& term = truth.terms[t];
    terms.insert(term.term);
    EXPECT_NE(ontology.term(term.term).id, "R");
    ASSERT_EQ(term.genes.size(), 4u);
    for (std::size_t g : term.genes) {
      const CausalGene& gene = truth.genes[g];
      EXPECT_EQ(gene.causal_term, t);
      const std::vector<GeneIndex>& members = ontology.genes(term.term);
      EXPECT_TRUE(std::binary_search(members.begin(), members.end(), gene.gene));
      EXPECT_NE(gene.beta, 0.0);
      genes.insert(gene.gene);
    }
  }
  EXPECT_EQ(terms.size(), 3u);
  EXPECT_EQ(genes.size(), 12u);
}

TEST(CausalTruth, NeverTakesATermNestedInAnother) {
  // Every term of the hand-made DAG holds 2 to 6 genes, so all six are eligible; many of them nest.
  const Ontology ontology = test::hand_made_ontology();
  SimulationOptions options;
  options.causal_terms = 2;
  options.causal_min_genes = 2;
  options.causal_max_genes = 6;
  options.causal_genes_per_term = 1;
  std::set<std::pair<TermIndex, TermIndex>> pairs_seen;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    RandomStream random(seed, 1);
    const CausalTruth truth = choose_causal_truth(ontology, options, random);
    EXPECT_EQ(truth.n_eligible_terms, 6u);
    ASSERT_EQ(truth.terms.size(), 2u);
    const TermIndex a = truth.terms[0].term;
    const TermIndex b = truth.terms[1].term;
    EXPECT_FALSE(is_ancestor(ontology, a, b) || is_ancestor(ontology, b, a))
        << ontology.term(a).id << " " << ontology.term(b).id;
    pairs_seen.insert({std::min(a, b), std::max(a, b)});
    // A causal gene lies in its own causal term only.
    for (const CausalGene& gene : truth.genes) {
      const std::vector<GeneIndex>& other = ontology.genes(truth.terms[1 - gene.causal_term].term);
      EXPECT_FALSE(std::binary_search(other.begin(), other.end(), gene.gene))
          << ontology.gene_symbol(gene.gene);
    }
  }
  // Non-nested pairs: C-D, C-E, C-B, D-E, E-A, E-B, A-B. The seeds find several of them.
  EXPECT_GE(pairs_seen.size(), 4u);
}

TEST(CausalTruth, RefusesMoreTermsThanAreEligible) {
  const Ontology ontology = test::flat_ontology(3, 4);
  SimulationOptions options;
  options.causal_terms = 4;
  options.causal_max_genes = 10;  // the root's 12 genes are too many
  RandomStream random(1, 1);
  try {
    choose_causal_truth(ontology, options, random);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "--causal-terms");
    const std::string message = e.what();
    EXPECT_NE(message.find("asks for 4 causal terms, but 3 of the ontology's 4 terms have between "
                           "3 and 10 genes"),
              std::string::npos)
        << message;
  }
}

TEST(CausalTruth, BacktracksWhenTheFirstTermDrawnLeadsToADeadEnd) {
  // The root (8 genes) is eligible next to the leaves L0 and L1 (4 each), but holds both: whatever
  // the order, the two causal terms are the leaves.
  const Ontology ontology = test::flat_ontology(2, 4);
  SimulationOptions options;
  options.causal_max_genes = 8;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RandomStream random(seed, 1);
    const CausalTruth truth = choose_causal_truth(ontology, options, random);
    ASSERT_EQ(truth.terms.size(), 2u);
    EXPECT_NE(ontology.term(truth.terms[0].term).id, "R");
    EXPECT_NE(ontology.term(truth.terms[1].term).id, "R");
  }
}

TEST(CausalTruth, RefusesWhenOnlyNestedTermsAreLeft) {
  // L0 and L1 (4 genes) and the root (8 genes) are eligible, but the root holds both leaves.
  const Ontology ontology = test::flat_ontology(2, 4);
  SimulationOptions options;
  options.causal_terms = 3;
  options.causal_max_genes = 8;
  RandomStream random(1, 1);
  try {
    choose_causal_truth(ontology, options, random);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "--causal-terms");
    const std::string message = e.what();
    EXPECT_NE(message.find("no 3 of the 3 terms with between 3 and 8 genes"), std::string::npos)
        << message;
    EXPECT_NE(message.find("are free of nesting"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace ontonet
