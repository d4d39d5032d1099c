#include "ontonet/simulate/simulation_files.hpp"

#include <charconv>
#include <filesystem>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// Shortest round-trip decimal (std::to_chars): fixed by the standard, locale-free.
template <typename Number>
std::string shortest_text(Number value) {
  char buffer[64];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string file_in(const std::string& folder, const std::string& name) {
  return (std::filesystem::path(folder) / name).string();
}

void write_data(const std::string& path, const Simulation& simulation) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "sample";
    for (const std::string& gene : simulation.gene_ids) out << '\t' << gene;
    out << '\n';
    const SampleValues& values = simulation.inputs.values;
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
      out << simulation.sample_ids[static_cast<std::size_t>(i)];
      for (Eigen::Index g = 0; g < values.cols(); ++g) out << '\t' << shortest_text(values(i, g));
      out << '\n';
    }
  });
}

void write_phenotypes(const std::string& path, const Simulation& simulation) {
  const SimulatedPhenotype& phenotype = simulation.phenotype;
  const bool binary = simulation.options.task == SimulatedTask::kBinary;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "sample\tphenotype" << (binary ? "\tliability" : "") << '\n';
    for (std::size_t i = 0; i < simulation.sample_ids.size(); ++i) {
      const std::string liability = shortest_text(static_cast<float>(phenotype.liability[i]));
      out << simulation.sample_ids[i] << '\t';
      if (binary) {
        out << phenotype.labels[i] << '\t' << liability << '\n';
      } else {
        out << liability << '\n';
      }
    }
  });
}

std::string block_term_id(const Ontology& ontology, const Simulation& simulation, GeneIndex gene) {
  const std::optional<TermIndex>& term =
      simulation.blocks.block_terms[simulation.blocks.block_of_gene[gene]];
  return term ? ontology.term(*term).id : "NA";
}

void write_truth_genes(const std::string& path, const Ontology& ontology,
                       const Simulation& simulation) {
  const CausalTruth& truth = simulation.truth;
  const bool genotype = simulation.options.data_type == SimulatedDataType::kGenotype;
  std::vector<std::size_t> causal_position(ontology.n_genes(), truth.genes.size());
  for (std::size_t k = 0; k < truth.genes.size(); ++k) causal_position[truth.genes[k].gene] = k;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "gene\tcausal\teffect\tbeta\tterm\tblock" << (genotype ? "\tmaf" : "") << '\n';
    for (GeneIndex gene = 0; gene < ontology.n_genes(); ++gene) {
      const std::size_t k = causal_position[gene];
      out << ontology.gene_symbol(gene) << '\t';
      if (k < truth.genes.size()) {
        out << "1\t" << shortest_text(simulation.phenotype.gene_effects[k]) << '\t'
            << shortest_text(truth.genes[k].beta) << '\t'
            << ontology.term(truth.terms[truth.genes[k].causal_term].term).id;
      } else {
        out << "0\t0\t0\tNA";
      }
      out << '\t' << block_term_id(ontology, simulation, gene);
      if (genotype) out << '\t' << shortest_text(simulation.inputs.maf[gene]);
      out << '\n';
    }
  });
}

void write_truth_terms(const std::string& path, const Ontology& ontology,
                       const Simulation& simulation) {
  const CausalTruth& truth = simulation.truth;
  std::vector<std::size_t> causal_position(ontology.n_terms(), truth.terms.size());
  for (std::size_t k = 0; k < truth.terms.size(); ++k) causal_position[truth.terms[k].term] = k;
  std::vector<bool> causal_gene(ontology.n_genes(), false);
  for (const CausalGene& gene : truth.genes) causal_gene[gene.gene] = true;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "term\tcausal\teffect\tgenes\tcausal_genes\tname\n";
    for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
      const std::size_t k = causal_position[t];
      std::size_t n_causal = 0;
      for (GeneIndex gene : ontology.genes(t)) n_causal += causal_gene[gene] ? 1 : 0;
      out << ontology.term(t).id << '\t' << (k < truth.terms.size() ? "1" : "0") << '\t'
          << (k < truth.terms.size() ? shortest_text(simulation.phenotype.term_effects[k]) : "0")
          << '\t' << ontology.genes(t).size() << '\t' << n_causal << '\t' << ontology.term(t).name
          << '\n';
    }
  });
}

}  // namespace

void write_simulation(const std::string& folder, const Ontology& ontology,
                      const Simulation& simulation, const nlohmann::json& provenance) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error || !std::filesystem::is_directory(folder)) {
    throw InputError(folder, 0,
                     "expected an output folder that can be created: " + error.message());
  }
  write_data(file_in(folder, "data.tsv"), simulation);
  write_phenotypes(file_in(folder, "phenotypes.tsv"), simulation);
  write_truth_genes(file_in(folder, "truth_genes.tsv"), ontology, simulation);
  write_truth_terms(file_in(folder, "truth_terms.tsv"), ontology, simulation);
  const nlohmann::json truth = simulation_truth_json(ontology, simulation, provenance);
  write_file_atomically(file_in(folder, "truth.json"),
                        [&](std::ostream& out) { out << truth.dump(2) << '\n'; });
}

}  // namespace ontonet
