// The subcommands of the ontonet tool. Each adds itself to the application; its callback parses
// nothing else and calls into the library.
#pragma once

#include <CLI/CLI.hpp>

namespace ontonet::cli {

void add_inspect_command(CLI::App& app);
void add_build_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_predict_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_plot_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_simulate_command(CLI::App& app);

}  // namespace ontonet::cli
