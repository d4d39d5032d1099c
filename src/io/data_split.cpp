#include "ontonet/io/data_split.hpp"

#include <cctype>
#include <string>

namespace ontonet {

std::optional<DataSplit> parse_data_split(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "1" || lower == "train") return DataSplit::kTrain;
  if (lower == "2" || lower == "validation" || lower == "val") return DataSplit::kValidation;
  if (lower == "3" || lower == "test") return DataSplit::kTest;
  return std::nullopt;
}

}  // namespace ontonet
