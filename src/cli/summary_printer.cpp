#include "summary_printer.hpp"

#include <iomanip>

namespace ontonet::cli {

namespace {

constexpr std::size_t kRootsListed = 10;

void print_roots(std::ostream& out, const OntologySummary& summary, const Ontology& ontology) {
  out << "roots        " << summary.roots.size() << "\n";
  for (std::size_t i = 0; i < summary.roots.size() && i < kRootsListed; ++i) {
    const auto root = ontology.find_term(summary.roots[i]);
    out << "             " << summary.roots[i];
    if (root && !ontology.term(*root).name.empty()) out << "  " << ontology.term(*root).name;
    out << "\n";
  }
  if (summary.roots.size() > kRootsListed) {
    out << "             ... and " << summary.roots.size() - kRootsListed
        << " more (--join-roots joins them under one root)\n";
  }
}

}  // namespace

void print_summary(std::ostream& out, const OntologySummary& summary,
                   const LoadedOntology& loaded) {
  out << "format       " << format_name(loaded.format) << "\n";
  out << "terms        " << summary.n_terms << "\n";
  out << "genes        " << summary.n_genes << " annotated (" << summary.n_direct_annotations
      << " direct annotations)\n";
  if (!loaded.input_map.empty()) {
    out << "inputs       " << loaded.input_map.size() << " input-to-gene links (GenNet layer 0)\n";
  }
  std::size_t n_edges = 0;
  for (const auto& [relation, count] : summary.edges_by_relation) n_edges += count;
  out << "edges        " << n_edges;
  const char* separator = ": ";
  for (const auto& [relation, count] : summary.edges_by_relation) {
    out << separator << relation << " " << count;
    separator = ", ";
  }
  out << "\n";
  print_roots(out, summary, loaded.ontology);
  out << "heights      terms per height (0 = leaf)\n";
  for (std::size_t h = 0; h < summary.height_histogram.size(); ++h) {
    out << "  " << std::setw(4) << h << "  " << summary.height_histogram[h] << "\n";
  }
  if (!summary.largest_terms.empty()) {
    out << "largest terms (genes, true path)\n";
    for (const TermSize& term : summary.largest_terms) {
      out << "  " << std::setw(7) << term.n_genes << "  " << term.id << "  " << term.name << "\n";
    }
  }
  for (const std::string& note : summary.notes) out << "note: " << note << "\n";
  for (const auto& [what, count] : summary.dropped) {
    out << "dropped: " << count << " " << what << " dropped\n";
  }
  if (summary.dropped.empty()) out << "dropped: nothing\n";
}

}  // namespace ontonet::cli
