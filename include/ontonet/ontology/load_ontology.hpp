// Reads an ontology and its annotation files in any supported format, builds the validated
// Ontology and applies the user's filters, keeping every count of what was dropped on the way.
// This is the one entry point the commands use, so `inspect`, `build` and `train` read files the
// same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ontonet/io/format_detection.hpp"
#include "ontonet/io/gaf_reader.hpp"
#include "ontonet/io/gmt_reader.hpp"
#include "ontonet/io/input_map_records.hpp"
#include "ontonet/io/obo_reader.hpp"
#include "ontonet/io/reactome_reader.hpp"
#include "ontonet/ontology/ontology.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/ontology/ontology_filter.hpp"

namespace ontonet {

struct OntologyFiles {
  // The term hierarchy: OBO, a parent/child/type table, Reactome relations, a GenNet topology, or a
  // flat GMT / gene-term table (each set becomes a term without parents).
  std::string ontology;
  std::optional<FileFormat> format;  // detected from the file when absent
  // Gene annotations to the ontology's terms: GAF, GMT or gene-term tables. With Reactome, the
  // first one is the gene-set file (GMT or UniProt2Reactome) the Reactome reader joins.
  std::vector<std::string> annotations;
  std::optional<FileFormat> annotation_format;  // detected per file when absent
  std::string reactome_names;  // ReactomePathways.txt; required with the Reactome format
};

struct OntologyReadOptions {
  OboOptions obo;
  GafOptions gaf;
  GmtOptions gmt;
  ReactomeOptions reactome;
};

struct LoadedOntology {
  Ontology ontology;
  FileFormat format = FileFormat::kObo;
  BuildReport build_report;
  FilterReport filter_report;
  // GenNet topologies also map input features (SNPs) to genes; empty for other formats.
  std::vector<InputMapRecord> input_map;
};

// Throws InputError for unreadable or invalid files and ConfigError for a combination that cannot
// work (e.g. Reactome without its names file).
LoadedOntology load_ontology(const OntologyFiles& files, const OntologyReadOptions& read_options,
                             const OntologyBuildOptions& build_options,
                             const OntologyFilter& filter);

}  // namespace ontonet
