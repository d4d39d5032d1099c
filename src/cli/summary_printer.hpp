// Prints an ontology summary for a person at a terminal: the numbers first, then one line per
// class of dropped items, so nothing is ever dropped without a word.
#pragma once

#include <ostream>

#include "ontonet/ontology/load_ontology.hpp"
#include "ontonet/ontology/ontology_summary.hpp"

namespace ontonet::cli {

void print_summary(std::ostream& out, const OntologySummary& summary, const LoadedOntology& loaded);

}  // namespace ontonet::cli
