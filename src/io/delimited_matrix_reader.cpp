#include "ontonet/io/delimited_matrix_reader.hpp"

#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "numeric_field.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

char choose_delimiter(const LineReader& reader, std::string_view header, char requested) {
  if (requested == '\t' || requested == ',') return requested;
  if (requested != '\0') {
    throw reader.error("expected a tab or comma delimiter, got '" + std::string(1, requested) +
                       "'");
  }
  if (header.find('\t') != std::string_view::npos) return '\t';
  if (header.find(',') != std::string_view::npos) return ',';
  throw reader.error(
      "expected a header row of a sample-ID column and feature IDs separated by tabs or commas");
}

std::vector<std::string> read_feature_ids(const LineReader& reader,
                                          const std::vector<std::string_view>& header) {
  if (header.size() < 2) {
    throw reader.error("expected a header with a sample-ID column and at least one feature ID");
  }
  std::vector<std::string> feature_ids;
  std::unordered_map<std::string, std::size_t> column_of_feature;
  for (std::size_t column = 1; column < header.size(); ++column) {
    std::string id(trim(header[column]));
    if (id.empty()) {
      throw reader.error("expected a feature ID in column " + std::to_string(column + 1) +
                         ", found an empty field");
    }
    const auto [it, inserted] = column_of_feature.emplace(id, column + 1);
    if (!inserted) {
      throw reader.error("expected unique feature IDs, but '" + id + "' is in columns " +
                         std::to_string(it->second) + " and " + std::to_string(column + 1));
    }
    feature_ids.push_back(std::move(id));
  }
  return feature_ids;
}

}  // namespace

SampleMatrix read_delimited_matrix(const std::string& path, const DelimitedMatrixOptions& options) {
  LineReader reader(path);
  std::string_view line;
  if (!reader.next(line)) throw InputError(path, 0, "expected a header row, found no lines");
  const char delimiter = choose_delimiter(reader, line, options.delimiter);
  std::vector<std::string_view> fields;
  split_fields(line, delimiter, fields);

  SampleMatrix matrix;
  matrix.source = path;
  matrix.feature_ids = read_feature_ids(reader, fields);
  const std::size_t n_features = matrix.feature_ids.size();
  std::vector<float> values;
  std::unordered_map<std::string, std::size_t> line_of_sample;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, delimiter, fields);
    if (fields.size() != n_features + 1) {
      throw reader.error("expected " + std::to_string(n_features + 1) + " fields (sample ID and " +
                         std::to_string(n_features) + " features), got " +
                         std::to_string(fields.size()));
    }
    std::string sample_id(trim(fields[0]));
    if (sample_id.empty()) throw reader.error("expected a sample ID in column 1, found nothing");
    const auto [it, inserted] = line_of_sample.emplace(sample_id, reader.line_number());
    if (!inserted) {
      throw reader.error("expected unique sample IDs, but '" + sample_id +
                         "' was already on line " + std::to_string(it->second));
    }
    for (std::size_t column = 1; column <= n_features; ++column) {
      const std::string_view text = trim(fields[column]);
      float value = 0.0f;
      if (numeric_field::is_missing(text)) {
        value = std::numeric_limits<float>::quiet_NaN();
        ++matrix.n_missing;
      } else if (!numeric_field::parse_float(text, value)) {
        throw reader.error("expected a number or NA for feature '" +
                           matrix.feature_ids[column - 1] + "' (column " +
                           std::to_string(column + 1) + "), got '" + std::string(text) + "'");
      }
      values.push_back(value);
    }
    matrix.sample_ids.push_back(std::move(sample_id));
  }
  if (matrix.sample_ids.empty()) throw InputError(path, 0, "expected at least one sample row");
  matrix.values = Eigen::Map<const SampleValues>(
      values.data(), static_cast<Eigen::Index>(matrix.sample_ids.size()),
      static_cast<Eigen::Index>(n_features));
  return matrix;
}

}  // namespace ontonet
