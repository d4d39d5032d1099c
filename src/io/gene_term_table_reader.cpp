#include "ontonet/io/gene_term_table_reader.hpp"

#include <unordered_set>
#include <vector>

#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

namespace ontonet {

namespace {

bool equals_ignoring_case(std::string_view text, std::string_view lower_case) {
  if (text.size() != lower_case.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower_case[i])
      return false;
  }
  return true;
}

bool is_header(const std::vector<std::string_view>& fields) {
  return fields.size() == 2 && equals_ignoring_case(trim(fields[0]), "gene") &&
         equals_ignoring_case(trim(fields[1]), "term");
}

}  // namespace

OntologyRecords read_gene_term_table(const std::string& path, const GeneTermTableOptions& options) {
  LineReader reader(path);
  OntologyRecords records;
  std::unordered_set<std::string> pairs_seen;
  std::unordered_set<std::string> terms_declared;
  std::vector<std::string_view> fields;
  std::size_t repeated_pairs = 0;
  bool before_first_row = true;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty() || line.front() == '#') continue;
    split_fields(line, '\t', fields);
    if (before_first_row) {
      before_first_row = false;
      if (is_header(fields)) continue;
    }
    table_fields::expect_columns(reader, fields, 2, "gene, term");
    const std::string_view gene = table_fields::required(reader, fields[0], 1, "a gene");
    const std::string_view term = table_fields::required(reader, fields[1], 2, "a term ID");
    if (!pairs_seen.insert(table_fields::tuple_key(gene, term)).second) {
      ++repeated_pairs;
      continue;
    }
    const SourceLocation location{path, reader.line_number()};
    if (options.declare_terms && terms_declared.emplace(term).second) {
      records.terms.push_back(TermRecord{std::string(term), "", "", {}, location});
    }
    records.annotations.push_back({std::string(term), std::string(gene), location});
  }
  if (records.annotations.empty()) {
    throw InputError(path, 0, "expected at least one gene<TAB>term line, found none");
  }
  if (repeated_pairs > 0) records.dropped["repeated gene-term pairs"] += repeated_pairs;
  return records;
}

}  // namespace ontonet
