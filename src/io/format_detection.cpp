#include "ontonet/io/format_detection.hpp"

#include <array>
#include <utility>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

constexpr std::array<std::pair<FileFormat, std::string_view>, 7> kFormatNames{{
    {FileFormat::kObo, "obo"},
    {FileFormat::kGaf, "gaf"},
    {FileFormat::kGmt, "gmt"},
    {FileFormat::kGeneTermTable, "gene-term"},
    {FileFormat::kParentChildType, "parent-child-type"},
    {FileFormat::kReactome, "reactome"},
    {FileFormat::kGenNetTopology, "gennet"},
}};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_reactome_id(std::string_view text) { return starts_with(text, "R-") && text.size() > 6; }

constexpr std::size_t kLinesToSniff = 20;

}  // namespace

std::string_view format_name(FileFormat format) {
  for (const auto& [value, name] : kFormatNames) {
    if (value == format) return name;
  }
  ONTONET_CHECK(false, "format without a name");
}

FileFormat parse_format_name(std::string_view name, const std::string& option) {
  std::string valid;
  for (const auto& [value, known] : kFormatNames) {
    if (known == name) return value;
    valid += (valid.empty() ? "" : ", ") + std::string(known);
  }
  throw ConfigError(option, "must be one of " + valid + ", got '" + std::string(name) + "'");
}

FileFormat detect_format(const std::string& path) {
  std::string_view file = path;
  if (ends_with(file, ".gz")) file.remove_suffix(3);
  if (ends_with(file, ".obo")) return FileFormat::kObo;
  if (ends_with(file, ".gaf")) return FileFormat::kGaf;
  if (ends_with(file, ".gmt")) return FileFormat::kGmt;

  LineReader reader(path);
  std::string_view line;
  std::vector<std::string_view> fields;
  std::size_t sniffed = 0;
  while (sniffed < kLinesToSniff && reader.next(line)) {
    if (trim(line).empty()) continue;
    ++sniffed;
    if (starts_with(line, "format-version:") || starts_with(line, "[Term]"))
      return FileFormat::kObo;
    if (starts_with(line, "!gaf-version")) return FileFormat::kGaf;
    if (line.find("layer0_node") != std::string_view::npos) return FileFormat::kGenNetTopology;
    if (line[0] == '!' || line[0] == '#') continue;
    split_fields(line, '\t', fields);
    if (fields.size() == 3 && (fields[2] == "default" || fields[2] == "gene")) {
      return FileFormat::kParentChildType;
    }
    if (fields.size() == 2 && is_reactome_id(fields[0]) && is_reactome_id(fields[1])) {
      return FileFormat::kReactome;
    }
    if (fields.size() == 2) return FileFormat::kGeneTermTable;
    if (fields.size() >= 3) return FileFormat::kGmt;
  }
  throw InputError(path, 0,
                   "cannot tell the format: expected an OBO header or [Term], a GAF header, a "
                   "GenNet layer0_node header, or tab-separated columns; give --format");
}

}  // namespace ontonet
