// The plink layout: a PLINK 1 .bed/.bim/.fam set streamed per batch (plink_features.hpp), with
// the target from a phenotype file (matched by the .fam's individual ID) or the .fam's 6th
// column, and covariates from the phenotype file held in memory.
#include <cmath>
#include <memory>
#include <unordered_map>

#include "example_list.hpp"
#include "in_memory_features.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "plink_features.hpp"
#include "training_data_common.hpp"

namespace ontonet::data_loading {

namespace {

// The samples of a PLINK set that take part, with their phenotypes.
struct PlinkSamples {
  std::vector<std::string> ids;            // individual IDs
  std::vector<std::size_t> fam_rows;       // per sample
  std::vector<float> targets;              // per sample (survival: the time); NaN = missing
  std::vector<float> events;               // survival: per sample; else empty
  std::vector<std::string> class_labels;   // multiclass: the labels `targets` index
  std::vector<DataSplit> parts;            // per sample; empty without a split column
  SampleValues covariates;                 // [samples, covariates]
  std::vector<std::string> covariate_ids;  // "cov:<name>"
  std::string target_file;                 // the phenotype file or the .fam
};

std::vector<std::string> individual_ids(const PlinkDataset& dataset, const std::string& fam_path) {
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> line_of;
  for (std::size_t r = 0; r < dataset.n_samples(); ++r) {
    const std::string& id = dataset.samples()[r].individual_id;
    const auto [it, inserted] = line_of.emplace(id, r + 1);
    if (!inserted) {
      throw InputError(fam_path, r + 1,
                       "expected unique individual IDs (column 2) to match samples by; '" + id +
                           "' is also on line " + std::to_string(it->second));
    }
    ids.push_back(id);
  }
  return ids;
}

// The .fam's 6th column as the target. Binary: PLINK's 1 = control, 2 = case (0, -9 missing),
// unless the column holds only 0 and 1, GenNet's coding (0 = control, 1 = case).
void targets_from_fam(const PlinkDataset& dataset, const DataOptions& options,
                      PlinkSamples& samples, std::vector<std::string>& notes) {
  bool zero_one = true;
  for (const PlinkSample& sample : dataset.samples()) {
    zero_one = zero_one && (std::isnan(sample.phenotype) || sample.phenotype == 0.0f ||
                            sample.phenotype == 1.0f);
  }
  const bool binary = options.task == TaskKind::kBinary;
  if (binary && zero_one) {
    notes.push_back(
        "the .fam phenotype holds only 0 and 1: read as 0 = control, 1 = case "
        "(GenNet's coding), not PLINK's 1/2");
  }
  for (std::size_t r = 0; r < dataset.n_samples(); ++r) {
    const float value = dataset.samples()[r].phenotype;
    samples.fam_rows.push_back(r);
    samples.targets.push_back(!binary || zero_one ? value : plink_case_control(value));
  }
}

void phenotypes_from_file(const DataOptions& options, const std::vector<std::string>& fam_ids,
                          const std::string& fam_path, bool with_split, PlinkSamples& samples,
                          std::vector<std::string>& notes) {
  const PhenotypeTable table = read_phenotype_table(options, with_split);
  const SampleJoin join = join_by_sample_id(fam_ids, table.sample_ids);
  report_join(join, fam_path, table.path, notes);
  samples.class_labels = table.columns[0].class_labels;
  const std::size_t n_covariates = options.covariates.size();
  samples.covariates.resize(static_cast<Index>(join.pairs.size()),
                            static_cast<Index>(n_covariates));
  for (std::size_t i = 0; i < join.pairs.size(); ++i) {
    const auto [fam_row, phenotype_row] = join.pairs[i];
    samples.fam_rows.push_back(fam_row);
    const PhenotypeColumn& target = table.columns[0];
    samples.targets.push_back(target.values[phenotype_row]);
    if (target.kind == PhenotypeKind::kSurvival) {
      samples.events.push_back(target.events[phenotype_row]);
      // A time without its event is no target either.
      if (std::isnan(samples.events.back())) samples.targets.back() = std::nanf("");
    }
    if (!table.splits.empty()) samples.parts.push_back(table.splits[phenotype_row]);
    for (std::size_t c = 0; c < n_covariates; ++c) {
      samples.covariates(static_cast<Index>(i), static_cast<Index>(c)) =
          table.columns[c + 1].values[phenotype_row];
    }
  }
}

PlinkSamples read_samples(const PlinkDataset& dataset, const DataOptions& options, bool with_split,
                          std::vector<std::string>& notes) {
  const std::string fam_path = options.plink + ".fam";
  const std::vector<std::string> fam_ids = individual_ids(dataset, fam_path);
  PlinkSamples samples;
  if (options.phenotypes.empty()) {
    if (!options.covariates.empty()) {
      throw ConfigError("data.covariates", "need a phenotype file (data.phenotypes) to read from");
    }
    if (!options.split_column.empty()) {
      throw ConfigError("data.split_column", "needs a phenotype file (data.phenotypes)");
    }
    require_numeric_task(options, "the .fam's 6th column (give a phenotype file, data.phenotypes)");
    samples.target_file = fam_path;
    targets_from_fam(dataset, options, samples, notes);
  } else {
    samples.target_file = options.phenotypes;
    phenotypes_from_file(options, fam_ids, fam_path, with_split, samples, notes);
  }
  for (std::size_t row : samples.fam_rows) samples.ids.push_back(fam_ids[row]);
  for (const std::string& name : options.covariates) {
    samples.covariate_ids.push_back(covariate_feature_id(name));
  }
  return samples;
}

void keep(PlinkSamples& samples, const std::vector<std::size_t>& rows) {
  samples.ids = subset(samples.ids, rows);
  samples.fam_rows = subset(samples.fam_rows, rows);
  samples.targets = subset(samples.targets, rows);
  if (!samples.events.empty()) samples.events = subset(samples.events, rows);
  if (!samples.parts.empty()) samples.parts = subset(samples.parts, rows);
  if (samples.covariates.cols() == 0) return;
  SampleValues covariates(static_cast<Index>(rows.size()), samples.covariates.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    covariates.row(static_cast<Index>(i)) = samples.covariates.row(static_cast<Index>(rows[i]));
  }
  samples.covariates = std::move(covariates);
}

// The .bim IDs, or the topology's names by column, made unique.
std::vector<std::string> snp_ids(const PlinkDataset& dataset, const DataOptions& options,
                                 std::vector<std::string>& notes) {
  std::vector<std::string> ids;
  for (const PlinkVariant& variant : dataset.variants()) ids.push_back(variant.id);
  if (!options.topology.empty()) {
    name_columns_by_topology(options.topology, dataset.bed_path(), ids, notes);
  }
  make_unique_ids(ids, options.plink + ".bim", notes);
  return ids;
}

std::shared_ptr<const InMemoryFeatures> covariate_source(const PlinkSamples& samples,
                                                         const FeatureScaling& scaling) {
  if (samples.covariate_ids.empty()) return nullptr;
  return std::make_shared<InMemoryFeatures>(samples.covariates,
                                            identity_indices(samples.covariate_ids.size()),
                                            identity_indices(samples.ids.size()), scaling);
}

std::string describe(const PlinkDataset& dataset, const DataOptions& options,
                     const PlinkSamples& samples) {
  return "plink " + options.plink + " (" + std::to_string(dataset.n_samples()) + " samples x " +
         std::to_string(dataset.n_snps()) + " SNPs), target from " + samples.target_file;
}

}  // namespace

TrainingSet load_plink(const DataOptions& options) {
  require_option(options.plink, "plink", "plink");
  auto dataset = std::make_shared<const PlinkDataset>(open_plink(options.plink));
  std::vector<std::string> notes;
  PlinkSamples samples = read_samples(*dataset, options, !options.split_column.empty(), notes);
  keep(samples, samples_with_target(samples.targets, samples.ids, samples.target_file, notes,
                                    target_name(options)));
  if (options.task == TaskKind::kMulticlass) {
    drop_absent_classes(samples.targets, samples.class_labels, samples.target_file, notes);
  }
  SplitIndices splits =
      samples.parts.empty()
          ? split_by_fractions(samples.targets, samples.events, options, notes)
          : split_by_column(samples.parts, samples.target_file, options.split_column, notes);
  check_training_targets(samples.targets, samples.events, samples.class_labels, splits.train,
                         options.task, samples.target_file, notes);

  const std::vector<std::string> ids = snp_ids(*dataset, options, notes);
  const PlinkStatistics statistics =
      fit_plink_statistics(*dataset, subset(samples.fam_rows, splits.train), samples.fam_rows, ids,
                           options.standardization == Standardization::kZScore);
  if (statistics.n_missing_genotypes > 0) {
    notes.push_back(std::to_string(statistics.n_missing_genotypes) +
                    " missing genotypes imputed to the SNP's training mean dosage");
  }
  if (statistics.n_unobserved_snps > 0) {
    notes.push_back(std::to_string(statistics.n_unobserved_snps) +
                    " SNPs are missing in every training sample; they are filled with 0");
  }
  FeatureScaling scaling = statistics.scaling;
  FeatureScaling covariate_scaling;
  if (!samples.covariate_ids.empty()) {
    std::size_t n_unobserved = 0;
    covariate_scaling =
        fit_feature_scaling(samples.covariates, splits.train, samples.covariate_ids,
                            std::vector<bool>(samples.covariate_ids.size(), true), n_unobserved);
    const std::string missing =
        missing_values_note(samples.covariates, identity_indices(samples.ids.size()));
    if (!missing.empty()) notes.push_back("covariates: " + missing);
    for (std::size_t k = 0; k < covariate_scaling.size(); ++k) scaling.append(covariate_scaling, k);
  }

  TrainingSet set;
  set.description = describe(*dataset, options, samples);
  set.features = std::make_shared<PlinkFeatures>(
      dataset, samples.fam_rows, identity_indices(dataset->n_snps()), statistics.scaling,
      covariate_source(samples, covariate_scaling));
  set.n_covariates = samples.covariate_ids.size();
  set.sample_ids = std::move(samples.ids);
  set.targets = target_matrix(samples.targets, samples.events);
  set.task = options.task;
  set.class_labels = std::move(samples.class_labels);
  set.splits = std::move(splits);
  set.notes = std::move(notes);
  set.preprocessing = preprocessing_json(scaling, set.class_labels);
  check_training_set(set);
  return set;
}

PredictionInputs predict_plink(const DataOptions& options,
                               const std::vector<std::string>& feature_ids,
                               const nlohmann::json& preprocessing) {
  require_option(options.plink, "plink", "plink");
  auto dataset = std::make_shared<const PlinkDataset>(open_plink(options.plink));
  std::vector<std::string> notes;
  const bool with_targets = !options.phenotypes.empty();
  PlinkSamples samples;
  if (with_targets) {
    samples = read_samples(*dataset, options, false, notes);
    keep(samples, samples_with_target(samples.targets, samples.ids, samples.target_file, notes,
                                      target_name(options)));
    if (options.task == TaskKind::kMulticlass) {
      map_to_model_classes(samples.targets, samples.class_labels, samples.ids, preprocessing,
                           samples.target_file);
    }
  } else {
    samples.ids = individual_ids(*dataset, options.plink + ".fam");
    samples.fam_rows = identity_indices(dataset->n_samples());
    samples.target_file = "(none)";
  }

  // The model's inputs are its SNPs, then its covariates, as load_plink orders them.
  std::unordered_map<std::string, std::size_t> snp_of;
  const std::vector<std::string> ids = snp_ids(*dataset, options, notes);
  for (std::size_t j = 0; j < ids.size(); ++j) snp_of.emplace(ids[j], j);
  std::unordered_map<std::string, std::size_t> covariate_of;
  for (std::size_t c = 0; c < samples.covariate_ids.size(); ++c) {
    covariate_of.emplace(samples.covariate_ids[c], c);
  }
  std::vector<std::size_t> snps, covariates;
  std::vector<std::string> missing;
  std::size_t n_missing = 0;
  for (const std::string& id : feature_ids) {
    const auto snp = snp_of.find(id);
    const auto covariate = covariate_of.find(id);
    if (snp != snp_of.end() && covariates.empty()) {
      snps.push_back(snp->second);
    } else if (covariate != covariate_of.end()) {
      covariates.push_back(covariate->second);
    } else if (snp != snp_of.end()) {
      throw InputError("the model's inputs", 0,
                       "expected its SNPs before its covariates, as training orders them; SNP '" +
                           id + "' follows a covariate");
    } else if (++n_missing <= kExampleCount) {
      missing.push_back(id);
    }
  }
  if (n_missing > 0) throw_missing_features(options.plink, missing, n_missing);
  const FeatureScaling scaling = stored_scaling(preprocessing, feature_ids);
  FeatureScaling snp_scaling, covariate_scaling;
  for (std::size_t k = 0; k < scaling.size(); ++k) {
    (k < snps.size() ? snp_scaling : covariate_scaling).append(scaling, k);
  }
  std::shared_ptr<const InMemoryFeatures> covariate_features;
  if (!covariates.empty()) {
    covariate_features = std::make_shared<InMemoryFeatures>(
        samples.covariates, covariates, identity_indices(samples.ids.size()), covariate_scaling);
  }

  PredictionInputs inputs;
  inputs.description = describe(*dataset, options, samples);
  inputs.features = std::make_shared<PlinkFeatures>(dataset, samples.fam_rows, snps, snp_scaling,
                                                    covariate_features);
  inputs.sample_ids = std::move(samples.ids);
  if (with_targets) inputs.targets = target_matrix(samples.targets, samples.events);
  inputs.notes = std::move(notes);
  return inputs;
}

}  // namespace ontonet::data_loading
