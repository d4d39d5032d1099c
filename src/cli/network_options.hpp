// The command-line options that say how an ontology becomes a network (style, widths, seed), shared
// by `build` and `train`, and the input map that wires data features to the ontology's genes.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "ontonet/network/input_map.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/network/style_options.hpp"
#include "ontonet/ontology/load_ontology.hpp"

namespace ontonet::cli {

struct NetworkArguments {
  std::string style = "drugcell";
  Index neurons_per_term = 0;  // 0: the style's default
  Index neurons_per_gene = 1;
  std::uint64_t seed = 1;
};

// Adds --style, --neurons-per-term, --neurons-per-gene and --seed in the "Network" group.
void add_network_options(CLI::App& command, NetworkArguments& args);

// The spec of `args.style` over `ontology`, wiring `input_map`'s features, with `n_outputs` outputs
// and the given extra branches (covariates). Throws ConfigError("--style", ...) for an unknown
// style.
NetworkSpec make_network_spec(const NetworkArguments& args, const Ontology& ontology,
                              const InputMap& input_map, Index n_outputs = 1,
                              const std::vector<ExtraBranchOptions>& branches = {},
                              SpecBuildReport* report = nullptr);

// The features of a GenNet topology (in its order), wired as it says; empty when the ontology came
// from another format.
InputMap topology_input_map(const LoadedOntology& loaded);

}  // namespace ontonet::cli
