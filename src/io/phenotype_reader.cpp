#include "ontonet/io/phenotype_reader.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "numeric_field.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// 1, 0 or nullopt for text that is not a binary value. `allow_words` adds case/control and yes/no.
std::optional<float> parse_binary(std::string_view text, bool allow_words) {
  const std::string lower = lower_case(text);
  if (lower == "1" || lower == "true") return 1.0f;
  if (lower == "0" || lower == "false") return 0.0f;
  if (allow_words && (lower == "case" || lower == "yes")) return 1.0f;
  if (allow_words && (lower == "control" || lower == "no")) return 0.0f;
  return std::nullopt;
}

struct ColumnIndices {
  std::size_t sample_id = 0;
  std::vector<std::size_t> value;  // per requested phenotype
  std::vector<std::size_t> event;  // per requested phenotype; used for survival only
  std::optional<std::size_t> split;
};

ColumnIndices find_columns(const LineReader& reader, const std::vector<std::string_view>& header,
                           const PhenotypeTableSpec& spec) {
  std::unordered_map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < header.size(); ++i)
    column_of.emplace(std::string(trim(header[i])), i);
  const auto find = [&](const std::string& name, const char* role) {
    const auto it = column_of.find(name);
    if (it == column_of.end()) {
      throw reader.error("expected a column named '" + name + "' (" + role +
                         ") in the header, found none");
    }
    return it->second;
  };
  ColumnIndices columns;
  columns.sample_id = find(spec.sample_id_column, "sample ID");
  for (const PhenotypeRequest& request : spec.phenotypes) {
    const bool survival = request.kind == PhenotypeKind::kSurvival;
    columns.value.push_back(find(request.column, survival ? "survival time" : "phenotype"));
    columns.event.push_back(survival ? find(request.event_column, "survival event") : 0);
  }
  if (!spec.split_column.empty()) columns.split = find(spec.split_column, "split");
  return columns;
}

float parse_value(const LineReader& reader, const PhenotypeRequest& request,
                  std::string_view text) {
  float value = 0.0f;
  switch (request.kind) {
    case PhenotypeKind::kContinuous:
      if (numeric_field::parse_float(text, value)) return value;
      throw reader.error("expected a number or NA in column '" + request.column + "', got '" +
                         std::string(text) + "'");
    case PhenotypeKind::kBinary:
      if (const auto binary = parse_binary(text, true)) return *binary;
      throw reader.error("expected 0/1, case/control, yes/no or true/false in column '" +
                         request.column + "', got '" + std::string(text) + "'");
    case PhenotypeKind::kSurvival:
      if (numeric_field::parse_float(text, value) && value >= 0.0f) return value;
      throw reader.error("expected a survival time >= 0 in column '" + request.column + "', got '" +
                         std::string(text) + "'");
    case PhenotypeKind::kMulticlass:
      break;
  }
  return kMissing;  // multiclass labels are numbered after the whole file is read
}

float parse_event(const LineReader& reader, const PhenotypeRequest& request,
                  std::string_view text) {
  if (const auto event = parse_binary(text, false)) return *event;
  throw reader.error("expected a survival event 1/0 or true/false in column '" +
                     request.event_column + "', got '" + std::string(text) + "'");
}

// Numbers the labels of a multiclass column in sorted order; `labels[s]` empty means missing.
void number_classes(const std::vector<std::string>& labels, PhenotypeColumn& column) {
  std::map<std::string, float> index_of;
  for (const std::string& label : labels) {
    if (!label.empty()) index_of.emplace(label, 0.0f);
  }
  for (auto& [label, index] : index_of) {
    index = static_cast<float>(column.class_labels.size());
    column.class_labels.push_back(label);
  }
  for (std::size_t s = 0; s < labels.size(); ++s) {
    if (!labels[s].empty()) column.values[s] = index_of.at(labels[s]);
  }
}

}  // namespace

PhenotypeTable read_phenotypes(const std::string& path, const PhenotypeTableSpec& spec) {
  LineReader reader(path);
  std::string_view line;
  if (!reader.next(line)) throw InputError(path, 0, "expected a header line");
  char delimiter = spec.delimiter;
  if (delimiter == '\0') delimiter = line.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::string_view> fields;
  split_fields(line, delimiter, fields);
  const std::size_t n_fields = fields.size();
  const ColumnIndices columns = find_columns(reader, fields, spec);

  PhenotypeTable table;
  table.path = path;
  for (const PhenotypeRequest& request : spec.phenotypes) {
    table.columns.push_back({request.column, request.kind, {}, {}, {}, 0});
  }
  std::vector<std::vector<std::string>> class_labels(spec.phenotypes.size());
  std::unordered_map<std::string, std::size_t> line_of_sample;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, delimiter, fields);
    if (fields.size() != n_fields) {
      throw reader.error("expected " + std::to_string(n_fields) + " fields as in the header, got " +
                         std::to_string(fields.size()));
    }
    std::string id(trim(fields[columns.sample_id]));
    if (id.empty()) throw reader.error("expected a sample ID, found nothing");
    const auto [it, inserted] = line_of_sample.emplace(id, reader.line_number());
    if (!inserted) {
      throw reader.error("expected unique sample IDs, but '" + id + "' was already on line " +
                         std::to_string(it->second));
    }
    table.sample_ids.push_back(std::move(id));
    for (std::size_t k = 0; k < spec.phenotypes.size(); ++k) {
      const PhenotypeRequest& request = spec.phenotypes[k];
      PhenotypeColumn& column = table.columns[k];
      const std::string_view text = trim(fields[columns.value[k]]);
      const bool survival = request.kind == PhenotypeKind::kSurvival;
      const std::string_view event_text = survival ? trim(fields[columns.event[k]]) : "";
      const bool missing =
          numeric_field::is_missing(text) || (survival && numeric_field::is_missing(event_text));
      column.n_missing += missing;
      column.values.push_back(missing ? kMissing : parse_value(reader, request, text));
      if (survival)
        column.events.push_back(missing ? kMissing : parse_event(reader, request, event_text));
      if (request.kind == PhenotypeKind::kMulticlass) {
        class_labels[k].emplace_back(missing ? std::string_view() : text);
      }
    }
    if (columns.split) {
      const std::string_view text = trim(fields[*columns.split]);
      const std::optional<DataSplit> split = parse_data_split(text);
      if (!split) {
        throw reader.error("expected train, validation, test (or 1, 2, 3) in column '" +
                           spec.split_column + "', got '" + std::string(text) + "'");
      }
      table.splits.push_back(*split);
    }
  }
  for (std::size_t k = 0; k < spec.phenotypes.size(); ++k) {
    if (spec.phenotypes[k].kind == PhenotypeKind::kMulticlass) {
      number_classes(class_labels[k], table.columns[k]);
    }
  }
  if (table.sample_ids.empty()) throw InputError(path, 0, "expected at least one sample row");
  return table;
}

}  // namespace ontonet
