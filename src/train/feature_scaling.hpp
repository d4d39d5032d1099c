// The preprocessing of input features, fitted on the training split and stored with the model: per
// feature, a missing value (NaN) is replaced by `fill` (the training mean), then the value becomes
// (x - center) / scale. Without standardization center is 0 and scale 1; with z-scoring center is
// the training mean and scale the training standard deviation (population, ddof 0; 1 when it is 0).
// TrainingSet::preprocessing holds it as JSON so that prediction applies exactly what training did.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/io/sample_matrix.hpp"

namespace ontonet {

struct FeatureScaling {
  std::vector<std::string> feature_ids;
  std::vector<float> fill;
  std::vector<float> center;
  std::vector<float> scale;  // > 0

  std::size_t size() const { return feature_ids.size(); }
  // Appends feature `k` of `other`.
  void append(const FeatureScaling& other, std::size_t k);
};

// Accumulates the training statistics of one feature: the mean and sd of its observed values
// (Welford's update, which stays accurate when the mean is large against the spread).
struct FeatureMoments {
  double mean = 0.0;
  double squared_deviations = 0.0;
  std::size_t n_observed = 0;

  void add(double value) {
    ++n_observed;
    const double delta = value - mean;
    mean += delta / static_cast<double>(n_observed);
    squared_deviations += delta * (value - mean);
  }
  // Appends this feature's fill (mean; 0 when nothing was observed), center and scale.
  void append_to(FeatureScaling& scaling, const std::string& id, bool z_score) const;
};

// Fits every column of `values` over the rows `fit_rows` (a row may repeat: it then counts as
// often as it appears). Column f is z-scored when z_score[f]. `n_unobserved` receives the number
// of columns without a single observed value in those rows (their fill is 0).
FeatureScaling fit_feature_scaling(const SampleValues& values,
                                   const std::vector<std::size_t>& fit_rows,
                                   const std::vector<std::string>& feature_ids,
                                   const std::vector<bool>& z_score, std::size_t& n_unobserved);

// {"schema_version": 1, "feature_ids": [...], "fill": [...], "center": [...], "scale": [...]}.
nlohmann::json to_json(const FeatureScaling& scaling);
// Throws InputError(source, 0, ...) when `json` is not in the layout above.
FeatureScaling feature_scaling_from_json(const nlohmann::json& json, const std::string& source);

// The scaling of `feature_ids`, in that order. Throws InputError(source, 0, ...) naming up to five
// features `scaling` lacks.
FeatureScaling select_features(const FeatureScaling& scaling,
                               const std::vector<std::string>& feature_ids,
                               const std::string& source);

}  // namespace ontonet
