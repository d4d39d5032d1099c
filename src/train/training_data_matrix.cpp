// The matrix layout: a delimited samples x features matrix joined by sample ID to a phenotype
// file, whose covariate columns are appended as extra (z-scored) features.
#include <cmath>

#include "in_memory_features.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/delimited_matrix_reader.hpp"
#include "training_data_common.hpp"

namespace ontonet::data_loading {

namespace {

// The matrix's samples that are in the phenotype table, with the table's target, split and
// covariates; with no table, every sample of the matrix and no target.
InMemoryData in_memory(SampleMatrix matrix, const PhenotypeTable* table, const DataOptions& options,
                       std::vector<DataSplit>& parts, std::vector<std::string>& notes) {
  InMemoryData data;
  data.feature_file = options.matrix;
  data.feature_ids = std::move(matrix.feature_ids);
  data.z_score.assign(data.feature_ids.size(), options.standardization == Standardization::kZScore);
  if (table == nullptr) {
    data.sample_ids = std::move(matrix.sample_ids);
    data.sample_rows = identity_indices(data.sample_ids.size());
    data.targets.assign(data.sample_ids.size(), 0.0f);
    data.values = std::move(matrix.values);
    return data;
  }
  const SampleJoin join = join_by_sample_id(matrix.sample_ids, table->sample_ids);
  report_join(join, options.matrix, table->path, notes);
  const Index n_features = matrix.values.cols();
  const auto n_covariates = static_cast<Index>(options.covariates.size());
  data.values = std::move(matrix.values);
  if (n_covariates > 0) {
    // Covariates go into the sample's own matrix row; rows not joined keep NaN and are unused.
    data.values.conservativeResize(Eigen::NoChange, n_features + n_covariates);
    data.values.rightCols(n_covariates).setConstant(std::nanf(""));
  }
  for (const auto& [row, phenotype_row] : join.pairs) {
    data.sample_ids.push_back(matrix.sample_ids[row]);
    data.sample_rows.push_back(row);
    const PhenotypeColumn& target = table->columns[0];
    data.targets.push_back(target.values[phenotype_row]);
    if (target.kind == PhenotypeKind::kSurvival) {
      data.events.push_back(target.events[phenotype_row]);
      // A time without its event is no target either.
      if (std::isnan(data.events.back())) data.targets.back() = std::nanf("");
    }
    if (!table->splits.empty()) parts.push_back(table->splits[phenotype_row]);
    for (Index c = 0; c < n_covariates; ++c) {
      data.values(static_cast<Index>(row), n_features + c) =
          table->columns[static_cast<std::size_t>(c) + 1].values[phenotype_row];
    }
  }
  data.class_labels = table->columns[0].class_labels;
  data.n_covariates = options.covariates.size();
  for (const std::string& name : options.covariates) {
    data.feature_ids.push_back(covariate_feature_id(name));
    data.z_score.push_back(true);
  }
  make_unique_ids(data.feature_ids, "the feature IDs of " + options.matrix, notes);
  return data;
}

std::string describe(const SampleMatrix& matrix, const DataOptions& options) {
  std::string text = "matrix " + options.matrix + " (" + std::to_string(matrix.values.rows()) +
                     " samples x " + std::to_string(matrix.values.cols()) + " features)";
  if (!options.phenotypes.empty()) text += ", phenotypes " + options.phenotypes;
  return text;
}

}  // namespace

TrainingSet load_matrix(const DataOptions& options) {
  require_option(options.matrix, "matrix", "matrix");
  require_option(options.phenotypes, "phenotypes", "matrix");
  SampleMatrix matrix = read_delimited_matrix(options.matrix);
  std::string description = describe(matrix, options);
  const PhenotypeTable table = read_phenotype_table(options, !options.split_column.empty());
  std::vector<std::string> notes;
  std::vector<DataSplit> parts;
  InMemoryData data = in_memory(std::move(matrix), &table, options, parts, notes);
  const std::vector<std::size_t> keep =
      samples_with_target(data.targets, data.sample_ids, table.path, notes, target_name(options));
  keep_samples(data, keep);
  if (options.task == TaskKind::kMulticlass) {
    drop_absent_classes(data.targets, data.class_labels, table.path, notes);
  }
  SplitIndices splits =
      parts.empty() ? split_by_fractions(data.targets, data.events, options, notes)
                    : split_by_column(subset(parts, keep), table.path, options.split_column, notes);
  check_training_targets(data.targets, data.events, data.class_labels, splits.train, options.task,
                         table.path, notes);
  return finish_in_memory(std::move(data), std::move(splits), options, std::move(description),
                          std::move(notes));
}

PredictionInputs predict_matrix(const DataOptions& options,
                                const std::vector<std::string>& feature_ids,
                                const nlohmann::json& preprocessing) {
  require_option(options.matrix, "matrix", "matrix");
  SampleMatrix matrix = read_delimited_matrix(options.matrix);
  std::string description = describe(matrix, options);
  std::vector<std::string> notes;
  std::vector<DataSplit> parts;
  const bool with_targets = !options.phenotypes.empty();
  PhenotypeTable table;
  if (with_targets) table = read_phenotype_table(options, false);
  InMemoryData data =
      in_memory(std::move(matrix), with_targets ? &table : nullptr, options, parts, notes);
  if (with_targets) {
    keep_samples(data, samples_with_target(data.targets, data.sample_ids, table.path, notes,
                                           target_name(options)));
    if (options.task == TaskKind::kMulticlass) {
      map_to_model_classes(data.targets, data.class_labels, data.sample_ids, preprocessing,
                           table.path);
    }
  }
  return predict_in_memory(std::move(data), with_targets, feature_ids, preprocessing,
                           std::move(description), std::move(notes));
}

}  // namespace ontonet::data_loading
