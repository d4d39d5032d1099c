// Reading back what a run was trained on: the config.json that `train` and `compare` write into
// their folder names the ontology, the network options and the data; explain reloads exactly
// those, so a model is explained on the data, splits and preprocessing it was trained with.
#pragma once

#include <string>

#include "run_inputs.hpp"

namespace ontonet::cli {

// The run-input options (ontology, network, data) of the config.json in `run_folder`: its single
// subcommand section, keys that are not run inputs (epochs, lambdas, ...) ignored. Throws
// InputError naming the file when it is missing or not such a config.
RunInputArguments read_run_config(const std::string& run_folder);

}  // namespace ontonet::cli
