// The files of a simulation folder (docs/formats/simulation.md), each written to a temporary name
// and renamed into place:
//   data.tsv         samples x genes (docs/formats/delimited_matrix.md), header `sample, genes...`
//   phenotypes.tsv   sample, phenotype (regression: the liability; binary: 0/1), and for binary
//                    the liability
//   truth.json       the options, the causal terms and genes, the signal's summands and scale,
//                    the realized variances
//   truth_genes.tsv  every gene: causal 0/1, effect, beta, causal term, block term (, maf)
//   truth_terms.tsv  every term: causal 0/1, effect, genes, causal genes it holds, name
// Numbers in data.tsv and phenotypes.tsv are the shortest decimals that read back as the same
// float32 (the values the readers store); in the truth tables the shortest that read back as the
// same double. Same simulation, same bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ontonet/ontology/ontology.hpp"
#include "ontonet/simulate/simulation.hpp"

namespace ontonet {

// Creates `folder` (and its parents) if needed and writes the five files. `provenance` is stored
// as truth.json's "ontology" (what was read and how; the command line passes its options). Throws
// InputError naming the folder or a file that cannot be written.
void write_simulation(const std::string& folder, const Ontology& ontology,
                      const Simulation& simulation, const nlohmann::json& provenance);

// The content of truth.json.
nlohmann::json simulation_truth_json(const Ontology& ontology, const Simulation& simulation,
                                     const nlohmann::json& provenance);

}  // namespace ontonet
