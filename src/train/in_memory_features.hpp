// A FeatureSource over a matrix held in memory ([rows, features] as the readers return it), for
// the nest_vnn, gennet and matrix layouts. The preprocessing (fill, center, scale) is applied once
// when the source is built, so fill() only copies: it transposes the batch's rows, read
// contiguously, into the activation layout [features, batch]. Data that are small integers after
// preprocessing (genotypes, mutation bits) are held, and handed out by fill_codes(), as int8.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feature_scaling.hpp"
#include "ontonet/io/sample_matrix.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

class InMemoryFeatures final : public FeatureSource {
 public:
  // Feature k is column columns[k] of `values`, preprocessed with scaling's entry k (its
  // feature_ids become this source's); sample i is row sample_rows[i] (samples may share a row,
  // as the responses of one cell line do). Requires columns.size() == scaling.size() and indices
  // inside `values` (checked).
  InMemoryFeatures(const SampleValues& values, const std::vector<std::size_t>& columns,
                   std::vector<std::size_t> sample_rows, const FeatureScaling& scaling);

  std::size_t n_samples() const override { return sample_rows_.size(); }
  const std::vector<std::string>& feature_ids() const override { return feature_ids_; }
  // x: [n_features, rows.size()].
  void fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const override;
  bool fill_codes(const std::vector<std::size_t>& rows, CodeMatrix& x) const override;

  // As fill(), into rows [0, n_features) of a caller's [*, rows.size()] row-major block; the PLINK
  // source appends its covariates with it.
  void fill_block(const std::vector<std::size_t>& rows, float* out) const;

 private:
  std::vector<std::string> feature_ids_;
  std::vector<std::size_t> sample_rows_;
  // [n_rows, n_features], preprocessed: as int8 codes when every value is an integer in
  // [-128, 127] (a quarter of the memory), else as floats; the other matrix is empty.
  Matrix<float> processed_;
  CodeMatrix codes_;
  std::vector<const float*> value_rows(const std::vector<std::size_t>& rows) const;
  std::vector<const std::int8_t*> code_rows(const std::vector<std::size_t>& rows) const;
};

// 0, 1, ..., n - 1: every column, or every row, in order.
std::vector<std::size_t> identity_indices(std::size_t n);

}  // namespace ontonet
