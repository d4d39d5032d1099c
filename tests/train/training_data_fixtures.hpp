// Helpers of the data-loader tests: read back one feature of one sample through a FeatureSource,
// find a sample or feature by ID, and look up a fitted preprocessing entry.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/train/training_data.hpp"

namespace ontonet::test {

inline std::size_t index_of(const std::vector<std::string>& ids, const std::string& id) {
  const auto found = std::find(ids.begin(), ids.end(), id);
  EXPECT_NE(found, ids.end()) << "no ID " << id;
  return static_cast<std::size_t>(found - ids.begin());
}

// The preprocessed value of feature `feature` for sample `sample`, read through fill().
inline float feature_value(const FeatureSource& source, const std::vector<std::string>& sample_ids,
                           const std::string& sample, const std::string& feature) {
  Matrix<float> x;
  source.fill({index_of(sample_ids, sample)}, x);
  return x(static_cast<Index>(index_of(source.feature_ids(), feature)), 0);
}

// preprocessing[key] of feature `feature` ("fill", "center" or "scale").
inline double preprocessing_value(const nlohmann::json& preprocessing, const std::string& key,
                                  const std::string& feature) {
  const auto ids = preprocessing.at("feature_ids").get<std::vector<std::string>>();
  return preprocessing.at(key).at(index_of(ids, feature)).get<double>();
}

inline bool has_note(const std::vector<std::string>& notes, const std::string& fragment) {
  return std::any_of(notes.begin(), notes.end(), [&](const std::string& note) {
    return note.find(fragment) != std::string::npos;
  });
}

// Runs `load` and expects an InputError whose message starts with `file` and contains `fragment`.
template <typename Load>
void expect_data_error(Load&& load, const std::string& file, const std::string& fragment) {
  try {
    load();
    ADD_FAILURE() << "expected an InputError from " << file;
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), file) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

inline std::string notes_text(const std::vector<std::string>& notes) {
  std::string text;
  for (const std::string& note : notes) text += note + "\n";
  return text;
}

}  // namespace ontonet::test
