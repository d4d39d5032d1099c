// `ontonet build`: compile an ontology into a transparent network and print, level by level, its
// neurons and weights, next to the dense baselines and the shuffled-wiring control built from the
// same spec. Optionally saves the compiled model and draws the term graph.
#include <iomanip>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "network_options.hpp"
#include "ontology_options.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/network/input_map_builders.hpp"
#include "ontonet/network/model.hpp"
#include "ontonet/network/model_io.hpp"

namespace ontonet::cli {

namespace {

struct BuildArguments {
  OntologyArguments ontology;
  NetworkArguments network;
  std::vector<std::string> channels;
  bool json = false;
  std::string dot_file;
  std::string save_file;
};

// The features that feed the network: a GenNet topology's inputs, else one feature per gene (and
// channel).
InputMap make_input_map(const BuildArguments& args, const LoadedOntology& loaded) {
  InputMap topology = topology_input_map(loaded);
  if (!topology.feature_ids.empty()) return topology;
  const std::vector<std::string>& genes = loaded.ontology.gene_symbols();
  if (args.channels.empty()) return identity_input_map(genes);
  return channel_input_map(genes, args.channels, ChannelOrder::kGeneMajor);
}

nlohmann::json describe(const Model<float>& model, const NetworkSpec& shuffled) {
  const NetworkSpec& spec = model.spec();
  nlohmann::json levels = nlohmann::json::array();
  for (const ModelLevel<float>& level : model.levels()) {
    levels.push_back({{"stage", level.stage},
                      {"kind", neuron_kind_name(spec.blocks[level.first_block].kind)},
                      {"blocks", level.end_block - level.first_block},
                      {"neurons", level.n_neurons},
                      {"weights", level.pattern.nnz()},
                      {"dense_entries", level.n_neurons * level.first_neuron}});
  }
  const LayerSettings hidden{Activation::kTanh, false, NormOrder::kActivationThenNorm};
  const DenseMlpShape same_width = same_width_mlp(spec, hidden);
  const DenseMlpShape equal_parameters = equal_parameter_mlp(spec, hidden);
  return {{"style", spec.style},
          {"inputs", spec.n_inputs()},
          {"neurons", spec.n_neurons()},
          {"weights", static_cast<Index>(spec.edges.size())},
          {"parameters", model.n_parameters()},
          {"levels", levels},
          {"dense_same_widths",
           {{"hidden_widths", same_width.hidden_widths},
            {"parameters", count_trainable_parameters(same_width)}}},
          {"dense_equal_parameters",
           {{"hidden_widths", equal_parameters.hidden_widths},
            {"parameters", count_trainable_parameters(equal_parameters)}}},
          {"shuffled_control",
           {{"weights", static_cast<Index>(shuffled.edges.size())},
            {"parameters", count_trainable_parameters(shuffled)}}}};
}

void print_description(std::ostream& out, const nlohmann::json& d) {
  out << "network      " << d["style"].get<std::string>() << ": " << d["inputs"] << " inputs, "
      << d["neurons"] << " neurons, " << d["weights"] << " weights, " << d["parameters"]
      << " trainable parameters\n";
  out << "level  stage  kind                 neurons     weights   density\n";
  int index = 0;
  for (const nlohmann::json& level : d["levels"]) {
    const double dense = level["dense_entries"].get<double>();
    out << std::setw(5) << index++ << std::setw(7) << level["stage"].get<Index>() << "  "
        << std::left << std::setw(18) << level["kind"].get<std::string>() << std::right
        << std::setw(10) << level["neurons"].get<Index>() << std::setw(12)
        << level["weights"].get<Index>() << std::setw(10) << std::setprecision(3)
        << (dense > 0 ? level["weights"].get<double>() / dense : 0.0) << "\n";
  }
  const auto parameters = d["parameters"].get<double>();
  for (const char* key : {"dense_same_widths", "dense_equal_parameters"}) {
    const nlohmann::json& dense = d[key];
    out << (std::string(key) == "dense_same_widths" ? "dense MLP, same widths:      "
                                                    : "dense MLP, equal parameters: ")
        << dense["parameters"] << " parameters (" << std::setprecision(4)
        << 100.0 * dense["parameters"].get<double>() / parameters << "% of the constrained "
        << "model), hidden widths " << dense["hidden_widths"].dump() << "\n";
  }
  out << "shuffled control:            " << d["shuffled_control"]["weights"]
      << " weights, every neuron's in-degree kept, sources redrawn at random\n";
}

void run_build(const BuildArguments& args) {
  const LoadedOntology loaded = load_ontology_from(args.ontology);
  const NetworkSpec spec =
      make_network_spec(args.network, loaded.ontology, make_input_map(args, loaded));
  const Model<float> model(spec, args.network.seed);
  const nlohmann::json description = describe(model, shuffled_wiring(spec, args.network.seed));
  if (!args.dot_file.empty()) write_ontology_dot(args.dot_file, loaded.ontology, "");
  if (!args.save_file.empty()) save_model(args.save_file, model, {{"seed", args.network.seed}});
  if (args.json) {
    std::cout << description.dump(2) << "\n";
  } else {
    print_description(std::cout, description);
    if (!args.save_file.empty()) std::cout << "saved        " << args.save_file << "\n";
  }
}

}  // namespace

void add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArguments>();
  CLI::App* build = app.add_subcommand(
      "build",
      "Compile an ontology into a transparent network, with its dense baselines and "
      "shuffled control");
  add_ontology_options(*build, args->ontology);

  add_network_options(*build, args->network);
  build
      ->add_option("--channels", args->channels,
                   "Input channels per gene, e.g. mutation,cndeletion,cnamplification "
                   "(default: one feature per gene)")
      ->delimiter(',')
      ->group("Network");

  const std::string output = "Output";
  build->add_flag("--json", args->json, "Print the description as JSON")->group(output);
  build->add_option("--dot", args->dot_file, "Draw the network's term graph as Graphviz DOT")
      ->group(output);
  build->add_option("--save", args->save_file, "Save the compiled model (weights as initialized)")
      ->group(output);

  build->callback([args] { run_build(*args); });
}

}  // namespace ontonet::cli
