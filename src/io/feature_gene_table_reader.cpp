#include "ontonet/io/feature_gene_table_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

namespace ontonet {

namespace {

bool is_gene_column_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "gene" || lower == "genes" || lower == "symbol" || lower == "gene_symbol";
}

}  // namespace

std::vector<InputMapRecord> read_feature_gene_table(const std::string& path) {
  LineReader reader(path);
  std::vector<InputMapRecord> records;
  std::vector<std::string_view> fields;
  std::string_view line;
  bool first_content_line = true;
  while (reader.next(line)) {
    if (trim(line).empty() || trim(line).front() == '#') continue;
    split_fields(line, '\t', fields);
    table_fields::expect_columns(reader, fields, 2, "feature, gene");
    const std::string_view feature = trim(fields[0]);
    const std::string_view gene = trim(fields[1]);
    const bool is_header = first_content_line && is_gene_column_name(gene);
    first_content_line = false;
    if (is_header) continue;
    if (feature.empty()) throw reader.error("expected a feature ID in column 1, found nothing");
    if (gene.empty()) throw reader.error("expected a gene in column 2, found nothing");
    records.push_back({std::string(feature), std::string(gene), {path, reader.line_number()}});
  }
  return records;
}

}  // namespace ontonet
