// The training loop: mini-batches of the training split in a seeded shuffle, one optimizer step
// per batch, an evaluation on the validation split after every epoch, early stopping that keeps
// the best weights, and a checkpoint after every epoch from which an interrupted run resumes to
// exactly the result it would have reached uninterrupted.
//
// Determinism: the order of epoch e is a Fisher-Yates shuffle drawn from a std::mt19937_64 seeded
// with (seed, e) alone, and the dropout masks of batch b of epoch e are drawn from (seed, e, b)
// alone, so neither depends on what ran before or on the thread count; the optimizer's moments
// and step count, the best weights and the early-stopping counters are all in the checkpoint.
// With the same seed and thread count, a run and a resumed run give bitwise-identical weights.
//
// Batches: ceil(n_train / batch_size) per epoch; a last batch of a single sample is merged into the
// one before it, because batch norm needs two samples. The loss of a batch is the model's loss
// (main plus weighted auxiliary heads) plus the L2 penalty on the weights; an L1 or group-lasso
// penalty, when set, is applied as a proximal step after each optimizer step so that weights (or
// whole connections) reach exactly zero; its value is added to the logged batch loss.
//
// A fresh run first sets the output biases (and the auxiliary heads') to the training targets'
// mean, or for a binary task to the logit of the training base rate, so that the first epochs learn
// the signal rather than the offset.
//
// "Best" is the lowest validation loss (the task's loss on the main output); without a validation
// split every epoch is best, i.e. the last weights are kept, and early stopping is off.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ontonet/network/model.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

struct TrainOptions {
  Index epochs = 100;              // >= 1
  Index batch_size = 64;           // >= 2
  std::string optimizer = "adam";  // adam, adamw or sgd
  double learning_rate = 1e-3;
  double momentum = 0.9;      // sgd
  double weight_decay = 0.0;  // adamw: decoupled decay; sgd: coupled, as PyTorch's
  double l2 = 0.0;            // L2 penalty strength on every weight (not biases, not batch norm)
  double l1 = 0.0;            // L1 strength on every weight, as a proximal step
  // Group-lasso strength, as a proximal step; a group is every weight from one block (gene, term,
  // input feature, dense layer) into one block, weighted by sqrt(group size) (group_lasso.hpp).
  double group_lasso = 0.0;
  double clip_norm = 0.0;  // clip the global gradient norm to this; 0 = off
  Index patience = 10;     // epochs without a better validation loss before stopping; 0 = off
  std::uint64_t seed = 1;  // shuffles and dropout masks
};

// Throws ConfigError("train.<option>", ...) naming the first invalid option.
void check_train_options(const TrainOptions& options);

struct EpochRecord {
  Index epoch = 0;               // 1-based
  double train_loss = 0.0;       // mean over batches of the batch loss (with heads and penalties)
  double validation_loss = 0.0;  // NaN without a validation split
  MetricSet validation;          // empty without a validation split
  double learning_rate = 0.0;
  double seconds = 0.0;  // wall time of the epoch, evaluation included
  double samples_per_second = 0.0;
  bool best = false;  // this epoch's weights are the best so far
};

struct TrainingResult {
  std::vector<EpochRecord> history;  // epochs 1 .. last run, resumed ones included
  Index best_epoch = 0;
  bool stopped_early = false;
  // Metrics of the best weights on every non-empty split: "train", "validation", "test".
  std::map<std::string, MetricSet> metrics;
};

// Told about progress; every method is optional.
class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void on_batch(Index /*epoch*/, Index /*batch*/, Index /*n_batches*/, double /*loss*/,
                        double /*samples_per_second*/) {}
  // `history` holds every epoch so far, a resumed run's earlier ones included; the last is new.
  virtual void on_epoch(const std::vector<EpochRecord>& /*history*/) {}
  // After a checkpoint was written; a test stops a run here.
  virtual void on_checkpoint(Index /*epoch*/) {}
};

struct CheckpointOptions {
  std::string path;     // empty: no checkpoints
  bool resume = false;  // continue from `path` (which must exist) instead of starting afresh
};

// Trains `model` in place on `data`; on return the model holds the best weights. Throws
// ConfigError for invalid options, InputError naming the checkpoint for a checkpoint that does not
// belong to this model, data and options, and Error when the loss becomes NaN or infinite (naming
// the epoch and batch, and suggesting a lower learning rate).
TrainingResult train_model(Model<float>& model, const TrainingSet& data,
                           const TrainOptions& options, const CheckpointOptions& checkpoint = {},
                           TrainingObserver* observer = nullptr);

// Raw outputs (predictions or logits) of `model` in inference mode for samples `rows` of
// `features`: [n_outputs, rows.size()], computed batch by batch.
Matrix<float> predict_outputs(Model<float>& model, const FeatureSource& features,
                              const std::vector<std::size_t>& rows, Index batch_size = 256);

// The metrics of `model` on every non-empty split of `data`, as in TrainingResult::metrics.
std::map<std::string, MetricSet> evaluate_splits(Model<float>& model, const TrainingSet& data);

}  // namespace ontonet
