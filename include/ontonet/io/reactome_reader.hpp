// Reads Reactome's pathway hierarchy for one species from the three files Reactome publishes: the
// relations (`parent<TAB>child`, all species), the pathway names (`id<TAB>name<TAB>species`) and
// the gene sets, either as GMT (`name<TAB>stable ID<TAB>genes...`) or as UniProt2Reactome
// (`uniprot<TAB>pathway ID<TAB>URL<TAB>pathway name<TAB>evidence<TAB>species`). The names file
// decides which pathways belong to the species; relations and gene sets of anything else are
// dropped and counted, because the relation file and the GMT are routinely of different releases.
#pragma once

#include <string>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

struct ReactomeFiles {
  std::string relations;  // ReactomePathwaysRelation.txt
  std::string names;      // ReactomePathways.txt
  std::string gene_sets;  // ReactomePathways.gmt or UniProt2Reactome.txt
};

struct ReactomeOptions {
  // As spelled in column 3 of the names file. The ID prefix of that species' pathways (R-HSA for
  // Homo sapiens) tells which dropped relations and gene sets belong to the species but are
  // missing from the names file.
  std::string species = "Homo sapiens";
};

// Declares every pathway of the species in the names file as a term (with its name), keeps the
// relations whose two ends are such pathways (relation "default"), and annotates the genes of their
// gene sets. The gene-set format is detected from the first line: 6 or more columns with a URL in
// column 3 means UniProt2Reactome, anything else GMT keyed by column 2. Pathways of the species
// without a gene set are kept and reported in a note (the ontology stage prunes them as empty).
// Throws InputError for malformed lines (wrong column count, empty field, an ID that is not a
// Reactome stable ID), a pathway ID listed twice in the names file (naming both lines), a species
// absent from the names file, or gene sets none of which belong to the species' pathways.
OntologyRecords read_reactome(const ReactomeFiles& files, const ReactomeOptions& options = {});

}  // namespace ontonet
