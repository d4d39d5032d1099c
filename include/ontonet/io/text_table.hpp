// A small tab-separated table with a header, read as text: the reports ontonet writes (log.tsv,
// comparison.tsv, learning_curves.tsv) and the tables users make from them, for `ontonet plot`.
#pragma once

#include <string>
#include <vector>

namespace ontonet {

struct TextTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  std::vector<std::size_t> line_numbers;       // the file line of each row

  // Index of column `name`; throws InputError naming the file, the column and the columns it has.
  std::size_t column(const std::string& name) const;
  // Row `row`'s value in `column` as a number; a missing value (NA, NaN, empty, as the matrix
  // readers define it) is NaN. Throws InputError
  // naming the file, line and column for anything else that is not a number.
  double number(std::size_t row, std::size_t column) const;
};

// Throws InputError naming the file and line for an empty file, a row whose field count differs
// from the header's, or a repeated column name.
TextTable read_text_table(const std::string& path);

}  // namespace ontonet
