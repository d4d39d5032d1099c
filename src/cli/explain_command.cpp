// `ontonet explain`: read a trained network with every attribution method on the data it was
// trained with, write one ranked table per method, explanations.json and the pictures, the
// diagnostics of known failure modes (vanishing gradients, collinear inputs, dropout redundancy),
// and, for models of several seeds, the rank stability of each method.
#include <omp.h>

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "explain_inputs.hpp"
#include "json_config.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/explain/collinearity.hpp"
#include "ontonet/explain/dropout_redundancy.hpp"
#include "ontonet/explain/explanation.hpp"
#include "ontonet/explain/gradient_flow.hpp"
#include "ontonet/explain/stability.hpp"
#include "ontonet/network/model_io.hpp"
#include "ontonet/report/diagnostics_report.hpp"
#include "ontonet/report/explanation_report.hpp"
#include "ontonet/train/run_folder.hpp"
#include "run_config.hpp"

namespace ontonet::cli {

namespace {

struct ExplainArguments {
  std::string run;
  std::vector<std::string> models;
  std::vector<std::string> methods{"all"};
  std::string split = "test";
  std::string baseline = "zeros";
  ExplainOptions options;
  std::string diagnostics = "auto";
  Index redundancy_top_k = 4;
  double max_condition = 1000;
  Index max_collinearity_features = CollinearityOptions{}.max_features;
  std::size_t top = 10;
  ExplanationReportOptions report;
  std::string out;
};

std::vector<ExplainMethod> chosen_methods(const std::vector<std::string>& names) {
  std::vector<ExplainMethod> methods;
  for (const std::string& name : names) {
    if (name == "all") return all_explain_methods();
    const ExplainMethod method = parse_explain_method(name, "--method");
    if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
      methods.push_back(method);
    }
  }
  return methods;
}

void print_check(const MethodResult& method) {
  for (const auto& [name, value] : method.checks) {
    std::cout << "; " << name << " " << std::setprecision(3) << value;
  }
}

void print_top(const Explanation& explanation, const MethodResult& method, std::size_t top) {
  bool printed = false;
  for (EntityKind kind : {EntityKind::kTerm, EntityKind::kGene}) {
    std::vector<std::size_t> ranked = ranked_entities(explanation, method, kind);
    if (ranked.empty()) continue;
    printed = true;
    if (ranked.size() > top) ranked.resize(top);
    for (std::size_t position = 0; position < ranked.size(); ++position) {
      const Entity& entity = explanation.entities.entities[ranked[position]];
      std::cout << "  " << std::left << std::setw(5) << entity_kind_name(kind) << std::right
                << std::setw(3) << position + 1 << "  " << std::setw(11) << std::setprecision(4)
                << method.scores[ranked[position]] << "  " << std::left << std::setw(14)
                << entity.id << " " << entity.name.substr(0, 48) << std::right << "\n";
    }
  }
  if (!printed) std::cout << "  (scores no gene or term of this network)\n";
}

bool trained_with_dropout(const NetworkSpec& spec) {
  return std::any_of(spec.blocks.begin(), spec.blocks.end(),
                     [](const NeuronBlock& block) { return block.settings.dropout > 0; });
}

std::string short_number(double value) {
  std::ostringstream text;
  text << std::setprecision(3) << value;
  return text.str();
}

// The checks of known failure modes (docs/formats/diagnostics.md), written into `folder` and
// summarized on the terminal: gradient flow and collinearity always, dropout redundancy for a
// network trained with dropout (`--diagnostics all`: always; `none`: nothing).
void run_diagnostics(const ExplainArguments& args, const ExplainInputs& inputs,
                     const NetworkSpec& spec, const std::string& folder) {
  if (args.diagnostics == "none") return;
  GradientFlowOptions flow_options;
  flow_options.output_unit = args.options.output_unit;
  flow_options.threads = args.options.threads;
  flow_options.batch_size = args.options.batch_size;
  const GradientFlow flow = gradient_flow(inputs, flow_options);
  const LevelGradient& input_level = flow.levels.front();
  std::cout << "diagnostic   gradient flow over " << flow.levels.size()
            << " levels: input-gradient norm " << short_number(input_level.mean_gradient_norm)
            << " (" << short_number(input_level.relative_to_max) << " of the largest level's), "
            << short_number(100 * input_level.zero_fraction) << "% of input gradients exactly 0; "
            << flow.saliency_blind_samples << " of " << flow.samples
            << " samples saliency-blind (gradient 0, output moved)\n";
  if (!flow.warning.empty()) std::cout << "warning      " << flow.warning << "\n";

  CollinearityOptions collinearity_options;
  collinearity_options.max_condition = args.max_condition;
  collinearity_options.max_features = args.max_collinearity_features;
  collinearity_options.threads = args.options.threads;
  const Collinearity collinear = collinearity(inputs, collinearity_options);
  std::cout << "diagnostic   collinearity: " << collinear.warnings << " of "
            << collinear.entities.size()
            << " genes and terms with 2+ inputs have inputs too correlated to split importance "
               "between them (condition number > "
            << args.max_condition << ")";
  std::size_t listed = 0;
  for (const EntityCollinearity& entity : collinear.entities) {
    if (!entity.warning || listed == 5) continue;
    std::cout << (listed++ == 0 ? ": " : ", ") << (*inputs.entities)[entity.entity].id;
  }
  std::cout << (collinear.warnings > 5 ? ", ..." : "") << "\n";
  if (collinear.too_many_features > 0) {
    std::cout << "note         collinearity: " << collinear.too_many_features
              << " genes and terms with more than " << collinear.max_features
              << " varying inputs were not measured (their eigenvalues cost O(inputs^3); "
                 "--max-collinearity-features raises the bound)\n";
  }

  std::optional<DropoutRedundancy> redundancy;
  if (args.diagnostics == "all" || trained_with_dropout(spec)) {
    DropoutRedundancyOptions redundancy_options;
    redundancy_options.output_unit = args.options.output_unit;
    redundancy_options.top_k = args.redundancy_top_k;
    redundancy_options.threads = args.options.threads;
    redundancy = dropout_redundancy(inputs, redundancy_options);
    std::cout << "diagnostic   dropout redundancy over " << redundancy->terms.size()
              << " terms (medians): participation ratio "
              << short_number(redundancy->median_participation_ratio)
              << ", best single neuron's share of the term's knockout "
              << short_number(redundancy->median_single_share) << ", super-additivity "
              << short_number(redundancy->median_super_additivity) << "; "
              << redundancy->redundant_terms << " terms redundant (super-additivity > "
              << kRedundantSuperAdditivity << ")\n";
  }
  write_diagnostics_report(folder, *inputs.entities, redundancy ? &*redundancy : nullptr, &flow,
                           &collinear);
}

Explanation explain_model(const ExplainArguments& args, const RunInputs& inputs,
                          const std::string& model_path, const std::string& folder) {
  const LoadedModel loaded = load_model(model_path);
  if (!loaded.metadata.contains("preprocessing") ||
      loaded.metadata.at("preprocessing") != inputs.data.preprocessing) {
    throw InputError(model_path, 0,
                     "expected a model trained on the run's data: its stored preprocessing "
                     "differs from the one the run's data gives");
  }
  const NetworkSpec& spec = loaded.model.spec();
  const std::vector<std::string> input_ids = model_input_ids(spec);
  const std::vector<std::size_t> rows = split_rows(inputs.data, args.split);

  Explanation explanation;
  explanation.model = model_path;
  explanation.samples = std::to_string(rows.size()) + " " +
                        (args.split == "all" ? "samples" : args.split + " samples");
  explanation.baseline = args.baseline == "zeros"  ? "raw zeros, preprocessed"
                         : args.baseline == "mean" ? "the training mean of each feature"
                                                   : "raw values of " + args.baseline;
  explanation.output = "output unit " + std::to_string(args.options.output_unit);
  for (std::size_t row : rows) explanation.sample_ids.push_back(inputs.data.sample_ids[row]);
  explanation.entities = network_entities(spec, entity_naming(inputs));
  explanation.term_edges = term_edges(explanation.entities.entities);

  const NetworkEvaluator network(loaded.model);
  ExplainInputs explain_inputs;
  explain_inputs.network = &network;
  explain_inputs.entities = &explanation.entities.entities;
  explain_inputs.x = model_inputs(inputs.data, rows, input_ids, model_path);
  explain_inputs.baseline =
      baseline_input(args.baseline, loaded.metadata.at("preprocessing"), input_ids);
  explain_inputs.task = inputs.data.task;
  explain_inputs.targets.resize(inputs.data.targets.rows(), static_cast<Index>(rows.size()));
  for (std::size_t j = 0; j < rows.size(); ++j) {
    explain_inputs.targets.col(static_cast<Index>(j)) =
        inputs.data.targets.col(static_cast<Index>(rows[j]));
  }

  std::cout << "explain      " << model_path << ": " << explanation.samples << ", "
            << explanation.entities.entities.size() << " features, genes and terms; genes from "
            << explanation.entities.gene_rule << "\n";
  for (ExplainMethod method : chosen_methods(args.methods)) {
    explanation.methods.push_back(explain_with(method, explain_inputs, args.options));
    const MethodResult& result = explanation.methods.back();
    std::cout << explain_method_name(method) << " (" << std::fixed << std::setprecision(2)
              << result.seconds << " s" << std::defaultfloat;
    print_check(result);
    std::cout << ")\n";
    print_top(explanation, result, args.top);
  }
  run_diagnostics(args, explain_inputs, spec, folder);
  return explanation;
}

// Graphviz's own layout of the sub-DAG, when its `dot` is installed.
void graphviz_layout(const std::string& folder) {
  const std::string dot = folder + "/term_dag.dot";
  if (!std::filesystem::exists(dot) || std::system("command -v dot >/dev/null 2>&1") != 0) return;
  const auto quoted = [](const std::string& path) {
    std::string result = "'";
    for (char c : path) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
  };
  const std::string command =
      "dot -Tsvg " + quoted(dot) + " -o " + quoted(folder + "/term_dag.graphviz.svg");
  if (std::system(command.c_str()) != 0) {
    std::cout << "note         Graphviz failed on " << dot << "; term_dag.svg has our layout\n";
  }
}

void run_explain(ExplainArguments args, const CLI::App& command, ExplainResult* result) {
  if (args.out.empty()) throw ConfigError("--out", "is required: the folder to write the report");
  if (args.options.threads == 0) args.options.threads = omp_get_max_threads();
  const RunInputs inputs = load_run_inputs(read_run_config(args.run));
  if (args.models.empty()) {
    args.models = {args.run + "/model.onm"};
    if (!std::filesystem::exists(args.models.front())) {
      throw ConfigError("--model",
                        args.run +
                            " has no model.onm: name the model files with --model "
                            "(compare keeps them in RUN/runs/<model>/seed<k>/model.onm)");
    }
  }
  args.report.feature_positions = snp_positions(inputs);

  const RunFolder folder(args.out);
  folder.write_json("config.json", effective_config(command, {}));
  std::vector<Explanation> explanations;
  for (std::size_t m = 0; m < args.models.size(); ++m) {
    const std::string model_folder =
        args.models.size() == 1 ? args.out : args.out + "/model" + std::to_string(m + 1);
    const RunFolder model_out(model_folder);
    explanations.push_back(explain_model(args, inputs, args.models[m], model_out.path()));
    write_explanation_report(model_out.path(), explanations.back(), args.report);
    graphviz_layout(model_out.path());
    std::cout << "report       " << model_out.path() << "\n";
  }
  std::vector<MethodStability> stability;
  if (explanations.size() >= 2) stability = rank_stability(explanations, 20);
  if (result != nullptr) *result = {explanations, stability};
  if (explanations.size() < 2) return;
  write_stability_report(args.out, args.models, stability);
  std::cout << "\nrank stability over " << explanations.size()
            << " models (mean over pairs of models):\n";
  for (const MethodStability& entry : stability) {
    std::cout << "  " << std::left << std::setw(22) << explain_method_name(entry.method)
              << std::setw(6) << entity_kind_name(entry.kind) << std::right << std::fixed
              << std::setprecision(3) << "  spearman " << entry.mean_spearman << " (min "
              << entry.min_spearman << ")  top-" << entry.top_k << " overlap "
              << entry.mean_top_overlap << std::defaultfloat << "\n";
  }
  std::cout << "stability    " << args.out << "/stability.tsv, stability.svg\n";
}

}  // namespace

