#include "table_fields.hpp"

namespace ontonet::table_fields {

void expect_columns(const LineReader& reader, const std::vector<std::string_view>& fields,
                    std::size_t expected, std::string_view layout) {
  if (fields.size() == expected) return;
  throw reader.error("expected " + std::to_string(expected) + " tab-separated columns (" +
                     std::string(layout) + "), got " + std::to_string(fields.size()));
}

std::string_view required(const LineReader& reader, std::string_view field, std::size_t column,
                          std::string_view what) {
  const std::string_view value = trim(field);
  if (value.empty()) {
    throw reader.error("expected " + std::string(what) + " in column " + std::to_string(column) +
                       ", found an empty field");
  }
  return value;
}

std::string tuple_key(std::string_view a, std::string_view b, std::string_view c) {
  std::string key;
  key.reserve(a.size() + b.size() + c.size() + 2);
  key.append(a).push_back('\0');
  key.append(b).push_back('\0');
  key.append(c);
  return key;
}

}  // namespace ontonet::table_fields
