// The stanzas of an OBO file as written, before read_obo applies its filters (obsolete terms,
// namespace, selected relations). Internal to the io stage: parse_obo_stanzas checks the syntax,
// read_obo decides what to keep.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

// One [Term] stanza. term.location is the line of its [Term] header; term.name_space is already
// the file's default-namespace when the stanza has no namespace tag.
struct TermStanza {
  TermRecord term;
  std::size_t id_line = 0;
  bool obsolete = false;
  bool names_replacement = false;  // has a replaced_by or consider tag
};

// One is_a or relationship line; `child` indexes OboStanzas::terms.
struct EdgeLine {
  std::size_t child = 0;
  std::string parent;
  std::string relation;  // "is_a" for is_a tags
  std::size_t line = 0;
};

struct OboStanzas {
  std::vector<TermStanza> terms;
  std::vector<EdgeLine> edges;
  std::unordered_map<std::string, std::size_t> term_index;  // term id -> index in terms
  std::unordered_set<std::string> typedef_ids;              // relations the file declares
  std::map<std::string, std::size_t> relationship_lines;    // relation -> relationship lines
  std::map<std::string, std::size_t> skipped_stanzas;       // unknown stanza type -> count
};

// Reads every stanza of the OBO file at `path`. Throws InputError at the offending line for a tag
// line without ':', an unclosed stanza header, a [Term] without id (reported at its header), an
// empty or repeated id, name or namespace, an is_a or relationship without a target, an
// is_obsolete value other than true/false, and a term id that an earlier stanza already declared.
OboStanzas parse_obo_stanzas(const std::string& path);

}  // namespace ontonet
