// What every ontology and annotation reader produces: the terms, edges and annotations exactly as
// the files state them, each with the file and line it came from, plus a count of everything the
// reader dropped and why. Building and validating the term DAG from these records is the job of
// the ontology stage; readers only parse.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ontonet {

struct SourceLocation {
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when the record has no single line
};

struct TermRecord {
  std::string id;
  std::string name;        // empty when the format has no names
  std::string name_space;  // OBO namespace; empty elsewhere
  std::vector<std::string> alt_ids;
  SourceLocation location;
};

// "child <relation> parent": the child term is more specific than the parent term.
struct EdgeRecord {
  std::string child;
  std::string parent;
  std::string relation;  // "is_a", "part_of", "regulates", ... ; "default" for formats without types
  SourceLocation location;
};

// The gene is annotated directly to the term.
struct AnnotationRecord {
  std::string term;
  std::string gene;
  SourceLocation location;
};

struct OntologyRecords {
  // Terms that a file declares. Formats that name terms only through edges (DrugCell, GenNet)
  // declare every term they mention.
  std::vector<TermRecord> terms;
  std::vector<EdgeRecord> edges;
  std::vector<AnnotationRecord> annotations;
  // Items left out on purpose, keyed by a phrase that completes "N ... dropped", e.g.
  // "obsolete terms", "annotations with excluded evidence code IEA", "NOT-qualified annotations".
  std::map<std::string, std::size_t> dropped;
  // Things the user should know that are not errors, e.g. "unknown relation 'foo' ignored (12 lines)".
  std::vector<std::string> notes;

  // Appends `other` to this set of records (used when annotations come from a second file).
  void merge(OntologyRecords other);
};

}  // namespace ontonet
