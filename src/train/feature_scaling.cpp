#include "feature_scaling.hpp"

#include <cmath>
#include <unordered_map>

#include "example_list.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

void FeatureScaling::append(const FeatureScaling& other, std::size_t k) {
  feature_ids.push_back(other.feature_ids[k]);
  fill.push_back(other.fill[k]);
  center.push_back(other.center[k]);
  scale.push_back(other.scale[k]);
}

void FeatureMoments::append_to(FeatureScaling& scaling, const std::string& id, bool z_score) const {
  const double sd =
      n_observed > 0 ? std::sqrt(squared_deviations / static_cast<double>(n_observed)) : 0.0;
  scaling.feature_ids.push_back(id);
  scaling.fill.push_back(static_cast<float>(mean));
  scaling.center.push_back(z_score ? static_cast<float>(mean) : 0.0f);
  // An sd within rounding of the mean is a constant feature: dividing by it would blow the
  // rounding up into large values.
  const bool constant = !(sd > 1e-6 * std::abs(mean));
  scaling.scale.push_back(z_score && !constant ? static_cast<float>(sd) : 1.0f);
}

FeatureScaling fit_feature_scaling(const SampleValues& values,
                                   const std::vector<std::size_t>& fit_rows,
                                   const std::vector<std::string>& feature_ids,
                                   const std::vector<bool>& z_score, std::size_t& n_unobserved) {
  const auto n_features = static_cast<std::size_t>(values.cols());
  ONTONET_CHECK(feature_ids.size() == n_features && z_score.size() == n_features,
                "one feature ID and z-score flag per column");
  std::vector<FeatureMoments> moments(n_features);
  for (std::size_t row : fit_rows) {
    ONTONET_CHECK(row < static_cast<std::size_t>(values.rows()), "fit row outside the matrix");
    const float* x = values.row(static_cast<Eigen::Index>(row)).data();
    for (std::size_t f = 0; f < n_features; ++f) {
      if (!std::isnan(x[f])) moments[f].add(x[f]);
    }
  }
  FeatureScaling scaling;
  n_unobserved = 0;
  for (std::size_t f = 0; f < n_features; ++f) {
    n_unobserved += moments[f].n_observed == 0;
    moments[f].append_to(scaling, feature_ids[f], z_score[f]);
  }
  return scaling;
}

nlohmann::json to_json(const FeatureScaling& scaling) {
  return nlohmann::json{{"schema_version", 1},
                        {"feature_ids", scaling.feature_ids},
                        {"fill", scaling.fill},
                        {"center", scaling.center},
                        {"scale", scaling.scale}};
}

namespace {

std::vector<float> read_numbers(const nlohmann::json& json, const char* key, std::size_t n,
                                const std::string& source) {
  const auto found = json.find(key);
  if (found == json.end() || !found->is_array() || found->size() != n) {
    throw InputError(source, 0,
                     std::string("expected preprocessing key '") + key + "' to be an array of " +
                         std::to_string(n) + " numbers, one per feature");
  }
  std::vector<float> numbers;
  numbers.reserve(n);
  for (const nlohmann::json& value : *found) {
    if (!value.is_number()) {
      throw InputError(
          source, 0,
          std::string("expected numbers in preprocessing '") + key + "', found " + value.dump());
    }
    numbers.push_back(value.get<float>());
  }
  return numbers;
}

}  // namespace

FeatureScaling feature_scaling_from_json(const nlohmann::json& json, const std::string& source) {
  const bool version_1 = json.is_object() && json.contains("schema_version") &&
                         json["schema_version"].is_number_integer() && json["schema_version"] == 1;
  if (!version_1 || !json.contains("feature_ids") || !json["feature_ids"].is_array()) {
    throw InputError(source, 0,
                     "expected the preprocessing as an object with schema_version 1 and "
                     "feature_ids, fill, center, scale arrays");
  }
  FeatureScaling scaling;
  for (const nlohmann::json& id : json["feature_ids"]) {
    if (!id.is_string()) {
      throw InputError(source, 0,
                       "expected text feature_ids in the preprocessing, found " + id.dump());
    }
    scaling.feature_ids.push_back(id.get<std::string>());
  }
  const std::size_t n = scaling.feature_ids.size();
  scaling.fill = read_numbers(json, "fill", n, source);
  scaling.center = read_numbers(json, "center", n, source);
  scaling.scale = read_numbers(json, "scale", n, source);
  for (std::size_t k = 0; k < n; ++k) {
    if (!(scaling.scale[k] > 0.0f) || !std::isfinite(scaling.fill[k]) ||
        !std::isfinite(scaling.center[k])) {
      throw InputError(source, 0,
                       "expected finite fill and center and a scale > 0 for feature '" +
                           scaling.feature_ids[k] + "'");
    }
  }
  return scaling;
}

FeatureScaling select_features(const FeatureScaling& scaling,
                               const std::vector<std::string>& feature_ids,
                               const std::string& source) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < scaling.size(); ++k) index.emplace(scaling.feature_ids[k], k);
  FeatureScaling selected;
  std::vector<std::string> missing;
  std::size_t n_missing = 0;
  for (const std::string& id : feature_ids) {
    const auto found = index.find(id);
    if (found == index.end()) {
      if (missing.size() < kExampleCount) missing.push_back(id);
      ++n_missing;
      continue;
    }
    selected.append(scaling, found->second);
  }
  if (n_missing > 0) {
    throw InputError(source, 0,
                     "expected preprocessing for every model input; " + std::to_string(n_missing) +
                         " have none: " + example_list(missing, n_missing));
  }
  return selected;
}

}  // namespace ontonet
