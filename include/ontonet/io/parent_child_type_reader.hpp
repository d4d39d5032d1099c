// Reads the three-column ontology file of DrugCell and NeST-VNN, `parent<TAB>child<TAB>type`, no
// header. Type `default` makes the child a subterm of the parent (an edge with relation
// "default"); type `gene` annotates the child, a gene, directly to the parent term. The format has
// no term declarations, so every term it mentions (a parent, or the child of a `default` line) is
// declared once, at the line where it first appears.
#pragma once

#include <string>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

// Requires a readable text file (plain or gzip) with at least one line. Blank lines are skipped; a
// line repeated exactly is kept once and counted as a duplicate line. Throws InputError for a line
// without exactly 3 columns, with an empty field, or with a type other than `default` or `gene`.
OntologyRecords read_parent_child_type(const std::string& path);

}  // namespace ontonet
