// What `train` and `compare` share before any training: the options naming the ontology, the
// network style and the data, and the loading that turns them into a training set and the
// ontology network's spec (with a covariate branch when the data has covariates). Both commands
// thus see the same data, splits and wiring.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>

#include "data_options.hpp"
#include "network_options.hpp"
#include "ontology_options.hpp"
#include "ontonet/network/input_map.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/train/linear_baselines.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet::cli {

struct RunInputArguments {
  OntologyArguments ontology;
  NetworkArguments network;
  DataArguments data;
  std::string input_map_file;
  bool genes_from_data = false;
};

// Ontology, network, --input-map, --genes-from-data and the data options.
void add_run_input_options(CLI::App& command, RunInputArguments& args);

struct RunInputs {
  DataOptions data_options;  // as resolved, with a GenNet topology filled in
  TrainingSet data;
  NetworkSpec ontology_spec;  // the transparent network over the data's features
  InputMap input_map;         // the data's genetic features -> the genes they feed
  std::map<std::string, std::string> term_names;  // term ID -> name, for terms that have one
};

// Loads and checks everything, printing what was read (data, splits, notes, input map) to stdout.
// Throws InputError / ConfigError as the loaders do, and ConfigError("input map", ...) when no
// data feature reaches a gene.
RunInputs load_run_inputs(const RunInputArguments& args);

// What a saved model needs for `predict` (task, classes, data layout, covariates, preprocessing),
// before the architecture and metrics of one model are added.
nlohmann::json model_metadata(const RunInputs& inputs);

// One block of metric lines (train / validation / test) for the task's usual metrics.
void print_metrics(const std::string& label, const std::map<std::string, MetricSet>& metrics,
                   TaskKind task);

// Ridge or logistic regression on the run's inputs and splits, printed; nullopt (with a note) for
// tasks a linear baseline does not cover.
std::optional<LinearBaselineResult> fit_linear_baseline_for(const TrainingSet& data);

}  // namespace ontonet::cli
