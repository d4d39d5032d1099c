#include "ontonet/io/text_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

std::string write_table(const test::ScratchDir& dir, const std::string& text) {
  const std::string path = dir.path("table.tsv");
  std::ofstream(path) << text;
  return path;
}

TEST(TextTable, ReadsColumnsByNameAndMissingValuesAsNaN) {
  const test::ScratchDir dir("text-table");
  const TextTable table = read_text_table(write_table(dir, "a\tb\n1\tNA\n\n2.5\t-3e2\n"));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.column("b"), 1u);
  EXPECT_TRUE(std::isnan(table.number(0, 1)));
  EXPECT_DOUBLE_EQ(table.number(1, 0), 2.5);
  EXPECT_DOUBLE_EQ(table.number(1, 1), -300.0);
  EXPECT_EQ(table.line_numbers[1], 4u);
}

TEST(TextTable, NamesTheFileLineAndColumnOfBadInput) {
  const test::ScratchDir dir("text-table-bad");
  const auto message = [&](const std::string& text, const std::string& column = "",
                           std::size_t row = 0) {
    try {
      const TextTable table = read_text_table(write_table(dir, text));
      if (!column.empty()) table.number(row, table.column(column));
      return std::string("accepted");
    } catch (const InputError& error) {
      return std::string(error.what());
    }
  };
  EXPECT_NE(message("a\tb\n1\t2\n3\n").find("table.tsv:3: expected 2 tab-separated fields"),
            std::string::npos);
  EXPECT_NE(message("a\ta\n").find("column 'a' appears twice"), std::string::npos);
  EXPECT_NE(message("a\tb\n1\tx\n", "b")
                .find("table.tsv:2: column 'b': expected a number, "
                      "found 'x'"),
            std::string::npos);
  EXPECT_NE(message("a\tb\n1\t2\n", "c").find("no column 'c'; the columns are a, b"),
            std::string::npos);
}

}  // namespace
}  // namespace ontonet
