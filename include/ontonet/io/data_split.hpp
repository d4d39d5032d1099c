// Which part of a data set a sample belongs to. Files that carry a split column use either the
// names (train, validation, test) or GenNet's numbers (1, 2, 3).
#pragma once

#include <optional>
#include <string_view>

namespace ontonet {

enum class DataSplit { kTrain = 1, kValidation = 2, kTest = 3 };

// Parses "1"/"train", "2"/"validation"/"val", "3"/"test" (names in any letter case); nullopt for
// anything else.
std::optional<DataSplit> parse_data_split(std::string_view text);

}  // namespace ontonet
