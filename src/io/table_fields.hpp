// Field checks shared by the table readers (gene-term table, parent-child-type, Reactome, GenNet
// topology). Each turns a malformed line into an InputError at the reader's current line, so that
// every reader words the same mistake the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ontonet/io/line_reader.hpp"

namespace ontonet::table_fields {

// Throws unless `fields` holds exactly `expected` columns; `layout` names them ("parent, child,
// type").
void expect_columns(const LineReader& reader, const std::vector<std::string_view>& fields,
                    std::size_t expected, std::string_view layout);

// `field` without surrounding spaces; throws when nothing is left. `column` is 1-based and `what`
// names the value ("a term ID").
std::string_view required(const LineReader& reader, std::string_view field, std::size_t column,
                          std::string_view what);

// One string standing for a tuple of fields, for sets that drop repeats. NUL separates the parts
// because LineReader never lets a NUL byte into a field.
std::string tuple_key(std::string_view a, std::string_view b, std::string_view c = {});

}  // namespace ontonet::table_fields
