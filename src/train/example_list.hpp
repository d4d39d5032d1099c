// Names a few items of a longer list in a message: "'a', 'b', 'c'" or "'a', 'b' and 3 more", so
// that a count in a note or an error always comes with examples the user can look up.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ontonet {

inline constexpr std::size_t kExampleCount = 5;

// `examples` are the first items of a list of `total` (>= examples.size()) items.
inline std::string example_list(const std::vector<std::string>& examples, std::size_t total) {
  std::string text;
  for (std::size_t i = 0; i < examples.size() && i < kExampleCount; ++i) {
    text += (i == 0 ? "'" : ", '") + examples[i] + "'";
  }
  const std::size_t shown = examples.size() < kExampleCount ? examples.size() : kExampleCount;
  if (total > shown) text += " and " + std::to_string(total - shown) + " more";
  return text;
}

}  // namespace ontonet
