#include "network_options.hpp"

#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/input_map_builders.hpp"

namespace ontonet::cli {

namespace {

bool valid_dropout(double rate) { return rate >= 0.0 && rate < 1.0; }

// A rate of 1 would drop every output, so the interval is open there.
CLI::Validator dropout_rate() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        double rate = 0.0;
        if (CLI::detail::lexical_cast(input, rate) && valid_dropout(rate)) return "";
        return "must be a number in [0, 1), got " + input;
      },
      "in [0, 1)", "dropout rate");
}

// What the layer options ask of one of the style's hidden layers.
void apply_layer_options(const NetworkArguments& args, LayerSettings& layer) {
  if (args.activation != NetworkArguments::kStyleDefault) {
    layer.activation = parse_activation(args.activation, "--activation");
  }
  if (args.batch_norm == "true" || args.batch_norm == "false") {
    layer.batch_norm = args.batch_norm == "true";
  } else if (args.batch_norm != NetworkArguments::kStyleDefault) {
    throw ConfigError("--batch-norm",
                      "must be true, false or style, got '" + args.batch_norm + "'");
  }
  if (!valid_dropout(args.dropout)) {
    throw ConfigError("--dropout", "must be in [0, 1), got " + std::to_string(args.dropout));
  }
  layer.dropout = args.dropout;
}

}  // namespace

void add_network_options(CLI::App& command, NetworkArguments& args) {
  const std::string network = "Network";
  command
      .add_option("--style", args.style,
                  "drugcell (6 neurons per term, tanh then batch norm, auxiliary heads 0.2), "
                  "dcell (max(20, 0.3 x genes) neurons per term, heads 0.3) or gennet (one "
                  "neuron per gene and term, tanh, no batch norm)")
      ->capture_default_str()
      ->group(network);
  command
      .add_option("--neurons-per-term", args.neurons_per_term,
                  "Neurons per term, overriding the style's rule (0: the style's default)")
      ->capture_default_str()
      ->group(network);
  command.add_option("--neurons-per-gene", args.neurons_per_gene, "Neurons per gene (gennet)")
      ->capture_default_str()
      ->group(network);
  command
      .add_option("--activation", args.activation,
                  "Activation of the term (and gennet gene) layers, overriding the style's")
      ->check(
          CLI::IsMember({NetworkArguments::kStyleDefault, "tanh", "relu", "sigmoid", "identity"}))
      ->capture_default_str()
      ->group(network);
  command
      .add_option("--batch-norm", args.batch_norm,
                  "Batch norm in the term (and gennet gene) layers, overriding the style's")
      ->check(CLI::IsMember({NetworkArguments::kStyleDefault, "true", "false"}))
      ->capture_default_str()
      ->group(network);
  command
      .add_option("--dropout", args.dropout,
                  "Dropout rate of the term (and gennet gene) layers' outputs while training; "
                  "none at evaluation, prediction and explanation")
      ->check(dropout_rate())
      ->capture_default_str()
      ->group(network);
  command
      .add_option(
          "--seed", args.seed,
          "Seed of the initial weights, the mini-batch shuffles and dropout masks (train) and "
          "the shuffled control")
      ->capture_default_str()
      ->group(network);
}

NetworkSpec make_network_spec(const NetworkArguments& args, const Ontology& ontology,
                              const InputMap& input_map, Index n_outputs,
                              const std::vector<ExtraBranchOptions>& branches,
                              SpecBuildReport* report) {
  if (args.style == "gennet") {
    GenNetOptions options;
    if (args.neurons_per_term > 0) options.neurons_per_term = args.neurons_per_term;
    options.neurons_per_gene = args.neurons_per_gene;
    apply_layer_options(args, options.gene_layer);
    apply_layer_options(args, options.term_layer);
    options.extra_branches = branches;
    options.n_outputs = n_outputs;
    return build_gennet_spec(ontology, input_map, options, report);
  }
  if (args.style != "drugcell" && args.style != "dcell") {
    throw ConfigError("--style", "must be drugcell, dcell or gennet, got '" + args.style + "'");
  }
  DCellOptions options = args.style == "dcell" ? dcell_preset() : drugcell_preset();
  if (args.neurons_per_term > 0) {
    options.neurons_per_term = args.neurons_per_term;
    options.neurons_per_gene_ratio = 0;
  }
  apply_layer_options(args, options.term_layer);
  options.extra_branches = branches;
  options.n_outputs = n_outputs;
  return build_dcell_spec(ontology, input_map, options, report);
}

InputMap topology_input_map(const LoadedOntology& loaded) {
  std::vector<std::string> features;
  for (const InputMapRecord& record : loaded.input_map) {
    if (features.empty() || features.back() != record.input) features.push_back(record.input);
  }
  if (features.empty()) return {};
  return input_map_from_records(features, loaded.input_map).map;
}

}  // namespace ontonet::cli
