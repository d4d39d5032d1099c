// Reads an ontology in the OBO 1.2/1.4 flat-file format (as the Gene Ontology distributes go.obo)
// into OntologyRecords: one TermRecord per live [Term] stanza of the chosen namespace and one
// EdgeRecord per is_a or selected `relationship:` line, each with the line it came from. Obsolete
// terms, terms outside the namespace and edges of relations not selected are left out and counted
// in OntologyRecords::dropped; [Typedef] and [Instance] stanzas are skipped. Dangling parents and
// cycles are not checked here: that is the ontology stage's job. See docs/formats/obo.md.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

struct OboOptions {
  // Relations that become edges; "is_a" stands for the is_a tag, the rest for `relationship:`
  // lines.
  std::vector<std::string> edge_relations{"is_a", "part_of"};
  // Keep only terms of this namespace (e.g. "biological_process"); empty keeps every namespace.
  std::string name_space;
};

// Requires: `path` names a plain or gzip-compressed OBO file.
// Ensures: terms hold live terms of the chosen namespace, in file order, located at their [Term]
// header line; edges hold every selected edge whose child is such a term, located at its tag line.
// Throws InputError ("path:line: expected ...") on malformed input, a term id declared twice, a
// file without any [Term] stanza, or a namespace that no live term has.
OntologyRecords read_obo(const std::string& path, const OboOptions& options = {});

}  // namespace ontonet
