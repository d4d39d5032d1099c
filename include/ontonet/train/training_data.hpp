// Builds a TrainingSet from the files of one data layout:
//   nest_vnn  DrugCell / NeST-VNN: cell2ind.txt, gene2ind.txt and cell2<channel>.txt matrices in a
//             folder, a `cell drug response [source]` file for training and optionally one for the
//             held-out test split (regression on the response);
//   gennet    GenNet: genotype.h5 (samples x variants) and subjects.csv in a folder; splits from
//             its `set` column, cov_* columns as extra input features (z-scored on train);
//   plink     PLINK 1 .bed/.bim/.fam streamed per batch (missing genotypes imputed to the
//             training mean), phenotype from a phenotype file or the .fam's 6th column;
//   matrix    a delimited samples x features matrix (expression, mutation) with a phenotype file.
// Samples found in only one of the data and the phenotypes are counted in notes, with examples;
// samples with a missing target are left out and counted; missing feature values are imputed to
// the training mean and counted. Feature IDs: "GENE:channel" (nest_vnn), the topology's layer-0
// names by node index when a GenNet topology is given, else the .bim IDs (plink) or "variant<j>"
// (gennet), the matrix header (matrix). See docs/formats/training_data.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/train/training_set.hpp"

namespace ontonet {

enum class Standardization {
  kNone,    // features as read (genotype dosages, 0/1 mutations), missing values imputed
  kZScore,  // (x - mean) / sd with mean and sd of the training split; sd 0 -> scale 1
};

struct DataOptions {
  std::string format;  // "nest_vnn", "gennet", "plink", "matrix"
  // nest_vnn: the folder of cell2ind.txt, gene2ind.txt, cell2<channel>.txt; gennet: the folder
  // of genotype.h5 and subjects.csv.
  std::string folder;
  std::vector<std::string> channels{"mutation", "cndeletion", "cnamplification"};  // nest_vnn
  std::string responses;       // nest_vnn: training responses
  std::string test_responses;  // nest_vnn: optional; its samples form the test split
  std::string plink;           // plink: the prefix of .bed/.bim/.fam
  std::string matrix;          // matrix: the samples x features file
  // Phenotype file (plink, matrix); for plink an empty path means the .fam's 6th column.
  std::string phenotypes;
  std::string sample_column = "sample";
  std::string target_column = "phenotype";
  std::string event_column;  // survival: 1 = event, 0 = censored (target_column is the time)
  std::string split_column;  // empty: seeded fractions
  std::vector<std::string> covariates;  // phenotype-file columns used as extra inputs (z-scored)
  // GenNet topology whose layer0_node indices name the genotype columns (gennet, plink); empty:
  // features keep the file's own IDs.
  std::string topology;
  TaskKind task = TaskKind::kRegression;
  Standardization standardization = Standardization::kNone;
  SplitFractions fractions;      // used when the layout has no split of its own
  std::uint64_t split_seed = 1;  // stratified by class (binary, multiclass) or by event (survival)
};

// Throws InputError naming the file and line for malformed files, ConfigError naming the option
// for an unknown format or a missing required path ("data.<field>", e.g. "data.responses"; bad
// fractions are "split.fractions"), and InputError when no sample has both features and a target,
// or a needed split is empty (check_training_set). TrainingSet::preprocessing is
// {"schema_version": 1, "feature_ids": [...], "fill": [...], "center": [...], "scale": [...]},
// plus "class_labels": [...] for a multiclass task.
TrainingSet load_training_data(const DataOptions& options);

// The inputs for prediction with a trained model: every sample of the data files, preprocessed
// with the statistics the training run stored (TrainingSet::preprocessing, kept in the model
// file) and reordered to `feature_ids` (the model's inputs). When the options name responses or
// phenotypes, only samples with a target are kept and `targets` holds them (for scoring);
// otherwise `targets` is empty. Throws InputError naming the first few features the model needs
// and the data lacks.
struct PredictionInputs {
  std::string description;
  std::vector<std::string> sample_ids;
  std::shared_ptr<const FeatureSource> features;
  Matrix<float> targets;  // [n_outputs, samples] or empty
  std::vector<std::string> notes;
};
PredictionInputs load_prediction_inputs(const DataOptions& options,
                                        const std::vector<std::string>& feature_ids,
                                        const nlohmann::json& preprocessing);

}  // namespace ontonet
