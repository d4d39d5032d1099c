// Small builders for OntologyRecords written inline in tests: terms, edges and annotations with a
// made-up file name and the line number each record would have had.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet::test {

inline constexpr const char* kHandMadeFile = "hand.obo";

inline TermRecord term_at(const std::string& id, std::size_t line, const std::string& name = "") {
  TermRecord record;
  record.id = id;
  record.name = name;
  record.location = {kHandMadeFile, line};
  return record;
}

inline EdgeRecord edge_at(const std::string& child, const std::string& parent, std::size_t line,
                          const std::string& relation = "is_a") {
  return EdgeRecord{child, parent, relation, {kHandMadeFile, line}};
}

inline AnnotationRecord annotation_at(const std::string& term, const std::string& gene,
                                      std::size_t line = 0) {
  return AnnotationRecord{term, gene, {"hand.gaf", line}};
}

// Declares `ids` as terms on lines 1, 2, ... and adds `edges` as "child parent" pairs on the
// lines after them.
inline OntologyRecords dag_records(const std::vector<std::string>& ids,
                                   const std::vector<std::pair<std::string, std::string>>& edges) {
  OntologyRecords records;
  std::size_t line = 1;
  for (const std::string& id : ids) records.terms.push_back(term_at(id, line++));
  for (const auto& [child, parent] : edges) records.edges.push_back(edge_at(child, parent, line++));
  return records;
}

}  // namespace ontonet::test
