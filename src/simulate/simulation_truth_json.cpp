// truth.json: everything needed to score an explanation against the planted signal, and to
// recompute the phenotype from data.tsv (the summands, the centring and the scale).
#include <cmath>

#include "ontonet/simulate/simulation_files.hpp"

namespace ontonet {

namespace {

constexpr int kTruthSchemaVersion = 1;

nlohmann::json term_json(const Ontology& ontology, const Simulation& simulation, std::size_t k) {
  const CausalTerm& causal = simulation.truth.terms[k];
  nlohmann::json genes = nlohmann::json::array();
  for (std::size_t g : causal.genes) {
    genes.push_back(ontology.gene_symbol(simulation.truth.genes[g].gene));
  }
  return {{"id", ontology.term(causal.term).id},
          {"name", ontology.term(causal.term).name},
          {"n_genes", ontology.genes(causal.term).size()},
          {"causal_genes", genes},
          {"effect", simulation.phenotype.term_effects[k]}};
}

nlohmann::json gene_json(const Ontology& ontology, const Simulation& simulation, std::size_t k) {
  const CausalGene& causal = simulation.truth.genes[k];
  const std::optional<TermIndex>& block =
      simulation.blocks.block_terms[simulation.blocks.block_of_gene[causal.gene]];
  nlohmann::json json = {
      {"gene", ontology.gene_symbol(causal.gene)},
      {"term", ontology.term(simulation.truth.terms[causal.causal_term].term).id},
      {"beta", causal.beta},
      {"effect", simulation.phenotype.gene_effects[k]},
      {"block", block ? nlohmann::json(ontology.term(*block).id) : nlohmann::json(nullptr)},
      {"population_mean", simulation.inputs.mean[causal.gene]},
      {"population_sd", simulation.inputs.sd[causal.gene]}};
  if (!simulation.inputs.maf.empty()) json["maf"] = simulation.inputs.maf[causal.gene];
  return json;
}

}  // namespace

nlohmann::json simulation_truth_json(const Ontology& ontology, const Simulation& simulation,
                                     const nlohmann::json& provenance) {
  const SimulationOptions& options = simulation.options;
  const SimulatedPhenotype& phenotype = simulation.phenotype;
  nlohmann::json terms = nlohmann::json::array();
  for (std::size_t k = 0; k < simulation.truth.terms.size(); ++k) {
    terms.push_back(term_json(ontology, simulation, k));
  }
  nlohmann::json genes = nlohmann::json::array();
  for (std::size_t k = 0; k < simulation.truth.genes.size(); ++k) {
    genes.push_back(gene_json(ontology, simulation, k));
  }
  nlohmann::json summands = nlohmann::json::array();
  for (const SignalSummand& summand : phenotype.summands) {
    nlohmann::json names = nlohmann::json::array();
    for (std::size_t g : summand.genes) {
      names.push_back(ontology.gene_symbol(simulation.truth.genes[g].gene));
    }
    summands.push_back({{"genes", names},
                        {"beta", summand.beta},
                        {"coefficient", summand.beta * phenotype.scale}});
  }
  nlohmann::json truth = {{"schema_version", kTruthSchemaVersion},
                          {"seed", options.seed},
                          {"options", simulation_options_json(options)},
                          {"ontology", provenance},
                          {"samples", simulation.sample_ids.size()},
                          {"genes", simulation.gene_ids.size()},
                          {"terms", ontology.n_terms()},
                          {"blocks", simulation.blocks.n_blocks()},
                          {"eligible_terms", simulation.truth.n_eligible_terms},
                          {"causal_terms", terms},
                          {"causal_genes", genes},
                          {"signal",
                           {{"model", phenotype_model_name(options.model)},
                            {"summands", summands},
                            {"raw_mean", phenotype.raw_mean},
                            {"raw_variance", phenotype.raw_variance},
                            {"scale", phenotype.scale},
                            {"variance", phenotype.signal_variance}}},
                          {"heritability", options.heritability},
                          {"noise_sd", std::sqrt(1.0 - options.heritability)},
                          {"noise_variance", phenotype.noise_variance},
                          {"realized_heritability", phenotype.realized_heritability},
                          {"files",
                           {{"data", "data.tsv"},
                            {"phenotypes", "phenotypes.tsv"},
                            {"truth_genes", "truth_genes.tsv"},
                            {"truth_terms", "truth_terms.tsv"}}}};
  if (options.task == SimulatedTask::kBinary) {
    truth["binary"] = {{"prevalence", options.prevalence},
                       {"cases", phenotype.n_cases},
                       {"controls", simulation.sample_ids.size() - phenotype.n_cases},
                       {"threshold", phenotype.threshold}};
  }
  return truth;
}

}  // namespace ontonet
