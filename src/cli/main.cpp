// ontonet's command-line entry point: builds the subcommands, runs the one asked for, and turns
// errors into a message and an exit code (2 for bad input or config, 1 for internal failures).
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "json_config.hpp"
#include "ontonet/core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"ontonet: transparent neural networks on biological ontologies", "ontonet"};
  app.set_version_flag("--version", "ontonet 0.1.0");
  app.require_subcommand(1);
  ontonet::cli::add_json_config(app);
  ontonet::cli::add_inspect_command(app);
  ontonet::cli::add_build_command(app);
  ontonet::cli::add_train_command(app);
  ontonet::cli::add_predict_command(app);
  ontonet::cli::add_compare_command(app);
  ontonet::cli::add_explain_command(app);
  ontonet::cli::add_plot_command(app);
  ontonet::cli::add_simulate_command(app);
  ontonet::cli::add_benchmark_explain_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const ontonet::InputError& e) {
    std::cerr << "ontonet: error: " << e.what() << "\n";
    return 2;
  } catch (const ontonet::ConfigError& e) {
    std::cerr << "ontonet: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ontonet: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
