// Number parsing shared by the data readers. Every parse covers the whole field (no trailing
// garbage) and uses std::from_chars, so it ignores the locale and never allocates.
#pragma once

#include <cstdint>
#include <string_view>

namespace ontonet::numeric_field {

// True for the spellings of "no value" that the data readers accept: the empty string, NA, N/A,
// NaN, nan and null (letter case ignored). `text` should already be trimmed.
bool is_missing(std::string_view text);

// Each returns false, leaving `value` unspecified, unless all of `text` is one finite number
// ("inf" and "nan" are refused here; test is_missing first). A leading '+' is accepted.
bool parse_float(std::string_view text, float& value);
bool parse_double(std::string_view text, double& value);
bool parse_int64(std::string_view text, std::int64_t& value);

}  // namespace ontonet::numeric_field
