#include "in_memory_features.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ontonet/core/error.hpp"
#include "ontonet/train/batch_transpose.hpp"

namespace ontonet {

InMemoryFeatures::InMemoryFeatures(const SampleValues& values,
                                   const std::vector<std::size_t>& columns,
                                   std::vector<std::size_t> sample_rows,
                                   const FeatureScaling& scaling)
    : feature_ids_(scaling.feature_ids), sample_rows_(std::move(sample_rows)) {
  ONTONET_CHECK(columns.size() == scaling.size(), "one scaling entry per selected column");
  const Index n_rows = values.rows();
  for (std::size_t row : sample_rows_) {
    ONTONET_CHECK(row < static_cast<std::size_t>(n_rows), "sample row outside the matrix");
  }
  for (std::size_t column : columns) {
    ONTONET_CHECK(column < static_cast<std::size_t>(values.cols()), "column outside the matrix");
  }
  processed_.resize(n_rows, static_cast<Index>(columns.size()));
  for (Index r = 0; r < n_rows; ++r) {
    const float* in = values.row(r).data();
    float* out = processed_.row(r).data();
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const float x = in[columns[k]];
      out[k] = ((std::isnan(x) ? scaling.fill[k] : x) - scaling.center[k]) / scaling.scale[k];
    }
  }
  const bool small_integers = processed_.unaryExpr([](float v) {
    return v == std::round(v) && v >= -128.0f && v <= 127.0f;
  }).all();
  if (small_integers && processed_.size() > 0) {
    codes_ = processed_.cast<std::int8_t>();
    processed_.resize(0, 0);
  }
}

std::vector<const float*> InMemoryFeatures::value_rows(const std::vector<std::size_t>& rows) const {
  std::vector<const float*> pointers;
  pointers.reserve(rows.size());
  for (std::size_t row : rows) {
    ONTONET_CHECK(row < sample_rows_.size(), "sample outside the source");
    pointers.push_back(processed_.row(static_cast<Index>(sample_rows_[row])).data());
  }
  return pointers;
}

std::vector<const std::int8_t*> InMemoryFeatures::code_rows(
    const std::vector<std::size_t>& rows) const {
  std::vector<const std::int8_t*> pointers;
  pointers.reserve(rows.size());
  for (std::size_t row : rows) {
    ONTONET_CHECK(row < sample_rows_.size(), "sample outside the source");
    pointers.push_back(codes_.row(static_cast<Index>(sample_rows_[row])).data());
  }
  return pointers;
}

bool InMemoryFeatures::fill_codes(const std::vector<std::size_t>& rows, CodeMatrix& x) const {
  if (codes_.size() == 0) return false;
  x.resize(codes_.cols(), static_cast<Index>(rows.size()));
  transpose_batch(code_rows(rows), codes_.cols(), x.data());
  return true;
}

void InMemoryFeatures::fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const {
  x.resize(static_cast<Index>(feature_ids_.size()), static_cast<Index>(rows.size()));
  fill_block(rows, x.data());
}

void InMemoryFeatures::fill_block(const std::vector<std::size_t>& rows, float* out) const {
  const auto n_features = static_cast<Index>(feature_ids_.size());
  if (codes_.size() > 0) {
    transpose_batch(code_rows(rows), n_features, out);
  } else {
    transpose_batch(value_rows(rows), n_features, out);
  }
}

std::vector<std::size_t> identity_indices(std::size_t n) {
  std::vector<std::size_t> indices(n);
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  return indices;
}

}  // namespace ontonet
