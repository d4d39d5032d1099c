// The simulation folder: data and phenotypes that ontonet's own readers read back to exactly the
// simulated values, truth tables and truth.json that agree with the simulation, and the same bytes
// from the same seed.
#include "ontonet/simulate/simulation_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/delimited_matrix_reader.hpp"
#include "ontonet/io/phenotype_reader.hpp"
#include "ontonet/io/text_table.hpp"
#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

const char* const kFiles[] = {"data.tsv", "phenotypes.tsv", "truth.json", "truth_genes.tsv",
                              "truth_terms.tsv"};

SimulationOptions genotype_options() {
  SimulationOptions options;
  options.n_samples = 60;
  options.data_type = SimulatedDataType::kGenotype;
  options.correlation = 0.3;
  options.seed = 12;
  return options;
}

TEST(SimulationFiles, ReadersGetBackExactlyTheSimulatedValues) {
  const test::ScratchDir dir("simulation-files");
  const Ontology ontology = test::flat_ontology(7, 5);
  SimulationOptions options;
  options.n_samples = 50;
  options.correlation = 0.4;
  const Simulation simulation = simulate(ontology, options);
  write_simulation(dir.path("out"), ontology, simulation, {{"note", "test"}});

  const SampleMatrix data = read_delimited_matrix(dir.path("out/data.tsv"));
  EXPECT_EQ(data.sample_ids, simulation.sample_ids);
  EXPECT_EQ(data.feature_ids, simulation.gene_ids);
  EXPECT_EQ(data.n_missing, 0u);
  EXPECT_TRUE(data.values == simulation.inputs.values);

  PhenotypeTableSpec spec;
  spec.sample_id_column = "sample";
  spec.phenotypes = {{"phenotype", PhenotypeKind::kContinuous, ""}};
  const PhenotypeTable phenotypes = read_phenotypes(dir.path("out/phenotypes.tsv"), spec);
  EXPECT_EQ(phenotypes.sample_ids, simulation.sample_ids);
  for (std::size_t i = 0; i < simulation.sample_ids.size(); ++i) {
    EXPECT_EQ(phenotypes.columns[0].values[i],
              static_cast<float>(simulation.phenotype.liability[i]));
  }
}

TEST(SimulationFiles, BinaryPhenotypesHoldLabelsAndTheLiability) {
  const test::ScratchDir dir("simulation-binary");
  const Ontology ontology = test::flat_ontology(7, 5);
  SimulationOptions options;
  options.n_samples = 40;
  options.task = SimulatedTask::kBinary;
  options.prevalence = 0.25;
  const Simulation simulation = simulate(ontology, options);
  write_simulation(dir.path(), ontology, simulation, {});
  PhenotypeTableSpec spec;
  spec.sample_id_column = "sample";
  spec.phenotypes = {{"phenotype", PhenotypeKind::kBinary, ""},
                     {"liability", PhenotypeKind::kContinuous, ""}};
  const PhenotypeTable table = read_phenotypes(dir.path("phenotypes.tsv"), spec);
  float cases = 0;
  for (std::size_t i = 0; i < 40; ++i) {
    EXPECT_EQ(table.columns[0].values[i], static_cast<float>(simulation.phenotype.labels[i]));
    EXPECT_EQ(table.columns[1].values[i], static_cast<float>(simulation.phenotype.liability[i]));
    cases += table.columns[0].values[i];
  }
  EXPECT_EQ(cases, 10.0f);
  const nlohmann::json truth = nlohmann::json::parse(test::read_text(dir.path("truth.json")));
  EXPECT_EQ(truth["binary"]["cases"], 10);
  EXPECT_EQ(truth["binary"]["controls"], 30);
}

