// The counts of an InputMapReport that follow from the finished map alone, shared by the builders.
#pragma once

#include "ontonet/network/input_map_builders.hpp"

namespace ontonet {

// Sorts and de-duplicates every feature's gene list, adding the repeats removed to
// report.n_repeated_pairs, then fills the feature, connection and gene counts of `report`.
void finish_input_map(InputMap& map, InputMapReport& report);

}  // namespace ontonet
