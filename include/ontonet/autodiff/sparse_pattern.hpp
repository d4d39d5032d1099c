// The fixed connectivity of a sparse linear layer: which inputs feed which outputs. It is a CSR
// matrix of shape [rows = n_out, cols = n_in] without values; the layer's weights are a Parameter
// holding one value per stored entry, in CSR order. The pattern also keeps its transpose (CSC)
// with, for every entry, its position in CSR order, so the input gradient can be computed row by
// row of the input without two threads ever writing the same element.
//
// The columns may be split into consecutive segments, one per source node a layer reads: a level
// of a compiled model reads the inputs and every earlier level without concatenating them. Within
// a row the entries of segment s are a contiguous run (columns are sorted), found in O(1).
#pragma once

#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

class SparsePattern {
 public:
  SparsePattern() = default;
  // Requires row_offsets of size rows + 1, starting at 0, non-decreasing, ending at
  // col_indices.size(), and within each row column indices that are strictly increasing and in
  // [0, cols). Throws Error naming the first violation.
  SparsePattern(Index rows, Index cols, std::vector<Index> row_offsets,
                std::vector<Index> col_indices);

  Index rows() const { return rows_; }  // n_out
  Index cols() const { return cols_; }  // n_in
  Index nnz() const { return static_cast<Index>(col_indices_.size()); }

  // CSR: entries of output row r are [row_offsets[r], row_offsets[r + 1]).
  const std::vector<Index>& row_offsets() const { return row_offsets_; }
  const std::vector<Index>& col_indices() const { return col_indices_; }

  // CSC of the same entries: entries of input column c are [col_offsets[c], col_offsets[c + 1]),
  // in increasing row order; entry e sits in output row transposed_rows[e] and its weight is
  // value number transposed_entries[e] in CSR order.
  const std::vector<Index>& col_offsets() const { return col_offsets_; }
  const std::vector<Index>& transposed_rows() const { return transposed_rows_; }
  const std::vector<Index>& transposed_entries() const { return transposed_entries_; }

  // Splits the columns into segments [boundaries[s], boundaries[s + 1]). Requires boundaries to
  // start at 0, end at cols() and not decrease (Error otherwise). A new pattern has one segment.
  void set_column_segments(std::vector<Index> boundaries);
  Index n_segments() const { return static_cast<Index>(segment_boundaries_.size()) - 1; }
  const std::vector<Index>& segment_boundaries() const { return segment_boundaries_; }
  // Entries of row r in segment s are [segment_entry(r, s), segment_entry(r, s + 1)).
  Index segment_entry(Index r, Index s) const {
    return segment_entries_[static_cast<std::size_t>(r * (n_segments() + 1) + s)];
  }
  // The segment holding every entry when each row has all of that segment's columns (a dense
  // layer over one source, whose values in CSR order are its matrix in row-major order), else -1.
  Index dense_segment() const { return dense_segment_; }

 private:
  bool row_covers_segment(Index r, Index s) const;

  Index rows_ = 0;
  Index cols_ = 0;
  std::vector<Index> row_offsets_{0};
  std::vector<Index> col_indices_;
  std::vector<Index> col_offsets_{0};
  std::vector<Index> transposed_rows_;
  std::vector<Index> transposed_entries_;
  std::vector<Index> segment_boundaries_{0, 0};
  std::vector<Index> segment_entries_;  // [rows, n_segments + 1], row-major
  Index dense_segment_ = -1;
};

}  // namespace ontonet
