#include "ontonet/io/ontology_records.hpp"

#include <iterator>

namespace ontonet {

void OntologyRecords::merge(OntologyRecords other) {
  auto append = [](auto& into, auto& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
  };
  append(terms, other.terms);
  append(edges, other.edges);
  append(annotations, other.annotations);
  append(notes, other.notes);
  for (const auto& [what, count] : other.dropped) dropped[what] += count;
}

}  // namespace ontonet
