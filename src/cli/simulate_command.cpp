// `ontonet simulate`: plant a known signal in an ontology's genes and write the data, the
// phenotype and the truth (docs/formats/simulation.md), plus a train.json with which
// `ontonet train --config OUT/train.json` trains on the result, so explanations can be scored
// against what was planted.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "json_config.hpp"
#include "ontology_options.hpp"
#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/simulate/simulation.hpp"
#include "ontonet/simulate/simulation_files.hpp"

namespace ontonet::cli {

namespace {

struct SimulateArguments {
  OntologyArguments ontology;
  SimulationOptions options;
  std::string data_type = "expression";
  std::string model = "additive";
  std::string task = "regression";
  std::string out;
};

// The config keys of the ontology options (add_ontology_options), read off a scratch command so
// that an option added there is carried into train.json without a change here.
std::vector<std::string> ontology_option_keys() {
  CLI::App scratch;
  OntologyArguments unused;
  add_ontology_options(scratch, unused);
  std::vector<std::string> keys;
  for (const CLI::Option* option : scratch.get_options()) {
    if (option->get_lnames().empty()) continue;
    std::string key = option->get_lnames().front();
    std::replace(key.begin(), key.end(), '-', '_');
    if (key != "help") keys.push_back(key);
  }
  return keys;
}

// The ontology options this run was given (or defaulted), in config form.
nlohmann::json ontology_config(const CLI::App& command) {
  const nlohmann::json all = effective_config(command, {})[command.get_name()];
  nlohmann::json options = nlohmann::json::object();
  for (const std::string& key : ontology_option_keys()) {
    if (all.contains(key)) options[key] = all[key];
  }
  return options;
}

// A config for `ontonet train --config`: the same ontology options, the simulated matrix and
// phenotypes, z-scored features, the simulation's seed for the split and the weights, and ridge
// (or logistic regression) alongside as the linear reference.
nlohmann::json train_config(const SimulateArguments& args, const nlohmann::json& ontology) {
  const auto in_out = [&](const std::string& name) {
    return (std::filesystem::path(args.out) / name).string();
  };
  nlohmann::json train = ontology;
  train["data_format"] = "matrix";
  train["matrix"] = in_out("data.tsv");
  train["phenotypes"] = in_out("phenotypes.tsv");
  train["sample_column"] = "sample";
  train["target_column"] = "phenotype";
  train["task"] = simulated_task_name(args.options.task);
  train["standardize"] = "zscore";
  train["split_seed"] = args.options.seed;
  train["seed"] = args.options.seed;
  train["linear_baseline"] = true;
  train["out"] = in_out("train");
  return {{"schema_version", 1}, {"train", train}};
}

void print_summary(const LoadedOntology& loaded, const Simulation& simulation,
                   const std::string& out) {
  const Ontology& ontology = loaded.ontology;
  const SimulationOptions& o = simulation.options;
  const CausalTruth& truth = simulation.truth;
  const SimulatedPhenotype& phenotype = simulation.phenotype;
  std::cout << "ontology     " << ontology.n_terms() << " terms, " << ontology.n_genes()
            << " genes (" << format_name(loaded.format) << ")";
  for (const auto& [reason, count] : loaded.filter_report.dropped) {
    std::cout << "; " << count << " " << reason;
  }
  std::cout << "\n";
  std::cout << "data         " << o.n_samples << " samples x " << simulation.gene_ids.size()
            << " genes, " << simulated_data_type_name(o.data_type) << "; "
            << simulation.blocks.n_blocks() << " blocks (genes of one most specific term), "
            << "latent correlation " << o.correlation << " within a block";
  if (o.data_type == SimulatedDataType::kGenotype) {
    std::cout << "; maf in [" << o.maf_min << ", " << o.maf_max << "]";
  }
  std::cout << "\n";
  std::cout << "eligible     " << truth.n_eligible_terms << " terms with "
            << std::max(o.causal_min_genes, o.causal_genes_per_term) << " to " << o.causal_max_genes
            << " genes\n";
  for (std::size_t t = 0; t < truth.terms.size(); ++t) {
    const CausalTerm& term = truth.terms[t];
    const Term& info = ontology.term(term.term);
    std::cout << "causal term  " << info.id << (info.name.empty() ? "" : " " + info.name) << " ("
              << ontology.genes(term.term).size() << " genes, effect " << std::setprecision(3)
              << phenotype.term_effects[t] << "):";
    for (std::size_t g : term.genes) {
      std::cout << " " << ontology.gene_symbol(truth.genes[g].gene) << " (beta "
                << truth.genes[g].beta << ")";
    }
    std::cout << std::setprecision(6) << "\n";
  }
  std::cout << "signal       " << phenotype_model_name(o.model) << ", " << truth.genes.size()
            << " causal genes in " << phenotype.summands.size() << " summands; raw variance "
            << std::setprecision(4) << phenotype.raw_variance << ", scale " << phenotype.scale
            << "\n";
  std::cout << "phenotype    " << simulated_task_name(o.task) << "; heritability " << o.heritability
            << " planted, " << phenotype.realized_heritability << " realized (signal variance "
            << phenotype.signal_variance << ", noise variance " << phenotype.noise_variance
            << ")\n";
  if (o.task == SimulatedTask::kBinary) {
    std::cout << "cases        " << phenotype.n_cases << " of " << o.n_samples << " (prevalence "
              << o.prevalence << "), liability threshold " << phenotype.threshold << "\n";
  }
  std::cout << std::setprecision(6);
  if (!loaded.input_map.empty()) {
    std::cout << "note         the ontology is a GenNet topology: data.tsv has one column per "
                 "gene, but train wires the topology's SNP columns, so train.json cannot train "
                 "on it as is\n";
  }
  std::cout << "wrote        " << out
            << " (data.tsv, phenotypes.tsv, truth.json, truth_genes.tsv, truth_terms.tsv, "
               "train.json)\n"
            << "train with   ontonet train --config "
            << (std::filesystem::path(out) / "train.json").string() << "\n";
}

void run_simulate(SimulateArguments args, const CLI::App& command, SimulateResult* result) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the folder to write the data to");
  args.options.data_type = parse_simulated_data_type(args.data_type, "--data-type");
  args.options.model = parse_phenotype_model(args.model, "--model");
  args.options.task = parse_simulated_task(args.task, "--task");
  check_simulation_options(args.options);
  const LoadedOntology loaded = load_ontology_from(args.ontology);
  const Simulation simulation = simulate(loaded.ontology, args.options);

