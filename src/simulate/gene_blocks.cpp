#include "ontonet/simulate/gene_blocks.hpp"

#include <map>

namespace ontonet {

namespace {

// True when term `a` is more specific than term `b` by the rule of the header.
bool more_specific(const Ontology& ontology, TermIndex a, TermIndex b) {
  const std::size_t genes_a = ontology.genes(a).size();
  const std::size_t genes_b = ontology.genes(b).size();
  if (genes_a != genes_b) return genes_a < genes_b;
  if (ontology.depth(a) != ontology.depth(b)) return ontology.depth(a) > ontology.depth(b);
  return a < b;
}

}  // namespace

GeneBlocks assign_gene_blocks(const Ontology& ontology) {
  const std::size_t n_genes = ontology.n_genes();
  std::vector<std::optional<TermIndex>> chosen(n_genes);
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    for (GeneIndex gene : ontology.direct_genes(t)) {
      if (!chosen[gene] || more_specific(ontology, t, *chosen[gene])) chosen[gene] = t;
    }
  }
  std::map<TermIndex, std::size_t> block_of_term;
  for (GeneIndex gene = 0; gene < n_genes; ++gene) {
    if (chosen[gene]) block_of_term.emplace(*chosen[gene], 0);
  }
  GeneBlocks blocks;
  for (auto& [term, block] : block_of_term) {
    block = blocks.block_terms.size();
    blocks.block_terms.push_back(term);
  }
  blocks.block_of_gene.resize(n_genes);
  for (GeneIndex gene = 0; gene < n_genes; ++gene) {
    if (chosen[gene]) {
      blocks.block_of_gene[gene] = block_of_term.at(*chosen[gene]);
    } else {
      blocks.block_of_gene[gene] = blocks.block_terms.size();
      blocks.block_terms.push_back(std::nullopt);
    }
  }
  return blocks;
}

}  // namespace ontonet
