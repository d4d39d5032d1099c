// Reads a GenNet topology file: comma-separated with a header
// `chr,layer0_node,layer0_name,layer1_node,layer1_name[,layer2_node,layer2_name ...]`, one row per
// input feature and path through the layers. Layer 0 holds the inputs (SNPs), layer 1 the genes,
// layers 2 and up the terms (pathways, ...). Every row repeats the pairs it passes through, so the
// records are de-duplicated. Files in the wild may start with an unnamed index column and pad
// names with spaces; both are accepted (columns are found by header name, fields are trimmed).
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/input_map_records.hpp"
#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

struct GenNetTopology {
  // Terms of layers 2 and up, annotations gene (layer 1) -> term (layer 2), edges layer k -> k+1
  // for k >= 2 with relation "default". Empty when the file has only layers 0 and 1.
  OntologyRecords ontology;
  std::vector<InputMapRecord> inputs;  // layer 0 -> layer 1
  int n_layers = 0;                    // layers in the header, counting layer 0
  // The layer-0 name of each layer0_node index: GenNet's index is the input's column in the
  // genotype matrix, so this names the data's columns. Indices the file never uses hold "".
  std::vector<std::string> input_names;
};

// Requires a readable text file (plain or gzip) with a header naming layer0 and layer1 and at
// least one row. Throws InputError for a header missing a layerK_node or layerK_name column (or
// with a gap between layers, or a column named twice), a row whose column count differs from the
// header, a node index that is not a non-negative integer, an empty name, or a node index paired
// with two names (or a name with two node indices) within a layer, naming both lines, and for a
// layer0_node index above 2^26 - 1 (which input_names could not hold).
GenNetTopology read_gennet_topology(const std::string& path);

}  // namespace ontonet
