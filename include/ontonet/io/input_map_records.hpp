// One input feature (a SNP, a CpG site, ...) wired to one gene: the connections of a network's
// first layer, as an input-map file states them. GenNet topology files and SNP-to-gene tables both
// produce these; the network stage turns them into the input-to-gene mask.
#pragma once

#include <string>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

struct InputMapRecord {
  std::string input;
  std::string gene;
  SourceLocation location;
};

}  // namespace ontonet
