// Quoting input text inside error messages without copying a whole 1 MB line into them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ontonet {

// `text` in single quotes, cut to about `max_bytes` (at a UTF-8 character boundary) with "...".
inline std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 60) {
  if (text.size() <= max_bytes) return "'" + std::string(text) + "'";
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return "'" + std::string(text.substr(0, end)) + "...'";
}

}  // namespace ontonet
