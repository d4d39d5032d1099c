// How the columns of a data matrix feed the genes of a network: for each input feature (a SNP, or a
// gene's mutation / deletion / amplification channel, or a gene's expression), the genes it feeds.
// A network compiler turns this into the first layer's wiring. Builders of input maps (from a
// table, from PLINK .bim positions against gene ranges, one feature per gene and channel) live in
// input_map_builders.hpp.
#pragma once

#include <string>
#include <vector>

namespace ontonet {

struct InputMap {
  // One per input column of the data, in the data's column order.
  std::vector<std::string> feature_ids;
  // feature_genes[f]: the gene symbols feature f feeds, sorted, without repeats; may be empty (a
  // SNP outside every gene window), in which case the feature feeds nothing.
  std::vector<std::vector<std::string>> feature_genes;
};

}  // namespace ontonet
