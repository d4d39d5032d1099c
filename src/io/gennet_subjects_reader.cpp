#include "ontonet/io/gennet_subjects_reader.hpp"

#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "numeric_field.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

struct ColumnLayout {
  std::size_t n_fields = 0;
  std::size_t patient_id = 0;
  std::size_t labels = 0;
  std::size_t genotype_row = 0;
  std::size_t set = 0;
  std::vector<std::size_t> covariates;
};

ColumnLayout read_header(const LineReader& reader, std::string_view line, GenNetSubjects& out) {
  std::vector<std::string_view> fields;
  split_fields(line, ',', fields);
  ColumnLayout layout;
  layout.n_fields = fields.size();
  std::optional<std::size_t> patient_id, labels, genotype_row, set;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view name = trim(fields[i]);
    if (name == "patient_id") {
      patient_id = i;
    } else if (name == "labels") {
      labels = i;
    } else if (name == "genotype_row") {
      genotype_row = i;
    } else if (name == "set") {
      set = i;
    } else if (name.substr(0, 4) == "cov_") {
      layout.covariates.push_back(i);
      out.covariate_names.emplace_back(name);
    } else {
      out.ignored_columns.emplace_back(name);
    }
  }
  const std::pair<const std::optional<std::size_t>*, const char*> required[] = {
      {&patient_id, "patient_id"},
      {&labels, "labels"},
      {&genotype_row, "genotype_row"},
      {&set, "set"}};
  for (const auto& [column, name] : required) {
    if (!column->has_value()) {
      throw reader.error(std::string("expected a column named '") + name +
                         "' in the header (patient_id, labels, genotype_row, set[, cov_*])");
    }
  }
  layout.patient_id = *patient_id;
  layout.labels = *labels;
  layout.genotype_row = *genotype_row;
  layout.set = *set;
  return layout;
}

float read_value(const LineReader& reader, std::string_view field, const std::string& column,
                 std::size_t& n_missing) {
  const std::string_view text = trim(field);
  if (numeric_field::is_missing(text)) {
    ++n_missing;
    return std::numeric_limits<float>::quiet_NaN();
  }
  float value = 0.0f;
  if (!numeric_field::parse_float(text, value)) {
    throw reader.error("expected a number or NA in column '" + column + "', got '" +
                       std::string(text) + "'");
  }
  return value;
}

DataSplit read_split(const LineReader& reader, std::string_view field) {
  const std::string_view text = trim(field);
  // GenNet writes numbers; the names are accepted too, as everywhere in ontonet.
  if (const std::optional<DataSplit> split = parse_data_split(text)) return *split;
  throw reader.error("expected set 1 (train), 2 (validation) or 3 (test), got '" +
                     std::string(text) + "'");
}

}  // namespace

std::size_t GenNetSubjects::count(DataSplit split) const {
  std::size_t n = 0;
  for (const GenNetSubject& subject : subjects) n += subject.split == split;
  return n;
}

GenNetSubjects read_gennet_subjects(const std::string& path) {
  LineReader reader(path);
  GenNetSubjects result;
  result.path = path;
  std::string_view line;
  if (!reader.next(line)) throw InputError(path, 0, "expected a header line");
  const ColumnLayout layout = read_header(reader, line, result);
  std::unordered_map<std::string, std::size_t> line_of_patient;
  std::unordered_map<std::size_t, std::size_t> line_of_row;
  std::vector<std::string_view> fields;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, ',', fields);
    if (fields.size() != layout.n_fields) {
      throw reader.error("expected " + std::to_string(layout.n_fields) +
                         " comma-separated fields as in the header, got " +
                         std::to_string(fields.size()));
    }
    GenNetSubject subject;
    subject.line = reader.line_number();
    subject.patient_id = std::string(trim(fields[layout.patient_id]));
    if (subject.patient_id.empty()) throw reader.error("expected a patient_id, found nothing");
    // GenNet's own simulated examples repeat patient IDs (random integers) on distinct genotype
    // rows, so a repeat is counted for the caller to report rather than refused.
    if (!line_of_patient.emplace(subject.patient_id, subject.line).second) {
      ++result.n_repeated_patient_ids;
    }
    subject.label = read_value(reader, fields[layout.labels], "labels", result.n_missing_labels);
    std::int64_t row = 0;
    const std::string_view row_text = trim(fields[layout.genotype_row]);
    if (!numeric_field::parse_int64(row_text, row) || row < 0) {
      throw reader.error("expected a non-negative integer genotype_row, got '" +
                         std::string(row_text) + "'");
    }
    subject.genotype_row = static_cast<std::size_t>(row);
    const auto [row_line, new_row] = line_of_row.emplace(subject.genotype_row, subject.line);
    if (!new_row) {
      throw reader.error("expected each genotype_row once, but " + std::to_string(row) +
                         " was already on line " + std::to_string(row_line->second));
    }
    subject.split = read_split(reader, fields[layout.set]);
    for (std::size_t k = 0; k < layout.covariates.size(); ++k) {
      subject.covariates.push_back(read_value(reader, fields[layout.covariates[k]],
                                              result.covariate_names[k],
                                              result.n_missing_covariates));
    }
    result.subjects.push_back(std::move(subject));
  }
  if (result.subjects.empty()) throw InputError(path, 0, "expected at least one subject row");
  return result;
}

void check_genotype_rows(const GenNetSubjects& subjects, std::size_t n_genotype_rows) {
  for (const GenNetSubject& subject : subjects.subjects) {
    if (subject.genotype_row >= n_genotype_rows) {
      throw InputError(subjects.path, subject.line,
                       "expected genotype_row below " + std::to_string(n_genotype_rows) +
                           " (rows of the genotype file), got " +
                           std::to_string(subject.genotype_row));
    }
  }
}

}  // namespace ontonet
