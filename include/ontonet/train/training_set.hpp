// What a training run learns from: the input features of every sample (held in memory or streamed
// from a PLINK .bed), one target row per output, the task, and which samples are train,
// validation and test. The data loaders (training_data.hpp) build a TrainingSet from the files of
// each supported layout; the Trainer only sees this.
//
// Preprocessing (imputation of missing values, standardization) is part of the feature source and
// is fitted on the training split only, so that no validation or test sample leaks into it.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/train/data_split.hpp"

namespace ontonet {

// What the targets are and how a model's outputs are scored:
//   regression  targets [1, n] numbers; one output; MSE
//   binary      targets [1, n] 0/1; one output, a logit; binary cross-entropy
//   multiclass  targets [1, n] class indices 0 .. K-1 (as float; class_labels names them); K
//               outputs, logits; softmax cross-entropy
//   survival    targets [2, n]: row 0 the time (>= 0), row 1 the event (1 = event, 0 = censored);
//               one output, a log-risk score; negative Cox partial likelihood (Breslow ties)
enum class TaskKind { kRegression, kBinary, kMulticlass, kSurvival };

const char* task_kind_name(TaskKind task);  // "regression", "binary", "multiclass", "survival"
// Throws ConfigError(path, ...) for a name other than the four above.
TaskKind parse_task_kind(const std::string& name, const std::string& path);

// The input features of samples 0 .. n_samples() - 1, preprocessed, in the activation layout.
class FeatureSource {
 public:
  virtual ~FeatureSource() = default;
  virtual std::size_t n_samples() const = 0;
  // One per feature row of fill(), unique; a model's input block entities match them.
  virtual const std::vector<std::string>& feature_ids() const = 0;
  // Resizes x to [feature_ids().size(), rows.size()]; column j holds sample rows[j]. Must be safe
  // to call from one thread at a time; it may be slow (decoding), never allocate per call beyond x.
  virtual void fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const = 0;
  // As fill(), as int8 codes, when every value the source holds is a small integer (genotype
  // dosages or mutation bits as read: nothing imputed, centered or scaled). A model's first layer
  // then reads a quarter of the bytes, with the same result. Returns false, x untouched, otherwise.
  virtual bool fill_codes(const std::vector<std::size_t>& /*rows*/, CodeMatrix& /*x*/) const {
    return false;
  }
};

struct TrainingSet {
  std::string description;                        // one line: the files and what was read
  std::vector<std::string> sample_ids;            // n samples, unique
  std::shared_ptr<const FeatureSource> features;  // n_samples() == sample_ids.size()
  // The last n_covariates feature rows are covariates (age, sex, cohort), not genetic: they reach
  // the network through a dense branch, not through genes.
  std::size_t n_covariates = 0;
  Matrix<float> targets;  // [n_outputs, n samples], finite
  TaskKind task = TaskKind::kRegression;
  std::vector<std::string> class_labels;  // multiclass: class index -> label; else empty
  SplitIndices splits;                    // indices into sample_ids; train not empty
  // Counted warnings the run can go on with (samples in only one file, missing values imputed,
  // samples without a target left out); printed and written to the run folder.
  std::vector<std::string> notes;
  // The fitted preprocessing (per feature: fill value for missing, center, scale), as JSON, stored
  // in the model file so that predict applies exactly what training did.
  nlohmann::json preprocessing;
};

// The model outputs the task needs: targets.rows() for regression and binary, the number of
// classes for multiclass, 1 for survival.
Index n_model_outputs(const TrainingSet& set);

// Checks the invariants above. Throws InputError naming the data description when a target is
// not finite, a binary target is not 0/1 or has only one class in the training split, or the
// training split is empty; InternalError for inconsistent sizes, repeated sample IDs, or split
// indices out of range or in two splits. Validation and test may be empty: the loaders refuse an
// empty split the user's data or split column should have filled, and note one left empty by a
// fraction of 0.
void check_training_set(const TrainingSet& set);

}  // namespace ontonet
