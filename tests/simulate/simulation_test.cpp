// simulate() as a whole: a pure function of the ontology and the options, whose truth does not
// move with the number of samples or the data type, and which refuses impossible requests naming
// the option.
#include "ontonet/simulate/simulation.hpp"

#include <gtest/gtest.h>

#include "ontonet/core/error.hpp"
#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

std::vector<GeneIndex> causal_genes(const Simulation& simulation) {
  std::vector<GeneIndex> genes;
  for (const CausalGene& gene : simulation.truth.genes) genes.push_back(gene.gene);
  return genes;
}

TEST(Simulation, SameSeedGivesTheSameNumbersAnotherSeedOthers) {
  const Ontology ontology = test::flat_ontology(8, 5);
  SimulationOptions options;
  options.n_samples = 100;
  options.data_type = SimulatedDataType::kGenotype;
  options.correlation = 0.5;
  options.seed = 4;
  const Simulation a = simulate(ontology, options);
  const Simulation b = simulate(ontology, options);
  EXPECT_TRUE(a.inputs.values == b.inputs.values);
  EXPECT_EQ(a.inputs.maf, b.inputs.maf);
  EXPECT_EQ(a.phenotype.liability, b.phenotype.liability);
  EXPECT_EQ(causal_genes(a), causal_genes(b));
  options.seed = 5;
  const Simulation c = simulate(ontology, options);
  EXPECT_FALSE(a.inputs.values == c.inputs.values);
  EXPECT_NE(a.phenotype.liability, c.phenotype.liability);
}

TEST(Simulation, TruthDependsOnlyOnTheOptionsThatChooseIt) {
  const Ontology ontology = test::flat_ontology(10, 6);
  SimulationOptions options;
  options.seed = 8;
  options.n_samples = 50;
  const Simulation small = simulate(ontology, options);
  options.n_samples = 300;
  options.data_type = SimulatedDataType::kGenotype;
  options.model = PhenotypeModel::kAcrossTermInteraction;
  const Simulation other = simulate(ontology, options);
  EXPECT_EQ(causal_genes(small), causal_genes(other));
  for (std::size_t k = 0; k < small.truth.genes.size(); ++k) {
    EXPECT_EQ(small.truth.genes[k].beta, other.truth.genes[k].beta);
  }
}

TEST(Simulation, NamesSamplesInSortableOrder) {
  EXPECT_EQ(simulated_sample_id(0, 1000), "sample0001");
  EXPECT_EQ(simulated_sample_id(999, 1000), "sample1000");
  EXPECT_EQ(simulated_sample_id(0, 20000), "sample00001");
  const Simulation simulation = simulate(test::flat_ontology(8, 5), [] {
    SimulationOptions options;
    options.n_samples = 12;
    return options;
  }());
  ASSERT_EQ(simulation.sample_ids.size(), 12u);
  EXPECT_EQ(simulation.sample_ids[11], "sample0012");
  EXPECT_EQ(simulation.gene_ids.front(), "L0g0");
}

// The option a ConfigError names and a phrase of its message.
struct Refusal {
  std::string option;
  std::string phrase;
};

Refusal refusal(const SimulationOptions& options, const Ontology& ontology) {
  try {
    simulate(ontology, options);
  } catch (const ConfigError& e) {
    return {e.path(), e.what()};
  }
  return {"", "no error"};
}

TEST(Simulation, RefusesImpossibleRequestsNamingTheOption) {
  const Ontology ontology = test::flat_ontology(3, 4);
  const auto expect_refusal = [&](auto change, const std::string& option,
                                  const std::string& phrase) {
    SimulationOptions options;
    change(options);
    const Refusal got = refusal(options, ontology);
    EXPECT_EQ(got.option, option) << got.phrase;
    EXPECT_NE(got.phrase.find(phrase), std::string::npos) << got.phrase;
  };
  expect_refusal([](SimulationOptions& o) { o.n_samples = 9; }, "--samples",
                 "must be at least 10, got 9");
  expect_refusal([](SimulationOptions& o) { o.heritability = 1.0; }, "--heritability",
                 "must be in [0, 1), got 1.0");
  expect_refusal([](SimulationOptions& o) { o.heritability = -0.1; }, "--heritability",
                 "must be in [0, 1), got -0.1");
  expect_refusal([](SimulationOptions& o) { o.correlation = 1.0; }, "--correlation",
                 "must be in [0, 1), got 1.0");
  expect_refusal(
      [](SimulationOptions& o) {
        o.task = SimulatedTask::kBinary;
        o.prevalence = 1.0;
      },
      "--prevalence", "must be in (0, 1), got 1.0");
  expect_refusal(
      [](SimulationOptions& o) {
        o.task = SimulatedTask::kBinary;
        o.n_samples = 20;
        o.prevalence = 0.01;
      },
      "--prevalence", "round(prevalence x 20 samples) = 0 cases");
  expect_refusal(
      [](SimulationOptions& o) {
        o.data_type = SimulatedDataType::kGenotype;
        o.maf_max = 0.6;
      },
      "--maf-max", "must be in [--maf-min, 0.5]");
  expect_refusal(
      [](SimulationOptions& o) {
        o.causal_terms = 4;
        o.causal_max_genes = 10;
      },
      "--causal-terms", "asks for 4 causal terms, but 3 of the ontology's 4 terms");
  expect_refusal(
      [](SimulationOptions& o) {
        o.model = PhenotypeModel::kWithinTermInteraction;
        o.causal_genes_per_term = 1;
      },
      "--causal-genes-per-term", "must be at least 2 for --model within_term_interaction");
  expect_refusal(
      [](SimulationOptions& o) {
        o.model = PhenotypeModel::kAcrossTermInteraction;
        o.causal_terms = 1;
      },
      "--causal-terms", "must be at least 2 for --model across_term_interaction");
  expect_refusal([](SimulationOptions& o) { o.causal_min_genes = 40; }, "--causal-min-genes",
                 "must not exceed --causal-max-genes (30)");
}

}  // namespace
}  // namespace ontonet
