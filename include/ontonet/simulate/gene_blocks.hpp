// The blocks of correlated genes the simulator draws: each gene belongs to exactly one block, that
// of its most specific annotated term, so genes annotated to the same leaf share a latent factor
// (co-expression, or linkage for genotypes) and genes of different blocks are independent. One
// block per gene keeps the within-block correlation exact and easy to state.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

struct GeneBlocks {
  std::vector<std::size_t> block_of_gene;  // gene index -> block index
  // block -> its term; nullopt for the one-gene block of a gene without a direct annotation.
  std::vector<std::optional<TermIndex>> block_terms;
  std::size_t n_blocks() const { return block_terms.size(); }
};

// A gene's block term is, among the terms it is directly annotated to, the one with the fewest
// genes (true-path); ties go to the greater depth, then to the lower term index. Blocks are
// numbered in the order of their terms' indices (gene-less blocks last, in gene order).
GeneBlocks assign_gene_blocks(const Ontology& ontology);

}  // namespace ontonet
