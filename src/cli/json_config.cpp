#include "json_config.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ontonet::cli {

namespace {

constexpr int kConfigSchemaVersion = 1;

std::string as_input(const nlohmann::json& value, const std::string& key) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  throw CLI::ConversionError(key, "expected a string, number or boolean in the config file");
}

}  // namespace

// CLI11 requires a writer; ontonet never writes configs through CLI11.
std::string JsonConfig::to_config(const CLI::App*, bool, bool, std::string) const {
  return nlohmann::json{{"schema_version", kConfigSchemaVersion}}.dump() + "\n";
}

std::vector<CLI::ConfigItem> JsonConfig::from_config(std::istream& input) const {
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(input);
  } catch (const nlohmann::json::parse_error& e) {
    throw CLI::ConfigError(std::string("config file is not valid JSON: ") + e.what());
  }
  if (!config.is_object()) throw CLI::ConfigError("config file: expected a JSON object");
  if (!config.contains("schema_version") || config["schema_version"] != kConfigSchemaVersion) {
    throw CLI::ConfigError("config file: expected \"schema_version\": " +
                           std::to_string(kConfigSchemaVersion));
  }
  std::vector<CLI::ConfigItem> items;
  for (const auto& [section, options] : config.items()) {
    if (section == "schema_version") continue;
    if (!options.is_object()) {
      throw CLI::ConfigError("config file: \"" + section +
                             "\" must be an object holding the options of that subcommand");
    }
    for (const auto& [key, value] : options.items()) {
      CLI::ConfigItem item;
      item.parents = {section};
      item.name = key;
      std::replace(item.name.begin(), item.name.end(), '_', '-');
      if (value.is_array()) {
        for (const nlohmann::json& element : value) item.inputs.push_back(as_input(element, key));
      } else {
        item.inputs.push_back(as_input(value, key));
      }
      items.push_back(std::move(item));
    }
  }
  return items;
}

void add_json_config(CLI::App& app) {
  app.config_formatter(std::make_shared<JsonConfig>());
  app.set_config("--config", "",
                 "Read options from a JSON file: {\"schema_version\": 1, \"<subcommand>\": "
                 "{\"<option_name>\": value, ...}}; the command line overrides the file");
  app.allow_config_extras(CLI::config_extras_mode::error);
  // Lets `ontonet build --config FILE` reach the option, which belongs to the application.
  app.fallthrough(true);
}

}  // namespace ontonet::cli