TEST(SimulationFiles, TruthTablesAndJsonAgreeWithTheSimulation) {
  const test::ScratchDir dir("simulation-truth");
  const Ontology ontology = test::flat_ontology(7, 5);
  const Simulation simulation = simulate(ontology, genotype_options());
  write_simulation(dir.path(), ontology, simulation, {{"format", "test"}});

  const TextTable genes = read_text_table(dir.path("truth_genes.tsv"));
  EXPECT_EQ(genes.header,
            (std::vector<std::string>{"gene", "causal", "effect", "beta", "term", "block", "maf"}));
  ASSERT_EQ(genes.rows.size(), 35u);
  std::size_t n_causal = 0;
  for (std::size_t r = 0; r < genes.rows.size(); ++r) {
    const GeneIndex gene = static_cast<GeneIndex>(r);
    EXPECT_EQ(genes.rows[r][0], ontology.gene_symbol(gene));
    EXPECT_EQ(genes.rows[r][5], "L" + std::to_string(r / 5));  // its leaf is its block
    EXPECT_EQ(genes.number(r, 6), simulation.inputs.maf[gene]);
    if (genes.rows[r][1] == "1") ++n_causal;
  }
  EXPECT_EQ(n_causal, 6u);
  for (std::size_t k = 0; k < simulation.truth.genes.size(); ++k) {
    const CausalGene& causal = simulation.truth.genes[k];
    const std::size_t r = causal.gene;
    EXPECT_EQ(genes.rows[r][1], "1");
    EXPECT_EQ(genes.number(r, 2), simulation.phenotype.gene_effects[k]);
    EXPECT_EQ(genes.number(r, 3), causal.beta);
    EXPECT_EQ(genes.rows[r][4], ontology.term(simulation.truth.terms[causal.causal_term].term).id);
  }

  const TextTable terms = read_text_table(dir.path("truth_terms.tsv"));
  EXPECT_EQ(terms.header, (std::vector<std::string>{"term", "causal", "effect", "genes",
                                                    "causal_genes", "name"}));
  ASSERT_EQ(terms.rows.size(), 8u);
  EXPECT_EQ(terms.rows[7][0], "R");
  EXPECT_EQ(terms.rows[7][1], "0");  // the root holds the causal genes but is not causal
  EXPECT_EQ(terms.rows[7][4], "6");
  for (std::size_t t = 0; t < simulation.truth.terms.size(); ++t) {
    const std::size_t r = simulation.truth.terms[t].term;
    EXPECT_EQ(terms.rows[r][1], "1");
    EXPECT_EQ(terms.number(r, 2), simulation.phenotype.term_effects[t]);
    EXPECT_EQ(terms.rows[r][4], "3");
  }

  const nlohmann::json truth = nlohmann::json::parse(test::read_text(dir.path("truth.json")));
  EXPECT_EQ(truth["schema_version"], 1);
  EXPECT_EQ(truth["seed"], 12);
  EXPECT_EQ(truth["options"]["data_type"], "genotype");
  EXPECT_EQ(truth["options"]["samples"], 60);
  EXPECT_EQ(truth["options"]["correlation"], 0.3);
  EXPECT_EQ(truth["ontology"]["format"], "test");
  EXPECT_EQ(truth["causal_terms"].size(), 2u);
  EXPECT_EQ(truth["causal_genes"].size(), 6u);
  EXPECT_EQ(truth["causal_genes"][0]["beta"].get<double>(), simulation.truth.genes[0].beta);
  EXPECT_EQ(truth["signal"]["summands"].size(), 6u);
  EXPECT_EQ(truth["signal"]["scale"].get<double>(), simulation.phenotype.scale);
  EXPECT_EQ(truth["heritability"], 0.5);
  EXPECT_EQ(truth["noise_sd"].get<double>(), std::sqrt(0.5));
  EXPECT_EQ(truth["realized_heritability"].get<double>(),
            simulation.phenotype.realized_heritability);
  EXPECT_FALSE(truth.contains("binary"));
}

TEST(SimulationFiles, SameSeedWritesTheSameBytes) {
  const test::ScratchDir dir("simulation-bytes");
  const Ontology ontology = test::flat_ontology(7, 5);
  write_simulation(dir.path("a"), ontology, simulate(ontology, genotype_options()), {});
  write_simulation(dir.path("b"), ontology, simulate(ontology, genotype_options()), {});
  SimulationOptions other = genotype_options();
  other.seed = 13;
  write_simulation(dir.path("c"), ontology, simulate(ontology, other), {});
  for (const char* file : kFiles) {
    const std::string a = test::read_text(dir.path("a/") + file);
    ASSERT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, test::read_text(dir.path("b/") + file)) << file;
  }
  EXPECT_NE(test::read_text(dir.path("a/data.tsv")), test::read_text(dir.path("c/data.tsv")));
}

TEST(SimulationFiles, RefusesAFolderThatCannotBeCreated) {
  const test::ScratchDir dir("simulation-blocked");
  const std::string blocker = dir.write("file", "not a folder");
  const Ontology ontology = test::flat_ontology(8, 5);
  SimulationOptions options;
  options.n_samples = 10;
  try {
    write_simulation(blocker + "/out", ontology, simulate(ontology, options), {});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), blocker + "/out");
    EXPECT_NE(std::string(e.what()).find("expected an output folder that can be created"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace ontonet
