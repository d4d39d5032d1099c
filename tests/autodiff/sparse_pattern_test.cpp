#include "ontonet/autodiff/sparse_pattern.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ontonet/core/error.hpp"

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

TEST(SparsePattern, SegmentEntriesSplitEachRowAtTheSegmentBoundaries) {
  // row 0: columns {0, 2, 5}; row 1: {3}; row 2: none. Segments [0, 3), [3, 3), [3, 6).
  SparsePattern pattern(3, 6, {0, 3, 4, 4}, {0, 2, 5, 3});
  EXPECT_EQ(pattern.n_segments(), 1);
  pattern.set_column_segments({0, 3, 3, 6});
  EXPECT_EQ(pattern.n_segments(), 3);
  const std::vector<Index> row0{pattern.segment_entry(0, 0), pattern.segment_entry(0, 1),
                                pattern.segment_entry(0, 2), pattern.segment_entry(0, 3)};
  EXPECT_EQ(row0, (std::vector<Index>{0, 2, 2, 3}));
  const std::vector<Index> row1{pattern.segment_entry(1, 0), pattern.segment_entry(1, 1),
                                pattern.segment_entry(1, 2), pattern.segment_entry(1, 3)};
  EXPECT_EQ(row1, (std::vector<Index>{3, 3, 3, 4}));
  EXPECT_EQ(pattern.segment_entry(2, 0), 4);
  EXPECT_EQ(pattern.segment_entry(2, 3), 4);
  EXPECT_EQ(pattern.dense_segment(), -1);
}

TEST(SparsePattern, RejectsSegmentsThatDoNotTileTheColumns) {
  SparsePattern pattern(1, 4, {0, 1}, {2});
  const auto message = [&](std::vector<Index> boundaries) {
    try {
      pattern.set_column_segments(std::move(boundaries));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message({0, 3}), "sparse pattern: column segments must run from 0 to 4");
  EXPECT_EQ(message({1, 4}), "sparse pattern: column segments must run from 0 to 4");
  EXPECT_EQ(message({0, 3, 2, 4}), "sparse pattern: column segments decrease");
  EXPECT_EQ(message({4}), "sparse pattern: column segments must run from 0 to 4");
}

TEST(SparsePattern, DenseSegmentIsFoundOnlyWhenEveryRowHoldsAllOfItsColumns) {
  // Two rows over segment [2, 4) of {0, 2, 4}: dense.
  SparsePattern dense(2, 4, {0, 2, 4}, {2, 3, 2, 3});
  dense.set_column_segments({0, 2, 4});
  EXPECT_EQ(dense.dense_segment(), 1);
  // The whole pattern as one segment is not complete (columns 0 and 1 are missing).
  dense.set_column_segments({0, 4});
  EXPECT_EQ(dense.dense_segment(), -1);
  // A missing entry in the second row.
  SparsePattern gap(2, 4, {0, 2, 3}, {2, 3, 3});
  gap.set_column_segments({0, 2, 4});
  EXPECT_EQ(gap.dense_segment(), -1);
  // Entries in two segments.
  SparsePattern both(1, 4, {0, 4}, {0, 1, 2, 3});
  both.set_column_segments({0, 2, 4});
  EXPECT_EQ(both.dense_segment(), -1);
  both.set_column_segments({0, 4});
  EXPECT_EQ(both.dense_segment(), 0);
}

}  // namespace
}  // namespace ontonet
