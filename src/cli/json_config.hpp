// Lets the subcommands read their options from a JSON file (`--config FILE`): one object per
// subcommand, whose keys are its options' long names in snake_case (`neurons_per_term` for
// --neurons-per-term, `ontology` for the positional) and whose values are strings, numbers,
// booleans or lists. `schema_version` must be 1. Options given on the command line override the
// file; keys that name no option are errors. Example: configs/example_build.json.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ontonet::cli {

class JsonConfig : public CLI::Config {
 public:
  std::string to_config(const CLI::App* app, bool default_also, bool write_description,
                        std::string prefix) const override;
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

// The configuration a subcommand ran with, in the format --config reads: every option given on the
// command line or in a config file, and every option with a default, so that the file repeats the
// run even if defaults change. Options listed in `left_out` (e.g. "resume") are not written.
nlohmann::json effective_config(const CLI::App& command, const std::vector<std::string>& left_out);

// Adds --config to the application, read with JsonConfig; unknown keys are errors.
void add_json_config(CLI::App& app);

}  // namespace ontonet::cli
