#include "network_options.hpp"

#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/input_map_builders.hpp"

namespace ontonet::cli {

void add_network_options(CLI::App& command, NetworkArguments& args) {
  const std::string network = "Network";
  command
      .add_option("--style", args.style,
                  "drugcell (6 neurons per term, tanh then batch norm, auxiliary heads 0.2), "
                  "dcell (max(20, 0.3 x genes) neurons per term, heads 0.3) or gennet (one "
                  "neuron per gene and term)")
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
      .add_option(
          "--seed", args.seed,
          "Seed of the initial weights, the mini-batch shuffles (train) and the shuffled control")
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