  const nlohmann::json ontology = ontology_config(command);
  const nlohmann::json provenance = {{"options", ontology},
                                     {"format", std::string(format_name(loaded.format))},
                                     {"terms", loaded.ontology.n_terms()},
                                     {"genes", loaded.ontology.n_genes()}};
  write_simulation(args.out, loaded.ontology, simulation, provenance);
  const nlohmann::json train = train_config(args, ontology);
  write_file_atomically((std::filesystem::path(args.out) / "train.json").string(),
                        [&](std::ostream& stream) { stream << train.dump(2) << "\n"; });
  print_summary(loaded, simulation, args.out);
  if (result != nullptr) *result = {loaded, simulation};
}

}  // namespace

void add_simulate_command(CLI::App& app, SimulateResult* result) {
  auto args = std::make_shared<SimulateArguments>();
  CLI::App* simulate = app.add_subcommand(
      "simulate",
      "Plant a known signal in an ontology's genes: draw expression or genotypes, choose causal "
      "terms and genes, generate a phenotype of chosen heritability, and write the data, the "
      "truth and a train config");
  add_ontology_options(*simulate, args->ontology);
  SimulationOptions& o = args->options;

  const std::string data = "Simulated data";
  simulate->add_option("--samples", o.n_samples, "Number of samples (at least 10)")
      ->capture_default_str()
      ->group(data);
  simulate
      ->add_option("--data-type", args->data_type,
                   "expression (standard normal per gene) or genotype (0/1/2 minor-allele "
                   "dosages)")
      ->capture_default_str()
      ->group(data);
  simulate
      ->add_option("--correlation", o.correlation,
                   "Correlation in [0, 1) of the latent normals of genes in one block (genes whose "
                   "most specific term is the same): exact for expression, lower (tetrachoric) "
                   "for genotype dosages")
      ->capture_default_str()
      ->group(data);
  simulate->add_option("--maf-min", o.maf_min, "Genotype: smallest minor-allele frequency")
      ->capture_default_str()
      ->group(data);
  simulate
      ->add_option("--maf-max", o.maf_max,
                   "Genotype: largest minor-allele frequency (at most 0.5); each gene's is uniform "
                   "in [maf-min, maf-max]")
      ->capture_default_str()
      ->group(data);
  simulate
      ->add_option("--seed", o.seed,
                   "Seed of every draw: the same seed and options give byte-identical files")
      ->capture_default_str()
      ->group(data);

  const std::string truth = "Planted truth";
  simulate->add_option("--causal-terms", o.causal_terms, "Number of causal terms (not nested)")
      ->capture_default_str()
      ->group(truth);
  simulate
      ->add_option("--causal-min-genes", o.causal_min_genes,
                   "A causal term has at least this many genes (true-path)")
      ->capture_default_str()
      ->group(truth);
  simulate
      ->add_option("--causal-max-genes", o.causal_max_genes,
                   "A causal term has at most this many genes (true-path)")
      ->capture_default_str()
      ->group(truth);
  simulate
      ->add_option("--causal-genes-per-term", o.causal_genes_per_term,
                   "Causal genes drawn in each causal term; each gets beta ~ N(0, 1)")
      ->capture_default_str()
      ->group(truth);

  const std::string phenotype = "Phenotype";
  simulate
      ->add_option("--model", args->model,
                   "additive (sum of beta z), within_term_interaction (pairwise products of a "
                   "term's causal genes) or across_term_interaction (products of causal genes of "
                   "two different terms)")
      ->capture_default_str()
      ->group(phenotype);
  simulate
      ->add_option("--heritability", o.heritability,
                   "Variance of the signal, in [0, 1); the noise has variance 1 - heritability")
      ->capture_default_str()
      ->group(phenotype);
  simulate
      ->add_option("--task", args->task,
                   "regression (the liability) or binary (cases: the top prevalence fraction)")
      ->capture_default_str()
      ->group(phenotype);
  simulate->add_option("--prevalence", o.prevalence, "Binary: fraction of cases, in (0, 1)")
      ->capture_default_str()
      ->group(phenotype);

  simulate
      ->add_option("--out", args->out,
                   "Folder for data.tsv, phenotypes.tsv, truth.json, truth_genes.tsv, "
                   "truth_terms.tsv and train.json (created if needed)")
      ->group("Output");
  simulate->callback([args, simulate, result] { run_simulate(*args, *simulate, result); });
}

}  // namespace ontonet::cli
