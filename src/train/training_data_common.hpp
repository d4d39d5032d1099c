// The steps the four data layouts of training_data.hpp share: reporting joins and left-out
// samples, splitting, naming genotype columns by a GenNet topology, and building the in-memory
// feature source with its preprocessing fitted on the training split. Each layout's loader
// (training_data_<format>.cpp) reads its files and hands the rest to these.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feature_scaling.hpp"
#include "ontonet/io/phenotype_reader.hpp"
#include "ontonet/io/sample_join.hpp"
#include "ontonet/io/sample_matrix.hpp"
#include "ontonet/train/training_data.hpp"

namespace ontonet::data_loading {

// Throws ConfigError("data.<field>", ...) when `value` is empty.
void require_option(const std::string& value, const char* field, const std::string& format);

// Features held in memory, as a layout's loader assembles them.
struct InMemoryData {
  std::string feature_file;               // named by errors about missing features
  std::vector<std::string> sample_ids;    // unique
  SampleValues values;                    // [rows, features] as read; NaN = missing
  std::vector<std::size_t> sample_rows;   // per sample: its row of `values`
  std::vector<std::string> feature_ids;   // per column, unique
  std::vector<bool> z_score;              // per column: z-scored with the training statistics
  std::size_t n_covariates = 0;           // the last columns are covariates
  std::vector<float> targets;             // per sample (survival: the time); NaN = missing
  std::vector<float> events;              // survival: per sample, 1 event, 0 censored; else empty
  std::vector<std::string> class_labels;  // multiclass: the labels `targets` index; else empty
};

// Keeps the samples `keep` (indices, ascending) of `data`.
void keep_samples(InMemoryData& data, const std::vector<std::size_t>& keep);
template <typename T>
std::vector<T> subset(const std::vector<T>& values, const std::vector<std::size_t>& keep) {
  std::vector<T> kept;
  kept.reserve(keep.size());
  for (std::size_t i : keep) kept.push_back(values[i]);
  return kept;
}

// Notes the samples found in only one of the two files (counts and examples). Throws InputError
// naming both files when no sample is in both.
void report_join(const SampleJoin& join, const std::string& data_file,
                 const std::string& phenotype_file, std::vector<std::string>& notes);

// The samples with a finite target, ascending; the others are counted in notes with examples,
// calling the target `target_name` ("a target", "a time and event"). Throws InputError(file, 0,
// ...) when no sample has one.
std::vector<std::size_t> samples_with_target(const std::vector<float>& targets,
                                             const std::vector<std::string>& sample_ids,
                                             const std::string& file,
                                             std::vector<std::string>& notes,
                                             const std::string& target_name = "a target");

// What a phenotype file's target is called in notes: "a target", or for survival "a time and
// event (columns '<time>', '<event>')".
std::string target_name(const DataOptions& options);

// The split a file's column assigns. Throws InputError(file, 0, ...) when train or validation is
// empty (a split column means the user expects both); an empty test split is noted.
SplitIndices split_by_column(const std::vector<DataSplit>& parts, const std::string& file,
                             const std::string& column, std::vector<std::string>& notes);

// Seeded fractions of `targets.size()` samples, stratified by class (binary, multiclass) or by
// event (survival: `events`). A part left empty by a fraction of 0 is noted.
SplitIndices split_by_fractions(const std::vector<float>& targets, const std::vector<float>& events,
                                const DataOptions& options, std::vector<std::string>& notes);

// Throws InputError(file, 0, ...) unless the training split holds both classes.
void require_both_classes(const std::vector<float>& targets, const std::vector<std::size_t>& train,
                          const std::string& file);

// The task's demands on the training split, with the phenotype file named: binary both classes,
// multiclass at least two classes (classes only in validation or test are noted), survival at
// least one event. Throws InputError(file, 0, ...) otherwise.
void check_training_targets(const std::vector<float>& targets, const std::vector<float>& events,
                            const std::vector<std::string>& class_labels,
                            const std::vector<std::size_t>& train, TaskKind task,
                            const std::string& file, std::vector<std::string>& notes);

// Multiclass: drops the labels no kept sample has (samples only in the phenotype file, or without
// features) and renumbers `targets` to the remaining ones, still sorted; notes the dropped ones.
void drop_absent_classes(std::vector<float>& targets, std::vector<std::string>& class_labels,
                         const std::string& file, std::vector<std::string>& notes);

// Prediction of a multiclass model: rewrites `targets`, indices into the file's `file_labels`,
// to the model's class indices (preprocessing["class_labels"]). Throws InputError(file, 0, ...)
// naming a label the model does not know and a sample that has it; InputError naming the model's
// preprocessing when it holds no class labels.
void map_to_model_classes(std::vector<float>& targets, const std::vector<std::string>& file_labels,
                          const std::vector<std::string>& sample_ids,
                          const nlohmann::json& preprocessing, const std::string& file);

// Throws ConfigError("data.task", ...) unless the task is regression or binary: the layouts
// whose targets are one number per sample (gennet, nest_vnn, the .fam's 6th column).
void require_numeric_task(const DataOptions& options, const std::string& where);

// [1, n] targets, or [2, n] (time, event) when `events` is not empty.
Matrix<float> target_matrix(const std::vector<float>& targets, const std::vector<float>& events);

// The preprocessing stored with the model: the scaling's JSON, plus "class_labels" (multiclass).
nlohmann::json preprocessing_json(const FeatureScaling& scaling,
                                  const std::vector<std::string>& class_labels);

// Names column j by the topology's layer0 name of node j (io/gennet_topology_reader.hpp); columns
// the topology does not name keep their ID. Throws InputError naming the topology file and line
// for a node index at or past ids.size() (the columns of `data_file`).
void name_columns_by_topology(const std::string& topology_path, const std::string& data_file,
                              std::vector<std::string>& ids, std::vector<std::string>& notes);

// Makes repeated IDs unique by appending "#2", "#3", ... to the second, third, ... occurrence,
// and notes how many were renamed.
void make_unique_ids(std::vector<std::string>& ids, const std::string& what,
                     std::vector<std::string>& notes);

// The phenotype table of options.phenotypes: the target column read as the task's kind (for
// survival the time column with options.event_column), then one continuous column per covariate;
// the split column when `with_split`. Throws ConfigError("data.event_column", ...) when it is
// missing for survival, or given for another task.
PhenotypeTable read_phenotype_table(const DataOptions& options, bool with_split);

// "cov:<name>": the feature ID of a covariate.
std::string covariate_feature_id(const std::string& name);

// Fits the preprocessing on the training samples, builds the source and checks the set.
TrainingSet finish_in_memory(InMemoryData data, SplitIndices splits, const DataOptions& options,
                             std::string description, std::vector<std::string> notes);

// The prediction inputs of every sample of `data`, in the model's feature order with its stored
// preprocessing. Targets are kept when `with_targets`.
PredictionInputs predict_in_memory(InMemoryData data, bool with_targets,
                                   const std::vector<std::string>& feature_ids,
                                   const nlohmann::json& preprocessing, std::string description,
                                   std::vector<std::string> notes);

// The model's stored preprocessing, restricted to and ordered as `feature_ids`.
FeatureScaling stored_scaling(const nlohmann::json& preprocessing,
                              const std::vector<std::string>& feature_ids);

// Throws InputError(data_file, 0, ...) naming up to five of the `n_missing` model features
// (`examples`) the data lacks.
[[noreturn]] void throw_missing_features(const std::string& data_file,
                                         const std::vector<std::string>& examples,
                                         std::size_t n_missing);

// A note counting the missing values of the rows samples use; empty when there are none.
std::string missing_values_note(const SampleValues& values,
                                const std::vector<std::size_t>& sample_rows);

// Each layout's loader.
TrainingSet load_nest_vnn(const DataOptions& options);
TrainingSet load_gennet(const DataOptions& options);
TrainingSet load_plink(const DataOptions& options);
TrainingSet load_matrix(const DataOptions& options);
PredictionInputs predict_nest_vnn(const DataOptions& options,
                                  const std::vector<std::string>& feature_ids,
                                  const nlohmann::json& preprocessing);
PredictionInputs predict_gennet(const DataOptions& options,
                                const std::vector<std::string>& feature_ids,
                                const nlohmann::json& preprocessing);
PredictionInputs predict_plink(const DataOptions& options,
                               const std::vector<std::string>& feature_ids,
                               const nlohmann::json& preprocessing);
PredictionInputs predict_matrix(const DataOptions& options,
                                const std::vector<std::string>& feature_ids,
                                const nlohmann::json& preprocessing);

}  // namespace ontonet::data_loading
