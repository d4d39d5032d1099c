#include "ontonet/network/gennet_style.hpp"

#include <set>
#include <string>

#include "ontonet/core/error.hpp"
#include "spec_assembler.hpp"

namespace ontonet {

namespace {

// Genes sit at stage 1, so a term at height h sits at stage h + 2.
constexpr Index kGeneStage = 1;

void check_options(const GenNetOptions& options) {
  if (options.neurons_per_gene < 1) throw ConfigError("gennet.neurons_per_gene", "must be >= 1");
  if (options.neurons_per_term < 1) throw ConfigError("gennet.neurons_per_term", "must be >= 1");
  if (options.n_outputs < 1) throw ConfigError("gennet.n_outputs", "must be >= 1");
  detail::check_layer_settings(options.gene_layer, "gennet.gene_layer");
  detail::check_layer_settings(options.term_layer, "gennet.term_layer");
}

// A topology with SNP and gene layers only (GenNet's A_to_Z example) has no term, and so no
// annotated gene: its genes are the ones the input map names.
Ontology genes_of_input_map(const InputMap& input_map) {
  std::set<std::string> genes;
  for (const std::vector<std::string>& feature_genes : input_map.feature_genes) {
    genes.insert(feature_genes.begin(), feature_genes.end());
  }
  return Ontology({}, {}, {}, std::vector<std::string>(genes.begin(), genes.end()), {});
}

}  // namespace

NetworkSpec build_gennet_spec(const Ontology& ontology_or_empty, const InputMap& input_map,
                              const GenNetOptions& options, SpecBuildReport* report) {
  check_options(options);
  const bool genes_only = ontology_or_empty.n_terms() == 0;
  const Ontology genes_only_ontology = genes_only ? genes_of_input_map(input_map) : Ontology();
  const Ontology& ontology = genes_only ? genes_only_ontology : ontology_or_empty;
  SpecBuildReport counts;
  detail::SpecAssembler assembler;
  const std::vector<std::vector<Index>> gene_features =
      detail::add_input_blocks(assembler, ontology, input_map, counts);

  std::vector<Index> gene_block(ontology.n_genes(), -1);
  for (GeneIndex gene = 0; gene < ontology.n_genes(); ++gene) {
    if (gene_features[gene].empty()) {
      ++counts.genes_without_features;
      continue;
    }
    gene_block[gene] =
        assembler.add_block(NeuronKind::kGene, ontology.gene_symbol(gene), options.neurons_per_gene,
                            kGeneStage, options.gene_layer);
    for (Index feature : gene_features[gene]) assembler.connect(feature, gene_block[gene]);
  }

  std::vector<Index> term_block(ontology.n_terms(), -1);
  for (TermIndex term : ontology.children_first_order()) {
    const Index stage = kGeneStage + 1 + static_cast<Index>(ontology.height(term));
    term_block[term] = assembler.add_block(NeuronKind::kTerm, ontology.term(term).id,
                                           options.neurons_per_term, stage, options.term_layer);
    for (GeneIndex gene : ontology.direct_genes(term)) {
      if (gene_block[gene] >= 0) assembler.connect(gene_block[gene], term_block[term]);
    }
    for (TermIndex child : ontology.children(term)) {
      assembler.connect(term_block[child], term_block[term]);
    }
    if (!assembler.has_inputs(term_block[term])) ++counts.terms_without_inputs;
  }

  // The roots feed the output; without terms, the genes do.
  std::vector<Index> root_blocks;
  for (TermIndex root : ontology.roots()) root_blocks.push_back(term_block[root]);
  for (GeneIndex gene = 0; genes_only && gene < ontology.n_genes(); ++gene) {
    if (gene_block[gene] >= 0) root_blocks.push_back(gene_block[gene]);
  }
  detail::add_output_block(assembler, std::move(root_blocks), input_map, options.extra_branches,
                           "gennet.extra_branches", options.n_outputs);
  if (report != nullptr) *report = counts;
  return assembler.finish("gennet", 0.0);
}

}  // namespace ontonet
