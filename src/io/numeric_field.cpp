#include "numeric_field.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace ontonet::numeric_field {

namespace {

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
  }
  return true;
}

std::string_view without_plus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  return text;
}

template <typename Number>
bool parse_whole(std::string_view text, Number& value) {
  text = without_plus(text);
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  return result.ec == std::errc() && result.ptr == end;
}

}  // namespace

bool is_missing(std::string_view text) {
  return text.empty() || equals_ignoring_case(text, "na") || equals_ignoring_case(text, "n/a") ||
         equals_ignoring_case(text, "nan") || equals_ignoring_case(text, "null");
}

bool parse_float(std::string_view text, float& value) {
  return parse_whole(text, value) && std::isfinite(value);
}
bool parse_double(std::string_view text, double& value) {
  return parse_whole(text, value) && std::isfinite(value);
}
bool parse_int64(std::string_view text, std::int64_t& value) { return parse_whole(text, value); }

}  // namespace ontonet::numeric_field
