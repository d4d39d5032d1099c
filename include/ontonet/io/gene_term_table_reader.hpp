// Reads a plain two-column annotation table, `gene<TAB>term`, one annotation per line: the
// simplest way to attach genes to the terms of an ontology that comes from another file. An
// optional first line `gene<TAB>term` is recognised as a header; lines starting with `#` are
// comments.
#pragma once

#include <string>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

struct GeneTermTableOptions {
  // Declare every term the table mentions (once, at its first line). Off by default: the terms
  // normally come from the ontology file and an unknown term there should stay an error.
  bool declare_terms = false;
};

// Requires a readable text file (plain or gzip) with at least one annotation. Blank lines and
// comments are skipped; a repeated gene-term pair is kept once and counted. Throws InputError for a
// line without exactly 2 columns or with an empty gene or term.
OntologyRecords read_gene_term_table(const std::string& path,
                                     const GeneTermTableOptions& options = {});

}  // namespace ontonet
