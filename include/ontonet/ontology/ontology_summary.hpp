// What an ontology looks like after building and filtering, in numbers a user can check at a
// glance (and that a run folder keeps as JSON): its size, its edges by relation, its roots, how
// tall it is, its largest terms, and everything dropped on the way with the reason.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/ontology/ontology.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/ontology/ontology_filter.hpp"

namespace ontonet {

struct TermSize {
  std::string id;
  std::string name;
  std::size_t n_genes = 0;  // true-path
};

struct OntologySummary {
  std::size_t n_terms = 0;
  std::size_t n_genes = 0;  // genes with at least one direct annotation
  std::size_t n_direct_annotations = 0;
  std::map<std::string, std::size_t> edges_by_relation;
  std::vector<std::string> roots;
  std::vector<std::size_t> height_histogram;  // [h] = number of terms of height h
  std::vector<TermSize> largest_terms;        // up to kLargestTermsShown, largest first
  // Build and filter counts together, keyed by a phrase completing "N ... dropped".
  std::map<std::string, std::size_t> dropped;
  std::vector<std::string> notes;
};

inline constexpr std::size_t kLargestTermsShown = 10;

// `filter_report` may be null when no filter was applied.
OntologySummary summarize(const Ontology& ontology, const BuildReport& build_report,
                          const FilterReport* filter_report);

// Keys are the field names above; largest_terms is a list of {id, name, n_genes} objects.
nlohmann::json to_json(const OntologySummary& summary);

}  // namespace ontonet
