// The subcommands of the ontonet tool. Each adds itself to the application; its callback parses
// nothing else and calls into the library. Commands that another command runs as a step
// (benchmark-explain runs simulate, compare and explain) can also hand what they computed to a
// result the caller owns, besides writing their files.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "ontonet/explain/explanation.hpp"
#include "ontonet/explain/stability.hpp"
#include "ontonet/ontology/load_ontology.hpp"
#include "ontonet/simulate/simulation.hpp"
#include "ontonet/train/comparison.hpp"

namespace ontonet::cli {

void add_inspect_command(CLI::App& app);
void add_build_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_predict_command(CLI::App& app);
void add_compare_command(CLI::App& app, ComparisonResult* result = nullptr);
// Where compare saves the model and log of one run: OUT/runs/<model>/seed<k>, the model's name
// with spaces and '=' as '_' ("ontology lambda=0.001" -> ontology_lambda_0.001).
std::string compared_run_folder(const std::string& out, const std::string& model,
                                std::uint64_t seed);
void add_plot_command(CLI::App& app);
struct ExplainResult {
  std::vector<Explanation> explanations;   // one per model
  std::vector<MethodStability> stability;  // with two or more models
};
void add_explain_command(CLI::App& app, ExplainResult* result = nullptr);
struct SimulateResult {
  LoadedOntology ontology;
  Simulation simulation;
};
void add_simulate_command(CLI::App& app, SimulateResult* result = nullptr);
void add_benchmark_explain_command(CLI::App& app);

}  // namespace ontonet::cli
