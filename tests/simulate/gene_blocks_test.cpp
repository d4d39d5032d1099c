// Each gene lands in the block of its most specific annotated term.
#include "ontonet/simulate/gene_blocks.hpp"

#include <gtest/gtest.h>

#include "../network/network_fixtures.hpp"
#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

TEST(GeneBlocks, EachGeneJoinsItsMostSpecificDirectTerm) {
  // C {g1, g2}, D {g3, g4}, E {g2, g6}, A {g5} (A holds g1..g5), B {g6} (B holds g3, g4, g6).
  const Ontology ontology = test::hand_made_ontology();
  const GeneBlocks blocks = assign_gene_blocks(ontology);
  const auto block_term = [&](const std::string& gene) {
    return ontology.term(*blocks.block_terms[blocks.block_of_gene[*ontology.find_gene(gene)]]).id;
  };
  EXPECT_EQ(block_term("g1"), "C");
  // C and E both hold two genes; C is deeper (C -> A -> R against E -> R).
  EXPECT_EQ(block_term("g2"), "C");
  EXPECT_EQ(block_term("g3"), "D");
  EXPECT_EQ(block_term("g4"), "D");
  EXPECT_EQ(block_term("g5"), "A");
  // E (2 genes) is more specific than B (3 genes).
  EXPECT_EQ(block_term("g6"), "E");
  // Blocks in term order: C, D, E, A.
  ASSERT_EQ(blocks.n_blocks(), 4u);
  EXPECT_EQ(ontology.term(*blocks.block_terms[0]).id, "C");
  EXPECT_EQ(ontology.term(*blocks.block_terms[3]).id, "A");
}

TEST(GeneBlocks, FlatOntologyHasOneBlockPerLeaf) {
  const Ontology ontology = test::flat_ontology(3, 4);
  const GeneBlocks blocks = assign_gene_blocks(ontology);
  ASSERT_EQ(blocks.n_blocks(), 3u);
  for (GeneIndex gene = 0; gene < ontology.n_genes(); ++gene) {
    EXPECT_EQ(blocks.block_of_gene[gene], gene / 4u) << ontology.gene_symbol(gene);
  }
}

}  // namespace
}  // namespace ontonet
