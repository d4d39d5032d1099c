#include "ontonet/autodiff/sparse_pattern.hpp"

#include "ontonet/core/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ontonet {
namespace {

std::string pattern_error(Index rows, Index cols, std::vector<Index> offsets,
                          std::vector<Index> columns) {
  try {
    SparsePattern(rows, cols, std::move(offsets), std::move(columns));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(SparsePattern, RejectsUnsortedDuplicateAndOutOfRangeColumns) {
  EXPECT_EQ(pattern_error(1, 4, {0, 2}, {2, 1}),
            "sparse pattern: row 0 has columns not strictly increasing (2 then 1)");
  EXPECT_EQ(pattern_error(1, 4, {0, 2}, {1, 1}),
            "sparse pattern: row 0 has columns not strictly increasing (1 then 1)");
  EXPECT_EQ(pattern_error(2, 4, {0, 1, 2}, {0, 4}),
            "sparse pattern: row 1 has column 4, outside [0, 4)");
}

TEST(SparsePattern, RejectsMalformedRowOffsets) {
  EXPECT_EQ(pattern_error(2, 3, {0, 1}, {0}), "sparse pattern: expected 3 row offsets, got 2");
  EXPECT_EQ(pattern_error(1, 3, {1, 1}, {0}), "sparse pattern: row offsets must start at 0");
  EXPECT_EQ(pattern_error(2, 3, {0, 2, 1}, {0, 1}),
            "sparse pattern: last row offset is 1 but there are 2 column indices");
  EXPECT_EQ(pattern_error(2, 3, {0, 2, 1}, {0}), "sparse pattern: row offsets decrease at row 1");
}

TEST(SparsePattern, TransposeListsEachColumnsEntriesInRowOrder) {
  // [[x, ., x],
  //  [., x, x],
  //  [x, ., .]]  entries in CSR order: 0:(0,0) 1:(0,2) 2:(1,1) 3:(1,2) 4:(2,0)
  const SparsePattern pattern(3, 3, {0, 2, 4, 5}, {0, 2, 1, 2, 0});
  EXPECT_EQ(pattern.nnz(), 5);
  EXPECT_EQ(pattern.col_offsets(), (std::vector<Index>{0, 2, 3, 5}));
  EXPECT_EQ(pattern.transposed_rows(), (std::vector<Index>{0, 2, 1, 0, 1}));
  EXPECT_EQ(pattern.transposed_entries(), (std::vector<Index>{0, 4, 2, 1, 3}));
}

TEST(SparsePattern, AcceptsEmptyRowsAndColumns) {
  const SparsePattern pattern(3, 4, {0, 0, 1, 1}, {3});
  EXPECT_EQ(pattern.col_offsets(), (std::vector<Index>{0, 0, 0, 0, 1}));
  EXPECT_EQ(pattern.transposed_rows(), (std::vector<Index>{1}));
}

}  // namespace
}  // namespace ontonet
