// The command-line options that say how an ontology becomes a network (style, widths, the term
// layers' activation, batch norm and dropout, seed), shared by `build`, `train` and `compare`, and
// the input map that wires data features to the ontology's genes.
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
  // The value of --activation and --batch-norm that keeps the style's setting.
  static constexpr const char* kStyleDefault = "style";

  std::string style = "drugcell";
  Index neurons_per_term = 0;  // 0: the style's default
  Index neurons_per_gene = 1;
  // Of the term blocks (and GenNet's gene blocks); kStyleDefault keeps what the style says.
  std::string activation = kStyleDefault;  // tanh, relu, sigmoid or identity
  std::string batch_norm = kStyleDefault;  // true or false
  double dropout = 0.0;                    // in [0, 1)
  std::uint64_t seed = 1;
};

// Adds --style, --neurons-per-term, --neurons-per-gene, --activation, --batch-norm, --dropout and
// --seed in the "Network" group. Values outside the allowed sets are rejected while parsing.
void add_network_options(CLI::App& command, NetworkArguments& args);

// The spec of `args.style` over `ontology`, wiring `input_map`'s features, with `n_outputs` outputs
// and the given extra branches (covariates); --activation, --batch-norm and --dropout replace the
// style's settings of every term block (and GenNet gene block), never of the output, the auxiliary
// heads or the extra branches. Throws ConfigError("--<option>", ...) for an unknown style or an
// invalid layer option.
NetworkSpec make_network_spec(const NetworkArguments& args, const Ontology& ontology,
                              const InputMap& input_map, Index n_outputs = 1,
                              const std::vector<ExtraBranchOptions>& branches = {},
                              SpecBuildReport* report = nullptr);

// The features of a GenNet topology (in its order), wired as it says; empty when the ontology came
// from another format.
InputMap topology_input_map(const LoadedOntology& loaded);

}  // namespace ontonet::cli
