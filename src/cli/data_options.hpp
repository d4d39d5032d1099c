// The command-line options that say which data a run reads (layout, files, target, splits,
// preprocessing), shared by `train` and `predict` so both read data the same way.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ontonet/train/training_data.hpp"

namespace ontonet::cli {

struct DataArguments {
  DataOptions options;
  std::string task = "regression";
  std::string standardize = "none";
  std::vector<double> split_fractions{0.8, 0.1, 0.1};
};

// Adds the "Data" option group. `for_prediction` leaves out what only training uses (splits,
// task, standardization: predict takes them from the model).
void add_data_options(CLI::App& command, DataArguments& args, bool for_prediction);

// The DataOptions the arguments describe. Throws ConfigError naming the option for a bad task,
// standardization or split fractions.
DataOptions resolve_data_options(const DataArguments& args);

// DataOptions <-> JSON, stored in a model file so that predict knows the training layout.
nlohmann::json data_options_json(const DataOptions& options);

}  // namespace ontonet::cli
