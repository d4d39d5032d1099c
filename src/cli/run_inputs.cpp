#include "run_inputs.hpp"

#include <algorithm>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "ontonet/core/error.hpp"
#include "ontonet/network/input_map_builders.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet::cli {

namespace {

std::vector<std::string> genetic_features(const TrainingSet& data) {
  const std::vector<std::string>& ids = data.features->feature_ids();
  return {ids.begin(), ids.end() - static_cast<std::ptrdiff_t>(data.n_covariates)};
}

// How the data's genetic features reach the ontology's genes: the GenNet topology's wiring, a
// feature-gene table, or the features' own names ("TP53" or "TP53:mutation" feeds TP53).
BuiltInputMap make_input_map(const RunInputArguments& args, const LoadedOntology& loaded,
                             const TrainingSet& data) {
  const std::vector<std::string> features = genetic_features(data);
  if (!loaded.input_map.empty()) return input_map_from_records(features, loaded.input_map);
  if (!args.input_map_file.empty())
    return input_map_from_feature_table(features, args.input_map_file);
  return input_map_from_feature_names(features);
}

std::vector<ExtraBranchOptions> covariate_branch(const TrainingSet& data) {
  if (data.n_covariates == 0) return {};
  const std::vector<std::string>& ids = data.features->feature_ids();
  ExtraBranchOptions branch;
  branch.name = "covariates";
  branch.feature_ids.assign(ids.end() - static_cast<std::ptrdiff_t>(data.n_covariates), ids.end());
  branch.widths = {static_cast<Index>(data.n_covariates)};
  branch.layer = LayerSettings{Activation::kIdentity, false, NormOrder::kActivationThenNorm};
  return {branch};
}

NetworkSpec make_spec(const RunInputArguments& args, const LoadedOntology& loaded,
                      const TrainingSet& data, const BuiltInputMap& input_map) {
  SpecBuildReport report;
  NetworkSpec spec = make_network_spec(args.network, loaded.ontology, input_map.map,
                                       n_model_outputs(data), covariate_branch(data), &report);
  const std::size_t n_features = input_map.map.feature_ids.size();
  const std::size_t n_wired = n_features - static_cast<std::size_t>(report.features_without_genes);
  std::cout << "input map    " << n_wired << " of " << n_features
            << " genetic features reach a gene of the ontology";
  if (report.genes_without_features > 0) {
    std::cout << "; " << report.genes_without_features << " ontology genes have no feature";
  }
  std::cout << "\n";
  if (n_wired == 0) {
    throw ConfigError("input map",
                      "no data feature reaches a gene of the ontology; check that "
                      "the data's feature IDs and the ontology's genes match");
  }
  return spec;
}

// DrugCell's practice: the ontology keeps only the genes the data measures, so that terms are sized
// (and filtered by --min-genes) by what the network can see.
void restrict_to_data_genes(const RunInputArguments& args, const TrainingSet& data,
                            LoadedOntology& loaded) {
  OntologyFilter filter = make_filter(args.ontology);
  std::vector<std::string> genes;
  for (const std::vector<std::string>& feature_genes :
       input_map_from_feature_names(genetic_features(data)).map.feature_genes) {
    genes.insert(genes.end(), feature_genes.begin(), feature_genes.end());
  }
  filter.gene_universe = genes;
  FilterReport report;
  loaded.ontology = apply_filter(loaded.ontology, filter, report);
  std::cout << "ontology     restricted to the data's genes: " << loaded.ontology.n_terms()
            << " terms, " << loaded.ontology.n_genes() << " genes";
  for (const auto& [reason, count] : report.dropped) std::cout << "; " << count << " " << reason;
  std::cout << "\n";
}

}  // namespace

void add_run_input_options(CLI::App& command, RunInputArguments& args) {
  add_ontology_options(command, args.ontology);
  add_network_options(command, args.network);
  command
      .add_option("--input-map", args.input_map_file,
                  "feature<TAB>gene table wiring data features to genes (default: a GenNet "
                  "topology's own wiring, else features named GENE or GENE:channel)")
      ->group("Network");
  command
      .add_flag("--genes-from-data", args.genes_from_data,
                "Restrict the ontology to the genes the data's features name (GENE or "
                "GENE:channel), before --min-genes and the other filters")
      ->group("Filters");
  add_data_options(command, args.data, false);
}

