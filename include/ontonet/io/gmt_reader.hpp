// Reads gene sets in GMT format (MSigDB, Reactome, Enrichr): one set per line,
// `name<TAB>description<TAB>gene<TAB>gene...`. Each set becomes a term and each of its genes an
// annotation to that term. Which column identifies the set differs between sources: MSigDB keys
// sets by name (the description is a URL), Reactome puts its stable ID (R-HSA-164843) in the
// description column, so the key column is an option.
#pragma once

#include <string>
#include <string_view>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

enum class GmtTermKey {
  kName,         // column 1 is the term ID; the term has no name
  kDescription,  // column 2 is the term ID; column 1 becomes the term's name
  kAuto,         // kDescription when every set's column 2 is a Reactome stable ID, else kName
};

struct GmtOptions {
  GmtTermKey term_key = GmtTermKey::kAuto;
};

// Requires a readable text file (plain or gzip) with at least one gene set. Blank lines are
// skipped; empty gene fields (trailing tabs) are ignored; a gene repeated within a set is kept once
// and counted. A set without genes is dropped, counted and named in a note. Throws InputError for a
// line with fewer than 2 columns, an empty set ID, or a set ID that an earlier line already used
// (the message names both lines).
OntologyRecords read_gmt(const std::string& path, const GmtOptions& options = {});

// True for a Reactome stable ID: "R-", three capital letters (the species), "-", digits.
bool is_reactome_stable_id(std::string_view text);

}  // namespace ontonet
