// What `ontonet simulate` draws, declared once: each option with its default here and its check in
// check_simulation_options, which names the command-line option a bad value came from. The
// simulator plants a known signal in an ontology's genes (docs/formats/simulation.md): inputs
// (expression or genotype dosages, correlated within blocks of genes that share a term), causal
// terms and genes with effect sizes, and a phenotype with a chosen heritability.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace ontonet {

enum class SimulatedDataType {
  kExpression,  // standard normal per gene
  kGenotype,    // 0/1/2 minor-allele dosages from two haplotypes
};

enum class PhenotypeModel {
  kAdditive,               // sum of beta_g z_g over the causal genes
  kWithinTermInteraction,  // pairwise products of the causal genes of one term
  kAcrossTermInteraction,  // products of causal genes of two different causal terms
};

enum class SimulatedTask { kRegression, kBinary };

struct SimulationOptions {
  std::size_t n_samples = 1000;
  SimulatedDataType data_type = SimulatedDataType::kExpression;
  // Correlation of the latent normals of two genes in the same block, in [0, 1).
  double correlation = 0.0;
  // Genotype: each gene's minor-allele frequency is uniform in [maf_min, maf_max].
  double maf_min = 0.05;
  double maf_max = 0.5;
  std::size_t causal_terms = 2;
  // A causal term has between these many genes (true-path, after the ontology's filters).
  std::size_t causal_min_genes = 3;
  std::size_t causal_max_genes = 30;
  std::size_t causal_genes_per_term = 3;
  PhenotypeModel model = PhenotypeModel::kAdditive;
  // The variance of the signal over the samples; the noise has variance 1 - heritability.
  double heritability = 0.5;
  SimulatedTask task = SimulatedTask::kRegression;
  // Binary: the fraction of samples, those with the highest liability, that are cases.
  double prevalence = 0.5;
  std::uint64_t seed = 1;
};

// Throws ConfigError naming the option (e.g. "--heritability") when a value is out of range:
// samples < 10, correlation or heritability outside [0, 1), maf_min <= 0, maf_min > maf_max or
// maf_max > 0.5, no causal terms or genes per term, causal_min_genes > causal_max_genes, more
// causal genes per term than causal_max_genes, an interaction model with too few genes or terms
// to form a product, prevalence outside (0, 1) or one leaving no case or no control.
void check_simulation_options(const SimulationOptions& options);

// Name <-> value: "expression"/"genotype", "additive"/"within_term_interaction"/
// "across_term_interaction", "regression"/"binary". The parsers throw ConfigError naming
// `option` and the accepted names.
SimulatedDataType parse_simulated_data_type(const std::string& name, const std::string& option);
PhenotypeModel parse_phenotype_model(const std::string& name, const std::string& option);
SimulatedTask parse_simulated_task(const std::string& name, const std::string& option);
std::string simulated_data_type_name(SimulatedDataType type);
std::string phenotype_model_name(PhenotypeModel model);
std::string simulated_task_name(SimulatedTask task);

// Every option under its command-line name in snake_case (as truth.json records them).
nlohmann::json simulation_options_json(const SimulationOptions& options);

}  // namespace ontonet
