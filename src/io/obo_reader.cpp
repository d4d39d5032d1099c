#include "ontonet/io/obo_reader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "obo_stanzas.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// Relations a file may use without a [Typedef] stanza: those of the Gene Ontology and the Relation
// Ontology that OBO exports commonly carry.
// clang-format off
constexpr std::string_view kStandardRelations[] = {
    "is_a", "part_of", "has_part", "located_in", "overlaps", "adjacent_to",
    "regulates", "positively_regulates", "negatively_regulates",
    "occurs_in", "happens_during", "starts_during", "ends_during",
    "capable_of", "capable_of_part_of", "has_input", "has_output", "has_participant",
    "derives_from", "develops_from"};
// clang-format on

enum class TermFate { kKept, kObsolete, kOutsideNamespace };

bool is_standard_relation(std::string_view relation) {
  return std::find(std::begin(kStandardRelations), std::end(kStandardRelations), relation) !=
         std::end(kStandardRelations);
}

std::string joined(const std::set<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

std::vector<TermFate> decide_term_fates(const OboStanzas& stanzas, const OboOptions& options,
                                        const std::string& path) {
  std::vector<TermFate> fates;
  fates.reserve(stanzas.terms.size());
  std::set<std::string> live_namespaces;
  for (const TermStanza& stanza : stanzas.terms) {
    if (stanza.obsolete) {
      fates.push_back(TermFate::kObsolete);
      continue;
    }
    live_namespaces.insert(stanza.term.name_space);
    const bool in_namespace =
        options.name_space.empty() || stanza.term.name_space == options.name_space;
    fates.push_back(in_namespace ? TermFate::kKept : TermFate::kOutsideNamespace);
  }
  if (!options.name_space.empty() && live_namespaces.count(options.name_space) == 0) {
    live_namespaces.erase("");
    throw InputError(path, 0,
                     "expected at least one live term in namespace '" + options.name_space +
                         "'; the file's namespaces are: " + joined(live_namespaces));
  }
  return fates;
}

void keep_terms(OboStanzas& stanzas, const std::vector<TermFate>& fates, const OboOptions& options,
                OntologyRecords& records) {
  std::size_t obsolete = 0, outside = 0, replaced = 0;
  for (std::size_t i = 0; i < stanzas.terms.size(); ++i) {
    switch (fates[i]) {
      case TermFate::kKept:
        records.terms.push_back(std::move(stanzas.terms[i].term));
        break;
      case TermFate::kObsolete:
        ++obsolete;
        if (stanzas.terms[i].names_replacement) ++replaced;
        break;
      case TermFate::kOutsideNamespace:
        ++outside;
        break;
    }
  }
  if (obsolete > 0) records.dropped["obsolete terms"] = obsolete;
  if (outside > 0) records.dropped["terms outside namespace " + options.name_space] = outside;
  if (replaced > 0) {
    records.notes.push_back(std::to_string(replaced) +
                            " obsolete terms name a replacement (replaced_by/consider); they are "
                            "dropped like every obsolete term, not replaced");
  }
}

void keep_edges(OboStanzas& stanzas, const std::vector<TermFate>& fates, const OboOptions& options,
                const std::string& path, OntologyRecords& records) {
  const std::set<std::string, std::less<>> selected(options.edge_relations.begin(),
                                                    options.edge_relations.end());
  std::map<std::string, std::size_t> unselected;  // known relation -> edges dropped
  std::size_t to_obsolete = 0, to_outside = 0;
  for (EdgeLine& edge : stanzas.edges) {
    if (fates[edge.child] != TermFate::kKept) continue;  // went with its term
    if (selected.count(edge.relation) == 0) {
      if (is_standard_relation(edge.relation) || stanzas.typedef_ids.count(edge.relation) > 0) {
        ++unselected[edge.relation];
      }
      continue;
    }
    const auto parent = stanzas.term_index.find(edge.parent);
    if (parent != stanzas.term_index.end()) {  // undeclared parents are the ontology stage's call
      const TermFate parent_fate = fates[parent->second];
      if (parent_fate == TermFate::kObsolete) {
        ++to_obsolete;
        continue;
      }
      if (parent_fate == TermFate::kOutsideNamespace) {
        ++to_outside;
        continue;
      }
    }
    records.edges.push_back(EdgeRecord{stanzas.terms[edge.child].term.id,
                                       std::move(edge.parent),
                                       std::move(edge.relation),
                                       {path, edge.line}});
  }
  for (const auto& [relation, count] : unselected) {
    records.dropped[relation + " edges (relation not selected)"] = count;
  }
  if (to_obsolete > 0) records.dropped["edges to obsolete terms"] = to_obsolete;
  if (to_outside > 0) {
    records.dropped["edges to terms outside namespace " + options.name_space] = to_outside;
  }
  for (const auto& [relation, lines] : stanzas.relationship_lines) {
    if (selected.count(relation) > 0 || is_standard_relation(relation) ||
        stanzas.typedef_ids.count(relation) > 0) {
      continue;
    }
    records.notes.push_back("unknown relation '" + relation + "' ignored on " +
                            std::to_string(lines) + (lines == 1 ? " line" : " lines"));
  }
}

}  // namespace

OntologyRecords read_obo(const std::string& path, const OboOptions& options) {
  OboStanzas stanzas = parse_obo_stanzas(path);
  if (stanzas.terms.empty()) throw InputError(path, 0, "expected at least one [Term] stanza");
  const std::vector<TermFate> fates = decide_term_fates(stanzas, options, path);
  OntologyRecords records;
  keep_edges(stanzas, fates, options, path, records);  // before keep_terms moves the ids away
  keep_terms(stanzas, fates, options, records);
  for (const auto& [type, count] : stanzas.skipped_stanzas) {
    records.notes.push_back(std::to_string(count) + " [" + type +
                            "] stanzas skipped (not a stanza type of OBO 1.4)");
  }
  return records;
}

}  // namespace ontonet