RunInputs load_run_inputs(const RunInputArguments& args) {
  LoadedOntology loaded = load_ontology_from(args.ontology);
  DataOptions data_options = resolve_data_options(args.data);
  if (data_options.topology.empty() && !loaded.input_map.empty()) {
    data_options.topology = args.ontology.files.ontology;
  }
  TrainingSet data = load_training_data(data_options);
  std::cout << "data         " << data.description << "\n"
            << "samples      " << data.splits.train.size() << " train, "
            << data.splits.validation.size() << " validation, " << data.splits.test.size()
            << " test; " << data.features->feature_ids().size() << " features ("
            << data.n_covariates << " covariates); task " << task_kind_name(data.task) << "\n";
  for (const std::string& note : data.notes) std::cout << "note         " << note << "\n";

  if (args.genes_from_data) restrict_to_data_genes(args, data, loaded);
  BuiltInputMap input_map = make_input_map(args, loaded, data);
  NetworkSpec spec = make_spec(args, loaded, data, input_map);
  std::map<std::string, std::string> term_names;
  for (TermIndex t = 0; t < loaded.ontology.n_terms(); ++t) {
    const Term& term = loaded.ontology.term(t);
    if (!term.name.empty()) term_names[term.id] = term.name;
  }
  return {std::move(data_options), std::move(data), std::move(spec), std::move(input_map.map),
          std::move(term_names)};
}

nlohmann::json model_metadata(const RunInputs& inputs) {
  const TrainingSet& data = inputs.data;
  return {{"task", task_kind_name(data.task)},
          {"class_labels", data.class_labels},
          {"data", data_options_json(inputs.data_options)},
          {"topology", inputs.data_options.topology},
          {"n_covariates", data.n_covariates},
          {"preprocessing", data.preprocessing}};
}

void print_metrics(const std::string& label, const std::map<std::string, MetricSet>& metrics,
                   TaskKind task) {
  std::vector<const char*> names{"loss", "auroc", "auprc", "accuracy", "balanced_accuracy"};
  if (task == TaskKind::kRegression) names = {"loss", "r2", "pearson", "spearman"};
  if (task == TaskKind::kMulticlass) names = {"loss", "auroc", "accuracy", "balanced_accuracy"};
  if (task == TaskKind::kSurvival) names = {"loss", "c_index"};
  const auto width = [](const char* name) { return std::max<int>(10, std::strlen(name) + 2); };
  std::cout << std::left << std::setw(22) << label << std::right;
  for (const char* name : names) std::cout << std::setw(width(name)) << name;
  std::cout << "\n";
  for (const char* split : {"train", "validation", "test"}) {
    const auto found = metrics.find(split);
    if (found == metrics.end()) continue;
    std::cout << "  " << std::left << std::setw(20) << split << std::right << std::fixed
              << std::setprecision(4);
    for (const char* name : names) std::cout << std::setw(width(name)) << found->second.at(name);
    std::cout << std::defaultfloat << "\n";
  }
}

// Ridge or logistic regression on the run's inputs and splits, printed and added to `metrics`;
// nullopt for tasks a linear baseline does not cover.
std::optional<LinearBaselineResult> fit_linear_baseline_for(const TrainingSet& data) {
  if (data.task != TaskKind::kRegression && data.task != TaskKind::kBinary) {
    std::cout << "note         no linear baseline for a " << task_kind_name(data.task)
              << " task (ridge and logistic regression cover regression and binary)\n";
    return std::nullopt;
  }
  LinearBaselineResult linear = fit_linear_baseline(data, {});
  std::ostringstream label;
  label << linear.model << " (penalty " << linear.penalty << ")";
  print_metrics(label.str(), linear.metrics, data.task);
  for (const std::string& note : linear.notes) std::cout << "note         " << note << "\n";
  return linear;
}

}  // namespace ontonet::cli
