// The end of loading for the layouts whose features are held in memory (nest_vnn, gennet,
// matrix): fit the preprocessing on the training samples, or apply the model's stored one.
#include <memory>
#include <unordered_map>

#include "example_list.hpp"
#include "in_memory_features.hpp"
#include "ontonet/core/error.hpp"
#include "training_data_common.hpp"

namespace ontonet::data_loading {

TrainingSet finish_in_memory(InMemoryData data, SplitIndices splits, const DataOptions& options,
                             std::string description, std::vector<std::string> notes) {
  std::vector<std::size_t> fit_rows;
  fit_rows.reserve(splits.train.size());
  for (std::size_t i : splits.train) fit_rows.push_back(data.sample_rows[i]);
  std::size_t n_unobserved = 0;
  const FeatureScaling scaling =
      fit_feature_scaling(data.values, fit_rows, data.feature_ids, data.z_score, n_unobserved);
  const std::string missing = missing_values_note(data.values, data.sample_rows);
  if (!missing.empty()) notes.push_back(missing);
  if (n_unobserved > 0) {
    notes.push_back(std::to_string(n_unobserved) +
                    " features have no value in any training sample; they are filled with 0");
  }

  TrainingSet set;
  set.description = std::move(description);
  set.features = std::make_shared<InMemoryFeatures>(
      data.values, identity_indices(data.feature_ids.size()), std::move(data.sample_rows), scaling);
  set.sample_ids = std::move(data.sample_ids);
  set.n_covariates = data.n_covariates;
  set.targets = target_matrix(data.targets, data.events);
  set.task = options.task;
  set.class_labels = std::move(data.class_labels);
  set.splits = std::move(splits);
  set.notes = std::move(notes);
  set.preprocessing = preprocessing_json(scaling, set.class_labels);
  check_training_set(set);
  return set;
}

FeatureScaling stored_scaling(const nlohmann::json& preprocessing,
                              const std::vector<std::string>& feature_ids) {
  const std::string source = "the model's preprocessing";
  return select_features(feature_scaling_from_json(preprocessing, source), feature_ids, source);
}

PredictionInputs predict_in_memory(InMemoryData data, bool with_targets,
                                   const std::vector<std::string>& feature_ids,
                                   const nlohmann::json& preprocessing, std::string description,
                                   std::vector<std::string> notes) {
  std::unordered_map<std::string, std::size_t> column_of;
  for (std::size_t j = 0; j < data.feature_ids.size(); ++j)
    column_of.emplace(data.feature_ids[j], j);
  std::vector<std::size_t> columns;
  std::vector<std::string> missing;
  std::size_t n_missing = 0;
  for (const std::string& id : feature_ids) {
    const auto found = column_of.find(id);
    if (found != column_of.end()) {
      columns.push_back(found->second);
    } else if (++n_missing <= kExampleCount) {
      missing.push_back(id);
    }
  }
  if (n_missing > 0) throw_missing_features(data.feature_file, missing, n_missing);
  const FeatureScaling scaling = stored_scaling(preprocessing, feature_ids);

  // Only the model's columns count: a missing value in a column it ignores is not imputed.
  SampleValues used(data.values.rows(), static_cast<Index>(columns.size()));
  for (std::size_t k = 0; k < columns.size(); ++k) {
    used.col(static_cast<Index>(k)) = data.values.col(static_cast<Index>(columns[k]));
  }
  const std::string missing_note = missing_values_note(used, data.sample_rows);
  if (!missing_note.empty()) notes.push_back(missing_note);

  PredictionInputs inputs;
  inputs.description = std::move(description);
  inputs.features = std::make_shared<InMemoryFeatures>(used, identity_indices(columns.size()),
                                                       std::move(data.sample_rows), scaling);
  inputs.sample_ids = std::move(data.sample_ids);
  if (with_targets) inputs.targets = target_matrix(data.targets, data.events);
  inputs.notes = std::move(notes);
  return inputs;
}

}  // namespace ontonet::data_loading