void add_explain_command(CLI::App& app, ExplainResult* result) {
  auto args = std::make_shared<ExplainArguments>();
  args->options.threads = 0;
  CLI::App* explain = app.add_subcommand(
      "explain",
      "Score every input feature, gene and term of a trained network by every attribution "
      "method (weight paths, saliency, gradient x input, integrated gradients, DeepLIFT, "
      "knockout, permutation, RLIPP), on the data it was trained with; ranked tables, JSON and "
      "pictures, and rank stability across models of several seeds");
  const std::string model_group = "Model";
  explain
      ->add_option("--run", args->run,
                   "The run folder of `train` or `compare`: its config.json names the ontology "
                   "and data the model was trained with")
      ->required()
      ->check(CLI::ExistingDirectory)
      ->group(model_group);
  explain
      ->add_option("--model", args->models,
                   "Model file(s) to explain (default RUN/model.onm); several models of one "
                   "network (e.g. compare's runs/<model>/seed<k>/model.onm) add rank stability")
      ->check(CLI::ExistingFile)
      ->group(model_group);
  const std::string group = "Explanation";
  explain
      ->add_option("--method", args->methods,
                   "weight_paths, saliency, gradient_input, integrated_gradients, deeplift, "
                   "knockout, permutation, rlipp, or all (comma-separated or repeated)")
      ->delimiter(',')
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--split", args->split,
                   "The samples explained: the run's train, validation or test split, or all")
      ->check(CLI::IsMember({"train", "validation", "test", "all"}))
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--baseline", args->baseline,
                   "Reference input of integrated gradients, DeepLIFT and knockout: zeros (raw "
                   "0: no mutation, genotype 0), mean (the training means), or a table of raw "
                   "values with a header line and columns feature<TAB>value")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--steps", args->options.steps, "Integrated gradients: path steps (trapezoids)")
      ->capture_default_str()
      ->group(group);
  explain->add_option("--repeats", args->options.repeats, "Permutation: permutations per entity")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--output-unit", args->options.output_unit,
                   "Which output (or class logit) to explain")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--rlipp-folds", args->options.rlipp.folds,
                   "RLIPP: cross-validation folds of the ridge regressions")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--rlipp-pca", args->options.rlipp.pca_components,
                   "RLIPP: reduce each side to this many principal components (0: off)")
      ->capture_default_str()
      ->group(group);
  explain->add_option("--seed", args->options.seed, "Seed of permutations and RLIPP folds")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--threads", args->options.threads,
                   "Threads (0: all cores); results do not depend on it")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--diagnostics", args->diagnostics,
                   "Checks of known failure modes (docs/formats/diagnostics.md): auto (gradient "
                   "flow and input collinearity; dropout redundancy when the network was trained "
                   "with dropout), all, or none")
      ->check(CLI::IsMember({"auto", "all", "none"}))
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--redundancy-top-k", args->redundancy_top_k,
                   "Dropout redundancy: a term's most important neurons knocked out together")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--max-condition", args->max_condition,
                   "Collinearity: warn when the correlation matrix of a gene's or term's inputs "
                   "has a larger condition number")
      ->capture_default_str()
      ->group(group);
  explain
      ->add_option("--max-collinearity-features", args->max_collinearity_features,
                   "Collinearity: genes and terms with more varying inputs are listed unmeasured "
                   "(the check costs O(inputs^3) time and 8 inputs^2 bytes each)")
      ->capture_default_str()
      ->group(group);
  const std::string output = "Output";
  explain->add_option("--out", args->out, "Report folder")->group(output);
  explain
      ->add_flag("--per-sample", args->options.per_sample,
                 "Also write every sample's attributions (per_sample_<method>.tsv)")
      ->group(output);
  explain->add_option("--top", args->top, "Terms and genes printed per method")
      ->capture_default_str()
      ->group(output);
  explain
      ->add_option("--figure-method", args->report.figure_method,
                   "The method the figures show (default integrated_gradients)")
      ->group(output);
  explain->add_option("--figure-top", args->report.top_bars, "Bars in the top-terms/genes charts")
      ->capture_default_str()
      ->group(output);
  explain
      ->add_option("--dag-terms", args->report.dag_terms,
                   "Top terms drawn in the sub-DAG figure (their parents join them)")
      ->capture_default_str()
      ->group(output);
  explain->callback([args, explain, result] { run_explain(*args, *explain, result); });
}

}  // namespace ontonet::cli
