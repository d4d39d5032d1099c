#include "run_config.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "ontonet/core/error.hpp"

namespace ontonet::cli {

namespace {

std::string as_argument(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

}  // namespace

RunInputArguments read_run_config(const std::string& run_folder) {
  const std::string path = run_folder + "/config.json";
  std::ifstream file(path);
  if (!file) throw InputError(path, 0, "expected a run folder's config.json; cannot open it");
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path, 0, std::string("expected JSON: ") + e.what());
  }
  const nlohmann::json* section = nullptr;
  if (config.is_object()) {
    for (const auto& [key, value] : config.items()) {
      if (key != "schema_version" && value.is_object()) section = &value;
    }
  }
  if (section == nullptr || !section->contains("ontology")) {
    throw InputError(path, 0,
                     "expected the config.json of a train or compare run, with an \"ontology\"");
  }

  // The run-input options are parsed by CLI11 exactly as train parses them.
  RunInputArguments args;
  CLI::App parser;
  add_run_input_options(parser, args);
  std::set<std::string> known;
  for (const CLI::Option* option : parser.get_options()) {
    for (const std::string& name : option->get_lnames()) known.insert(name);
  }
  std::vector<std::string> tokens{as_argument(section->at("ontology"))};
  for (const auto& [key, value] : section->items()) {
    std::string name = key;
    std::replace(name.begin(), name.end(), '_', '-');
    if (key == "ontology" || known.count(name) == 0) continue;
    if (value.is_array()) {
      for (const nlohmann::json& element : value) {
        tokens.push_back("--" + name + "=" + as_argument(element));
      }
    } else {
      tokens.push_back("--" + name + "=" + as_argument(value));
    }
  }
  std::reverse(tokens.begin(), tokens.end());  // CLI11 takes a vector in reverse order
  try {
    parser.parse(tokens);
  } catch (const CLI::ParseError& e) {
    throw InputError(path, 0, std::string("expected the options of a run: ") + e.what());
  }
  return args;
}

}  // namespace ontonet::cli
