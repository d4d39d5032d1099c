// The command-line options of the training loop (epochs, batch size, optimizer, penalties, early
// stopping), shared by `train` and `compare` so both train the same way.
#pragma once

#include <CLI/CLI.hpp>

#include "ontonet/train/trainer.hpp"

namespace ontonet::cli {

// Adds the "Training" option group; train.seed is left to --seed (network_options.hpp).
void add_training_options(CLI::App& command, TrainOptions& train);

}  // namespace ontonet::cli
