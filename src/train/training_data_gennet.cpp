// The gennet layout: genotype.h5 (samples x variants) and subjects.csv in one folder. A subject's
// features are its genotype_row of the HDF5 matrix, then its cov_* covariates; its split is the
// `set` column and its target the `labels` column.
#include <cmath>
#include <unordered_map>

#include "ontonet/core/error.hpp"
#include "ontonet/io/gennet_h5_reader.hpp"
#include "ontonet/io/gennet_subjects_reader.hpp"
#include "training_data_common.hpp"

namespace ontonet::data_loading {

namespace {

struct GenNetFiles {
  std::string genotype_path;
  std::string subjects_path;
  SampleMatrix genotypes;
  GenNetSubjects subjects;
};

GenNetFiles read_gennet(const DataOptions& options) {
  require_option(options.folder, "folder", "gennet");
  require_numeric_task(options, "data format gennet (its labels column holds one number)");
  GenNetFiles files;
  files.genotype_path = options.folder + "/genotype.h5";
  files.subjects_path = options.folder + "/subjects.csv";
  const GenNetGenotypeFile genotype_file(files.genotype_path);
  files.subjects = read_gennet_subjects(files.subjects_path);
  check_genotype_rows(files.subjects, genotype_file.n_samples());
  files.genotypes = genotype_file.read_all();
  return files;
}

// The sample-ID rule: the patient_id, or "<patient_id>@row<genotype_row>" for every row of a
// patient_id the file repeats (GenNet's example_classification repeats 382).
std::vector<std::string> subject_ids(const GenNetSubjects& subjects) {
  std::unordered_map<std::string, std::size_t> count;
  for (const GenNetSubject& subject : subjects.subjects) ++count[subject.patient_id];
  std::vector<std::string> ids;
  for (const GenNetSubject& subject : subjects.subjects) {
    ids.push_back(count[subject.patient_id] == 1
                      ? subject.patient_id
                      : subject.patient_id + "@row" + std::to_string(subject.genotype_row));
  }
  return ids;
}

// Genotype columns (named by the topology when given), then the covariates, z-scored always.
InMemoryData in_memory(GenNetFiles& files, const DataOptions& options,
                       std::vector<std::string>& notes) {
  const GenNetSubjects& subjects = files.subjects;
  InMemoryData data;
  data.feature_file = files.genotype_path;
  data.sample_ids = subject_ids(subjects);
  data.feature_ids = std::move(files.genotypes.feature_ids);
  if (!options.topology.empty()) {
    name_columns_by_topology(options.topology, files.genotype_path, data.feature_ids, notes);
  }
  data.z_score.assign(data.feature_ids.size(), options.standardization == Standardization::kZScore);
  const auto n_variants = files.genotypes.values.cols();
  const auto n_covariates = static_cast<Index>(subjects.covariate_names.size());
  data.values = std::move(files.genotypes.values);
  if (n_covariates > 0) {
    // Covariates go into the subject's genotype row, unique per subject (the reader checks it).
    data.values.conservativeResize(Eigen::NoChange, n_variants + n_covariates);
    data.values.rightCols(n_covariates).setConstant(std::nanf(""));
    for (const GenNetSubject& subject : subjects.subjects) {
      for (Index c = 0; c < n_covariates; ++c) {
        data.values(static_cast<Index>(subject.genotype_row), n_variants + c) =
            subject.covariates[static_cast<std::size_t>(c)];
      }
    }
    data.n_covariates = subjects.covariate_names.size();
    for (const std::string& name : subjects.covariate_names) {
      data.feature_ids.push_back(covariate_feature_id(name));
      data.z_score.push_back(true);
    }
  }
  make_unique_ids(data.feature_ids, "the feature IDs of " + files.genotype_path, notes);
  for (const GenNetSubject& subject : subjects.subjects) {
    data.sample_rows.push_back(subject.genotype_row);
    data.targets.push_back(subject.label);
  }
  if (subjects.n_repeated_patient_ids > 0) {
    notes.push_back(
        std::to_string(subjects.n_repeated_patient_ids) + " rows of " + subjects.path +
        " repeat a patient_id; those subjects are named <patient_id>@row<genotype_row>");
  }
  return data;
}

void check_binary_labels(const GenNetSubjects& subjects) {
  for (const GenNetSubject& subject : subjects.subjects) {
    if (!std::isnan(subject.label) && subject.label != 0.0f && subject.label != 1.0f) {
      throw InputError(
          subjects.path, subject.line,
          "expected a binary label 0 or 1 (task binary), found " + std::to_string(subject.label));
    }
  }
}

std::string describe(const GenNetFiles& files) {
  return "gennet " + files.genotype_path + " (" + std::to_string(files.genotypes.values.rows()) +
         " x " + std::to_string(files.genotypes.values.cols()) + "), " + files.subjects_path +
         " (" + std::to_string(files.subjects.subjects.size()) + " subjects)";
}

}  // namespace

TrainingSet load_gennet(const DataOptions& options) {
  GenNetFiles files = read_gennet(options);
  if (options.task == TaskKind::kBinary) check_binary_labels(files.subjects);
  std::string description = describe(files);
  std::vector<std::string> notes;
  std::vector<DataSplit> parts;
  for (const GenNetSubject& subject : files.subjects.subjects) parts.push_back(subject.split);
  InMemoryData data = in_memory(files, options, notes);
  const std::vector<std::size_t> keep =
      samples_with_target(data.targets, data.sample_ids, files.subjects_path, notes);
  keep_samples(data, keep);
  SplitIndices splits = split_by_column(subset(parts, keep), files.subjects_path, "set", notes);
  if (options.task == TaskKind::kBinary) {
    require_both_classes(data.targets, splits.train, files.subjects_path);
  }
  return finish_in_memory(std::move(data), std::move(splits), options, std::move(description),
                          std::move(notes));
}

PredictionInputs predict_gennet(const DataOptions& options,
                                const std::vector<std::string>& feature_ids,
                                const nlohmann::json& preprocessing) {
  GenNetFiles files = read_gennet(options);
  std::string description = describe(files);
  std::vector<std::string> notes;
  InMemoryData data = in_memory(files, options, notes);
  // Labels score the predictions when the file has any; an unlabelled cohort predicts them all.
  const bool with_targets = files.subjects.n_missing_labels < files.subjects.subjects.size();
  if (with_targets) {
    if (options.task == TaskKind::kBinary) check_binary_labels(files.subjects);
    keep_samples(data,
                 samples_with_target(data.targets, data.sample_ids, files.subjects_path, notes));
  }
  return predict_in_memory(std::move(data), with_targets, feature_ids, preprocessing,
                           std::move(description), std::move(notes));
}

}  // namespace ontonet::data_loading
