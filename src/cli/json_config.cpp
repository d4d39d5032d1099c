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

nlohmann::json effective_config(const CLI::App& command, const std::vector<std::string>& left_out) {
  nlohmann::json options = nlohmann::json::object();
  for (const CLI::Option* option : command.get_options()) {
    std::string key =
        option->get_lnames().empty() ? option->get_name(false, true) : option->get_lnames().front();
    std::replace(key.begin(), key.end(), '-', '_');
    if (key == "help" || key.empty() ||
        std::find(left_out.begin(), left_out.end(), key) != left_out.end()) {
      continue;
    }
    if (option->get_expected_max() == 0) {  // a flag, perhaps with a negated name
      const std::string default_text = option->get_default_str();
      options[key] =
          option->count() > 0 ? option->as<bool>() : default_text == "true" || default_text == "1";
      continue;
    }
    // An option whose value is optional (--join-roots [ID]) is off unless given.
    if (option->get_expected_min() == 0 && option->count() == 0) continue;
    std::vector<std::string> values = option->results();
    std::string default_text = option->get_default_str();
    if (default_text.size() >= 2 && default_text.front() == '[' && default_text.back() == ']') {
      default_text = default_text.substr(1, default_text.size() - 2);
    }
    if (values.empty() && !default_text.empty()) values = CLI::detail::split(default_text, ',');
    if (values.empty()) continue;
    const bool is_list = option->get_expected_max() > 1 || values.size() > 1;
    if (is_list) {
      options[key] = values;
    } else {
      options[key] = values.front();
    }
  }
  return {{"schema_version", kConfigSchemaVersion}, {command.get_name(), options}};
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
