// The command-line options that say which ontology to read and how to filter it, shared by every
// subcommand that reads one (inspect, build), so each reads files the same way.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ontonet/ontology/load_ontology.hpp"

namespace ontonet::cli {

struct OntologyArguments {
  OntologyFiles files;
  std::string format;
  std::string annotation_format;
  OntologyReadOptions read;
  std::string gene_key = "symbol";
  OntologyBuildOptions build;
  std::string genes_file;
  std::size_t min_genes = 0;
  std::size_t max_genes = 0;  // 0: no upper bound
  bool collapse_redundant = false;
  bool keep_empty = false;
};

// Adds the ONTOLOGY positional and the Input, Reading, Validation and Filters option groups.
void add_ontology_options(CLI::App& command, OntologyArguments& args);

// The filters the options ask for (gene universe, term sizes, redundancy, empty terms).
OntologyFilter make_filter(const OntologyArguments& args);

// Reads, validates and filters the ontology the options name.
LoadedOntology load_ontology_from(const OntologyArguments& args);

// Writes the ontology's term DAG, or with a non-empty `term` that term's sub-DAG, as Graphviz DOT.
void write_ontology_dot(const std::string& path, const Ontology& ontology, const std::string& term);

}  // namespace ontonet::cli
