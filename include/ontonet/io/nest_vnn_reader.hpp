// Reads the input files of DrugCell and NeST-VNN: `index<TAB>name` lists (cell2ind, gene2ind,
// drug2ind), headerless comma-separated cell x gene matrices, one per input channel (mutation,
// copy-number deletion, copy-number amplification), drug-response tables and drug fingerprints.
//
// The channels of a cell become one SampleMatrix whose features are gene-major: feature
// g * n_channels + c is gene g in channel c, named "GENE:channel" (e.g. "TP53:mutation"), so the
// channels of one gene are adjacent, as a gene's input neurons are in NeST-VNN. See
// docs/formats/nest_vnn.md.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/ontology_records.hpp"
#include "ontonet/io/sample_matrix.hpp"

namespace ontonet {

// The names of an `index<TAB>name` file in index order. Throws InputError unless every line has two
// tab-separated fields, the indices are exactly 0 .. n-1 (any order; a repeated index names both
// lines, a gap names the missing index) and the names are unique.
std::vector<std::string> read_index_file(const std::string& path);

struct NestVnnChannel {
  std::string name;  // the feature-name suffix, e.g. "mutation"
  std::string path;  // the cell x gene matrix, e.g. ".../cell2mutation.txt"
};

// The channels NeST-VNN uses, in its order: mutation, cndeletion, cnamplification, at
// `folder`/cell2<name>.txt.
std::vector<NestVnnChannel> nest_vnn_channels(const std::string& folder);

// One row per cell of `cell2ind_path`, features gene-major over `channels` (see above). Each
// channel file must have exactly one row per cell and one comma-separated number per gene (errors
// state expected and actual counts with the line); numbers may be any finite value, missing values
// are refused.
SampleMatrix read_cell_features(const std::string& cell2ind_path, const std::string& gene2ind_path,
                                const std::vector<NestVnnChannel>& channels);

struct DrugResponse {
  std::string cell;
  std::string drug;  // SMILES in DrugCell and NeST-VNN, a drug name in external cohorts
  float response = 0.0f;
  std::string source;  // 4th column (GDSC1, GDSC2, a cohort name); empty when absent
  SourceLocation location;
};

// `cell<TAB>drug<TAB>response[<TAB>source]`, no header. Every line must have 3 or 4 fields and a
// numeric response.
std::vector<DrugResponse> read_drug_responses(const std::string& path);

// Drug fingerprints: row i of `fingerprint_path` (comma-separated numbers, usually 0/1 bits) is
// drug i of `drug2ind_path`. Samples are the drugs' names from drug2ind; features are "bit0",
// "bit1", ... . Every row must have the width of the first.
SampleMatrix read_drug_fingerprints(const std::string& drug2ind_path,
                                    const std::string& fingerprint_path);

}  // namespace ontonet
