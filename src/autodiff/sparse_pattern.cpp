#include "ontonet/autodiff/sparse_pattern.hpp"

#include <string>
#include <utility>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

[[noreturn]] void throw_pattern_error(const std::string& message) {
  throw Error("sparse pattern: " + message);
}

void validate_csr(Index rows, Index cols, const std::vector<Index>& row_offsets,
                  const std::vector<Index>& col_indices) {
  if (rows < 0 || cols < 0) {
    throw_pattern_error("shape must be non-negative, got " + std::to_string(rows) + " x " +
                        std::to_string(cols));
  }
  if (static_cast<Index>(row_offsets.size()) != rows + 1) {
    throw_pattern_error("expected " + std::to_string(rows + 1) + " row offsets, got " +
                        std::to_string(row_offsets.size()));
  }
  if (row_offsets.front() != 0) throw_pattern_error("row offsets must start at 0");
  if (row_offsets.back() != static_cast<Index>(col_indices.size())) {
    throw_pattern_error("last row offset is " + std::to_string(row_offsets.back()) +
                        " but there are " + std::to_string(col_indices.size()) + " column indices");
  }
  for (Index r = 0; r < rows; ++r) {
    if (row_offsets[static_cast<std::size_t>(r + 1)] < row_offsets[static_cast<std::size_t>(r)]) {
      throw_pattern_error("row offsets decrease at row " + std::to_string(r));
    }
  }
  for (Index r = 0; r < rows; ++r) {
    const Index begin = row_offsets[static_cast<std::size_t>(r)];
    const Index end = row_offsets[static_cast<std::size_t>(r + 1)];
    for (Index k = begin; k < end; ++k) {
      const Index c = col_indices[static_cast<std::size_t>(k)];
      if (c < 0 || c >= cols) {
        throw_pattern_error("row " + std::to_string(r) + " has column " + std::to_string(c) +
                            ", outside [0, " + std::to_string(cols) + ")");
      }
      if (k > begin && c <= col_indices[static_cast<std::size_t>(k - 1)]) {
        throw_pattern_error("row " + std::to_string(r) + " has columns not strictly increasing (" +
                            std::to_string(col_indices[static_cast<std::size_t>(k - 1)]) +
                            " then " + std::to_string(c) + ")");
      }
    }
  }
}

}  // namespace

SparsePattern::SparsePattern(Index rows, Index cols, std::vector<Index> row_offsets,
                             std::vector<Index> col_indices)
    : rows_(rows),
      cols_(cols),
      row_offsets_(std::move(row_offsets)),
      col_indices_(std::move(col_indices)) {
  validate_csr(rows_, cols_, row_offsets_, col_indices_);

  // Counting sort of the entries by column; walking rows in order keeps each column's entries in
  // increasing row order, which fixes the summation order of the input gradient.
  col_offsets_.assign(static_cast<std::size_t>(cols_ + 1), 0);
  for (Index c : col_indices_) ++col_offsets_[static_cast<std::size_t>(c + 1)];
  for (Index c = 0; c < cols_; ++c) {
    col_offsets_[static_cast<std::size_t>(c + 1)] += col_offsets_[static_cast<std::size_t>(c)];
  }
  std::vector<Index> next(col_offsets_.begin(), col_offsets_.end() - 1);
  transposed_rows_.resize(col_indices_.size());
  transposed_entries_.resize(col_indices_.size());
  for (Index r = 0; r < rows_; ++r) {
    for (Index k = row_offsets_[static_cast<std::size_t>(r)];
         k < row_offsets_[static_cast<std::size_t>(r + 1)]; ++k) {
      const auto slot = static_cast<std::size_t>(
          next[static_cast<std::size_t>(col_indices_[static_cast<std::size_t>(k)])]++);
      transposed_rows_[slot] = r;
      transposed_entries_[slot] = k;
    }
  }
  set_column_segments({0, cols_});
}

// Whether row r's entries are exactly the columns of segment s (columns are strictly increasing, so
// a count equal to the width with the first and last columns at the segment's ends is all of them).
bool SparsePattern::row_covers_segment(Index r, Index s) const {
  const Index begin = segment_boundaries_[static_cast<std::size_t>(s)];
  const Index end = segment_boundaries_[static_cast<std::size_t>(s) + 1];
  const Index first = row_offsets_[static_cast<std::size_t>(r)];
  const Index last = row_offsets_[static_cast<std::size_t>(r) + 1];
  return end > begin && last - first == end - begin &&
         col_indices_[static_cast<std::size_t>(first)] == begin &&
         col_indices_[static_cast<std::size_t>(last) - 1] == end - 1;
}

void SparsePattern::set_column_segments(std::vector<Index> boundaries) {
  if (boundaries.size() < 2 || boundaries.front() != 0 || boundaries.back() != cols_) {
    throw_pattern_error("column segments must run from 0 to " + std::to_string(cols_));
  }
  for (std::size_t s = 1; s < boundaries.size(); ++s) {
    if (boundaries[s] < boundaries[s - 1]) throw_pattern_error("column segments decrease");
  }
  segment_boundaries_ = std::move(boundaries);
  const Index n_bounds = n_segments() + 1;
  segment_entries_.resize(static_cast<std::size_t>(rows_ * n_bounds));
  for (Index r = 0; r < rows_; ++r) {
    Index k = row_offsets_[static_cast<std::size_t>(r)];
    const Index end = row_offsets_[static_cast<std::size_t>(r + 1)];
    for (Index s = 0; s < n_bounds; ++s) {
      const Index first_column = segment_boundaries_[static_cast<std::size_t>(s)];
      while (k < end && col_indices_[static_cast<std::size_t>(k)] < first_column) ++k;
      segment_entries_[static_cast<std::size_t>(r * n_bounds + s)] = s + 1 == n_bounds ? end : k;
    }
  }
  dense_segment_ = -1;
  for (Index s = 0; s < n_segments() && nnz() > 0; ++s) {
    if (row_covers_segment(0, s)) dense_segment_ = s;
  }
  for (Index r = 1; r < rows_ && dense_segment_ >= 0; ++r) {
    if (!row_covers_segment(r, dense_segment_)) dense_segment_ = -1;
  }
}

}  // namespace ontonet
