// Reads a feature-to-gene table, the explicit wiring of a data set's columns (SNPs, CpG sites,
// probes) to genes: `feature<TAB>gene`, one pair per line, a feature on as many lines as it has
// genes; an optional header on the first line, `#` comments and blank lines skipped; plain text or
// gzip. The network stage turns the pairs into an input map (input_map_builders.hpp). Format:
// docs/formats/input_maps.md.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/input_map_records.hpp"

namespace ontonet {

// One record per pair, in file order. Throws InputError naming the file and line for a line
// without exactly two columns or with an empty feature or gene.
std::vector<InputMapRecord> read_feature_gene_table(const std::string& path);

}  // namespace ontonet
