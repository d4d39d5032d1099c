#include "ontonet/ontology/ontology_summary.hpp"

#include <algorithm>

#include "ontonet/ontology/layering.hpp"

namespace ontonet {

OntologySummary summarize(const Ontology& ontology, const BuildReport& build_report,
                          const FilterReport* filter_report) {
  OntologySummary summary;
  summary.n_terms = ontology.n_terms();
  std::vector<bool> annotated(ontology.n_genes(), false);
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
    for (const GeneIndex gene : ontology.direct_genes(term)) annotated[gene] = true;
  }
  summary.n_genes = static_cast<std::size_t>(std::count(annotated.begin(), annotated.end(), true));
  summary.n_direct_annotations = ontology.n_direct_annotations();
  summary.edges_by_relation = ontology.edge_counts_by_relation();
  for (const TermIndex root : ontology.roots()) summary.roots.push_back(ontology.term(root).id);
  summary.height_histogram = height_histogram(ontology.heights());

  std::vector<TermIndex> by_size(ontology.n_terms());
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) by_size[term] = term;
  const std::size_t n_shown = std::min(kLargestTermsShown, by_size.size());
  // Ties go to the lower index, so the list does not depend on the sort implementation.
  std::partial_sort(by_size.begin(), by_size.begin() + static_cast<std::ptrdiff_t>(n_shown),
                    by_size.end(), [&](TermIndex a, TermIndex b) {
                      const std::size_t size_a = ontology.genes(a).size();
                      const std::size_t size_b = ontology.genes(b).size();
                      return size_a != size_b ? size_a > size_b : a < b;
                    });
  for (std::size_t i = 0; i < n_shown; ++i) {
    const Term& term = ontology.term(by_size[i]);
    summary.largest_terms.push_back(
        TermSize{term.id, term.name, ontology.genes(by_size[i]).size()});
  }

  summary.dropped = build_report.dropped;
  summary.notes = build_report.notes;
  if (filter_report != nullptr) {
    for (const auto& [what, count] : filter_report->dropped) summary.dropped[what] += count;
    summary.notes.insert(summary.notes.end(), filter_report->notes.begin(),
                         filter_report->notes.end());
  }
  return summary;
}

nlohmann::json to_json(const OntologySummary& summary) {
  nlohmann::json largest = nlohmann::json::array();
  for (const TermSize& term : summary.largest_terms) {
    largest.push_back({{"id", term.id}, {"name", term.name}, {"n_genes", term.n_genes}});
  }
  return {{"n_terms", summary.n_terms},
          {"n_genes", summary.n_genes},
          {"n_direct_annotations", summary.n_direct_annotations},
          {"edges_by_relation", summary.edges_by_relation},
          {"roots", summary.roots},
          {"height_histogram", summary.height_histogram},
          {"largest_terms", largest},
          {"dropped", summary.dropped},
          {"notes", summary.notes}};
}

}  // namespace ontonet
