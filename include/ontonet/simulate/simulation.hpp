// One simulated data set with planted ground truth on an ontology's genes: the input matrix, the
// causal terms and genes, and the phenotype (docs/formats/simulation.md). simulate() is a pure
// function of the ontology and the options: the same seed gives the same numbers.
//
// Four random streams, all from options.seed (random_stream.hpp): 1 the truth (terms, genes,
// betas), 2 the allele frequencies, 3 the data, 4 the noise. The truth thus depends only on the
// ontology and the options that choose it, not on the number of samples or the data type.
#pragma once

#include <string>
#include <vector>

#include "ontonet/ontology/ontology.hpp"
#include "ontonet/simulate/causal_truth.hpp"
#include "ontonet/simulate/gene_blocks.hpp"
#include "ontonet/simulate/phenotype_model.hpp"
#include "ontonet/simulate/simulated_inputs.hpp"
#include "ontonet/simulate/simulation_options.hpp"

namespace ontonet {

struct Simulation {
  SimulationOptions options;
  std::vector<std::string> sample_ids;  // sample0001, ... (at least four digits)
  std::vector<std::string> gene_ids;    // the ontology's gene symbols, in gene-index order
  GeneBlocks blocks;
  SimulatedInputs inputs;  // values: [samples, genes]
  CausalTruth truth;
  SimulatedPhenotype phenotype;
};

// Checks the options (check_simulation_options), then draws. Throws ConfigError for an impossible
// request (see causal_truth.hpp, phenotype_model.hpp) and when the ontology has no genes.
Simulation simulate(const Ontology& ontology, const SimulationOptions& options);

// "sample0001" for index 0 of 1000 samples; the digits widen past 9999 samples so IDs stay
// sorted.
std::string simulated_sample_id(std::size_t index, std::size_t n_samples);

// The causal genes' standardized values, z = (x - mean) / sd: [samples, causal genes].
Eigen::MatrixXd standardized_causal_values(const Simulation& simulation);

}  // namespace ontonet
