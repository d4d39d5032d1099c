#include "ontonet/simulate/simulation.hpp"

#include <algorithm>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// The streams of the header; changing a number changes every simulation of that stage.
constexpr std::uint32_t kTruthStream = 1;
constexpr std::uint32_t kFrequencyStream = 2;
constexpr std::uint32_t kDataStream = 3;
constexpr std::uint32_t kNoiseStream = 4;

}  // namespace

std::string simulated_sample_id(std::size_t index, std::size_t n_samples) {
  const std::size_t width = std::max<std::size_t>(4, std::to_string(n_samples).size());
  std::string digits = std::to_string(index + 1);
  return "sample" + std::string(width - digits.size(), '0') + digits;
}

Eigen::MatrixXd standardized_causal_values(const Simulation& simulation) {
  const CausalTruth& truth = simulation.truth;
  const SimulatedInputs& inputs = simulation.inputs;
  Eigen::MatrixXd z(inputs.values.rows(), static_cast<Eigen::Index>(truth.genes.size()));
  for (std::size_t k = 0; k < truth.genes.size(); ++k) {
    const GeneIndex gene = truth.genes[k].gene;
    const auto column = static_cast<Eigen::Index>(k);
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      z(i, column) =
          (static_cast<double>(inputs.values(i, gene)) - inputs.mean[gene]) / inputs.sd[gene];
    }
  }
  return z;
}

Simulation simulate(const Ontology& ontology, const SimulationOptions& options) {
  check_simulation_options(options);
  if (ontology.n_genes() == 0) {
    throw ConfigError("ontology", "has no genes after filtering: nothing to simulate");
  }
  Simulation simulation;
  simulation.options = options;
  simulation.gene_ids = ontology.gene_symbols();
  for (std::size_t i = 0; i < options.n_samples; ++i) {
    simulation.sample_ids.push_back(simulated_sample_id(i, options.n_samples));
  }
  simulation.blocks = assign_gene_blocks(ontology);

  RandomStream truth_stream(options.seed, kTruthStream);
  simulation.truth = choose_causal_truth(ontology, options, truth_stream);

  RandomStream data_stream(options.seed, kDataStream);
  if (options.data_type == SimulatedDataType::kGenotype) {
    RandomStream frequency_stream(options.seed, kFrequencyStream);
    simulation.inputs =
        draw_genotypes(options.n_samples, simulation.blocks, options.correlation, options.maf_min,
                       options.maf_max, frequency_stream, data_stream);
  } else {
    simulation.inputs =
        draw_expression(options.n_samples, simulation.blocks, options.correlation, data_stream);
  }

  RandomStream noise_stream(options.seed, kNoiseStream);
  simulation.phenotype = simulate_phenotype(standardized_causal_values(simulation),
                                            simulation.truth, options, noise_stream);
  return simulation;
}

}  // namespace ontonet
