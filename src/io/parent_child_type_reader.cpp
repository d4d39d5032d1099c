#include "ontonet/io/parent_child_type_reader.hpp"

#include <unordered_set>
#include <vector>

#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

namespace ontonet {

namespace {

constexpr std::string_view kTermEdge = "default";
constexpr std::string_view kGeneAnnotation = "gene";

}  // namespace

OntologyRecords read_parent_child_type(const std::string& path) {
  LineReader reader(path);
  OntologyRecords records;
  std::unordered_set<std::string> lines_seen;
  std::unordered_set<std::string> terms_declared;
  std::vector<std::string_view> fields;
  std::size_t repeated_lines = 0;
  std::string_view line;

  auto declare = [&](std::string_view term, const SourceLocation& location) {
    if (terms_declared.emplace(term).second) {
      records.terms.push_back(TermRecord{std::string(term), "", "", {}, location});
    }
  };

  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    table_fields::expect_columns(reader, fields, 3, "parent, child, type");
    const std::string_view parent = table_fields::required(reader, fields[0], 1, "a parent term");
    const std::string_view child = table_fields::required(reader, fields[1], 2, "a child");
    const std::string_view type = table_fields::required(reader, fields[2], 3, "a type");
    if (type != kTermEdge && type != kGeneAnnotation) {
      throw reader.error(
          "expected type 'default' (term -> term) or 'gene' (term -> gene) in "
          "column 3, found '" +
          std::string(type) + "'");
    }
    if (!lines_seen.insert(table_fields::tuple_key(parent, child, type)).second) {
      ++repeated_lines;
      continue;
    }
    const SourceLocation location{path, reader.line_number()};
    declare(parent, location);
    if (type == kTermEdge) {
      declare(child, location);
      records.edges.push_back({std::string(child), std::string(parent), "default", location});
    } else {
      records.annotations.push_back({std::string(parent), std::string(child), location});
    }
  }
  if (lines_seen.empty()) {
    throw InputError(path, 0, "expected at least one parent<TAB>child<TAB>type line, found none");
  }
  if (repeated_lines > 0) records.dropped["duplicate lines"] += repeated_lines;
  return records;
}

}  // namespace ontonet
