#include "ontonet/io/text_table.hpp"

#include <algorithm>
#include <limits>

#include "numeric_field.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

TextTable read_text_table(const std::string& path) {
  TextTable table;
  table.path = path;
  LineReader reader(path);
  std::string_view line;
  std::vector<std::string_view> fields;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    std::vector<std::string> values(fields.begin(), fields.end());
    if (table.header.empty()) {
      for (std::size_t k = 0; k < values.size(); ++k) {
        if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values[k]) !=
            values.begin() + static_cast<std::ptrdiff_t>(k)) {
          throw InputError(path, reader.line_number(),
                           "column '" + values[k] + "' appears twice in the header");
        }
      }
      table.header = std::move(values);
      continue;
    }
    if (values.size() != table.header.size()) {
      throw InputError(path, reader.line_number(),
                       "expected " + std::to_string(table.header.size()) +
                           " tab-separated fields as in the header, found " +
                           std::to_string(values.size()));
    }
    table.rows.push_back(std::move(values));
    table.line_numbers.push_back(reader.line_number());
  }
  if (table.header.empty()) throw InputError(path, 0, "expected a header line, found none");
  return table;
}

std::size_t TextTable::column(const std::string& name) const {
  const auto found = std::find(header.begin(), header.end(), name);
  if (found != header.end()) return static_cast<std::size_t>(found - header.begin());
  std::string columns;
  for (const std::string& column_name : header) {
    columns += (columns.empty() ? "" : ", ") + column_name;
  }
  throw InputError(path, 1, "no column '" + name + "'; the columns are " + columns);
}

double TextTable::number(std::size_t row, std::size_t column_index) const {
  const std::string& text = rows[row][column_index];
  if (numeric_field::is_missing(text)) return std::numeric_limits<double>::quiet_NaN();
  double value = 0.0;
  if (!numeric_field::parse_double(text, value)) {
    throw InputError(
        path, line_numbers[row],
        "column '" + header[column_index] + "': expected a number, found '" + text + "'");
  }
  return value;
}

}  // namespace ontonet
