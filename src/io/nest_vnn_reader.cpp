#include "ontonet/io/nest_vnn_reader.hpp"

#include <limits>
#include <string_view>
#include <unordered_map>

#include "numeric_field.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

// Reads a headerless comma-separated numeric matrix of `n_rows` rows into `values` (row-major).
// `n_cols` == 0 takes the width from the first row. Returns the width.
std::size_t read_comma_matrix(const std::string& path, std::size_t n_rows, std::size_t n_cols,
                              std::string_view row_meaning, std::vector<float>& values) {
  LineReader reader(path);
  std::vector<std::string_view> fields;
  std::string_view line;
  std::size_t row = 0;
  values.clear();
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    if (row == n_rows) {
      throw reader.error("expected " + std::to_string(n_rows) + " rows, one per " +
                         std::string(row_meaning) + ", found more");
    }
    split_fields(line, ',', fields);
    if (n_cols == 0) n_cols = fields.size();
    if (fields.size() != n_cols) {
      throw reader.error("expected " + std::to_string(n_cols) + " comma-separated values, got " +
                         std::to_string(fields.size()));
    }
    for (std::size_t column = 0; column < n_cols; ++column) {
      float value = 0.0f;
      const std::string_view text = trim(fields[column]);
      if (!numeric_field::parse_float(text, value)) {
        throw reader.error("expected a number in column " + std::to_string(column + 1) + ", got '" +
                           std::string(text) + "'");
      }
      values.push_back(value);
    }
    ++row;
  }
  if (row != n_rows) {
    throw InputError(path, 0,
                     "expected " + std::to_string(n_rows) + " rows, one per " +
                         std::string(row_meaning) + ", got " + std::to_string(row));
  }
  return n_cols;
}

}  // namespace

std::vector<std::string> read_index_file(const std::string& path) {
  LineReader reader(path);
  std::unordered_map<std::size_t, std::string> name_of_index;
  std::unordered_map<std::size_t, std::size_t> line_of_index;
  std::unordered_map<std::string, std::size_t> line_of_name;
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    if (fields.size() != 2) {
      throw reader.error("expected 2 tab-separated columns (index, name), got " +
                         std::to_string(fields.size()));
    }
    std::int64_t index = 0;
    if (!numeric_field::parse_int64(trim(fields[0]), index) || index < 0) {
      throw reader.error("expected a 0-based index in column 1, got '" + std::string(fields[0]) +
                         "'");
    }
    const std::string name(trim(fields[1]));
    if (name.empty()) throw reader.error("expected a name in column 2, found nothing");
    const auto position = static_cast<std::size_t>(index);
    const auto [index_it, new_index] = line_of_index.emplace(position, reader.line_number());
    if (!new_index) {
      throw reader.error("expected each index once, but " + std::to_string(index) +
                         " was already on line " + std::to_string(index_it->second));
    }
    const auto [name_it, new_name] = line_of_name.emplace(name, reader.line_number());
    if (!new_name) {
      throw reader.error("expected unique names, but '" + name + "' was already on line " +
                         std::to_string(name_it->second));
    }
    name_of_index.emplace(position, name);
  }
  if (name_of_index.empty()) throw InputError(path, 0, "expected at least one index line");
  // n distinct indices are exactly 0..n-1 when none of 0..n-1 is missing.
  std::vector<std::string> names(name_of_index.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto it = name_of_index.find(i);
    if (it == name_of_index.end()) {
      throw InputError(path, 0,
                       "expected contiguous 0-based indices 0.." +
                           std::to_string(names.size() - 1) + ", but index " + std::to_string(i) +
                           " is missing");
    }
    names[i] = std::move(it->second);
  }
  return names;
}

std::vector<NestVnnChannel> nest_vnn_channels(const std::string& folder) {
  std::vector<NestVnnChannel> channels;
  for (const char* name : {"mutation", "cndeletion", "cnamplification"}) {
    channels.push_back({name, folder + "/cell2" + name + ".txt"});
  }
  return channels;
}

SampleMatrix read_cell_features(const std::string& cell2ind_path, const std::string& gene2ind_path,
                                const std::vector<NestVnnChannel>& channels) {
  ONTONET_CHECK(!channels.empty(), "read_cell_features needs at least one channel");
  SampleMatrix matrix;
  matrix.sample_ids = read_index_file(cell2ind_path);
  const std::vector<std::string> genes = read_index_file(gene2ind_path);
  const std::size_t n_cells = matrix.sample_ids.size();
  const std::size_t n_channels = channels.size();
  for (const std::string& gene : genes) {
    for (const NestVnnChannel& channel : channels)
      matrix.feature_ids.push_back(gene + ":" + channel.name);
  }
  matrix.values.resize(static_cast<Eigen::Index>(n_cells),
                       static_cast<Eigen::Index>(genes.size() * n_channels));
  std::vector<float> values;
  for (std::size_t c = 0; c < n_channels; ++c) {
    read_comma_matrix(channels[c].path, n_cells, genes.size(), "cell of " + cell2ind_path, values);
    for (std::size_t cell = 0; cell < n_cells; ++cell) {
      for (std::size_t gene = 0; gene < genes.size(); ++gene) {
        matrix.values(static_cast<Eigen::Index>(cell),
                      static_cast<Eigen::Index>(gene * n_channels + c)) =
            values[cell * genes.size() + gene];
      }
    }
    matrix.source += (c > 0 ? ", " : "") + channels[c].path;
  }
  return matrix;
}

std::vector<DrugResponse> read_drug_responses(const std::string& path) {
  LineReader reader(path);
  std::vector<DrugResponse> responses;
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    if (fields.size() != 3 && fields.size() != 4) {
      throw reader.error(
          "expected 3 or 4 tab-separated columns (cell, drug, response[, source]), "
          "got " +
          std::to_string(fields.size()));
    }
    DrugResponse response;
    response.cell = std::string(trim(fields[0]));
    response.drug = std::string(trim(fields[1]));
    if (response.cell.empty() || response.drug.empty()) {
      throw reader.error("expected a cell in column 1 and a drug in column 2");
    }
    if (!numeric_field::parse_float(trim(fields[2]), response.response)) {
      throw reader.error("expected a numeric response in column 3, got '" + std::string(fields[2]) +
                         "'");
    }
    if (fields.size() == 4) response.source = std::string(trim(fields[3]));
    response.location = {path, reader.line_number()};
    responses.push_back(std::move(response));
  }
  return responses;
}

SampleMatrix read_drug_fingerprints(const std::string& drug2ind_path,
                                    const std::string& fingerprint_path) {
  SampleMatrix matrix;
  matrix.sample_ids = read_index_file(drug2ind_path);
  std::vector<float> values;
  const std::size_t n_bits = read_comma_matrix(fingerprint_path, matrix.sample_ids.size(), 0,
                                               "drug of " + drug2ind_path, values);
  for (std::size_t bit = 0; bit < n_bits; ++bit)
    matrix.feature_ids.push_back("bit" + std::to_string(bit));
  matrix.values = Eigen::Map<const SampleValues>(
      values.data(), static_cast<Eigen::Index>(matrix.sample_ids.size()),
      static_cast<Eigen::Index>(n_bits));
  matrix.source = fingerprint_path;
  return matrix;
}

}  // namespace ontonet
