#include "ontonet/train/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <random>

#include "batch_targets.hpp"
#include "checkpoint.hpp"
#include "connection_groups.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/core/seeded_shuffle.hpp"
#include "ontonet/train/adam.hpp"
#include "ontonet/train/adamw.hpp"
#include "ontonet/train/clip_grad_norm.hpp"
#include "ontonet/train/l1_penalty.hpp"
#include "ontonet/train/l2_penalty.hpp"
#include "ontonet/train/sgd.hpp"
#include "ontonet/train/task_metrics.hpp"

namespace ontonet {

namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<Optimizer<float>> make_optimizer(const TrainOptions& options,
                                                 ParameterGroup<float> parameters) {
  if (options.optimizer == "sgd") {
    SgdOptions sgd;
    sgd.learning_rate = options.learning_rate;
    sgd.momentum = options.momentum;
    sgd.weight_decay = options.weight_decay;
    return std::make_unique<Sgd<float>>(std::move(parameters), sgd);
  }
  AdamOptions adam;
  adam.learning_rate = options.learning_rate;
  if (options.optimizer == "adamw") {
    AdamWOptions adamw;
    adamw.adam = adam;
    adamw.weight_decay = options.weight_decay;
    return std::make_unique<AdamW<float>>(std::move(parameters), adamw);
  }
  if (options.weight_decay != 0.0) {
    throw ConfigError("train.weight_decay",
                      "applies to adamw and sgd; with adam use train.l2 (a coupled penalty)");
  }
  return std::make_unique<Adam<float>>(std::move(parameters), adam);
}

// Connection weights only: biases and batch-norm parameters are not penalized.
ParameterGroup<float> connection_weights(const ParameterGroup<float>& parameters) {
  ParameterGroup<float> weights;
  for (Parameter<float>* parameter : parameters) {
    const std::string& name = parameter->name;
    const std::string suffix = ".weights";
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      weights.push_back(parameter);
    }
  }
  return weights;
}

// What a checkpoint must match to be resumed: the network, the data and every option except the
// number of epochs (raising it continues a finished run).
nlohmann::json run_fingerprint(const Model<float>& model, const TrainingSet& data,
                               const TrainOptions& options) {
  return {{"spec_neurons", model.spec().n_neurons()},
          {"spec_edges", static_cast<Index>(model.spec().edges.size())},
          {"parameters", model.n_parameters()},
          {"data", data.description},
          {"samples", data.sample_ids.size()},
          {"splits",
           {data.splits.train.size(), data.splits.validation.size(), data.splits.test.size()}},
          {"train",
           {{"batch_size", options.batch_size},
            {"optimizer", options.optimizer},
            {"learning_rate", options.learning_rate},
            {"momentum", options.momentum},
            {"weight_decay", options.weight_decay},
            {"l1", options.l1},
            {"l2", options.l2},
            {"group_lasso", options.group_lasso},
            {"clip_norm", options.clip_norm},
            {"patience", options.patience},
            {"seed", options.seed}}}};
}

// The training samples in epoch `epoch`'s order, drawn from (seed, epoch) alone.
std::vector<std::size_t> epoch_order(const std::vector<std::size_t>& train, std::uint64_t seed,
                                     Index epoch) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(epoch)};
  std::mt19937_64 generator(sequence);
  std::vector<std::size_t> order = train;
  shuffle_in_place(order, generator);
  return order;
}

// The seed of the dropout masks of one step, drawn from (seed, epoch, batch) alone, so that a
// resumed run draws the masks the uninterrupted one would have. The extra word keeps this stream
// apart from the shuffles'.
std::uint64_t dropout_seed(std::uint64_t seed, Index epoch, Index batch) {
  constexpr std::uint32_t kDropoutStream = 0x64726f70;  // "drop"
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(epoch), static_cast<std::uint32_t>(batch),
                         kDropoutStream};
  return std::mt19937_64(sequence)();
}

// Batch boundaries over n samples: full batches, a lone last sample joining the batch before.
std::vector<std::size_t> batch_starts(std::size_t n, std::size_t batch_size) {
  std::vector<std::size_t> starts;
  for (std::size_t begin = 0; begin < n; begin += batch_size) starts.push_back(begin);
  if (starts.size() > 1 && n - starts.back() == 1) starts.pop_back();
  starts.push_back(n);
  return starts;
}

// Where the outputs start: the training targets' mean (regression), the logit of the base rate
// (binary), the log of each class's frequency (multiclass; softmax is invariant to a common shift).
// Rates are clamped away from 0 and 1. Survival: a Cox loss ignores a shift of the risk score, so
// the outputs are left as they are (nullopt).
std::optional<std::vector<float>> starting_output_bias(const TrainingSet& data) {
  if (data.task == TaskKind::kSurvival) return std::nullopt;
  const auto n_train = static_cast<double>(data.splits.train.size());
  const auto clamp = [](double rate) { return std::min(std::max(rate, 1e-6), 1.0 - 1e-6); };
  std::vector<float> bias(static_cast<std::size_t>(n_model_outputs(data)), 0.0f);
  if (data.task == TaskKind::kMulticlass) {
    std::vector<double> counts(bias.size(), 0.0);
    for (std::size_t i : data.splits.train) {
      counts[static_cast<std::size_t>(std::lround(data.targets(0, static_cast<Index>(i))))] += 1;
    }
    for (std::size_t k = 0; k < bias.size(); ++k) {
      bias[k] = static_cast<float>(std::log(clamp(counts[k] / n_train)));
    }
    return bias;
  }
  for (Index row = 0; row < data.targets.rows(); ++row) {
    double sum = 0.0;
    for (std::size_t i : data.splits.train) sum += data.targets(row, static_cast<Index>(i));
    const double mean = sum / n_train;
    bias[static_cast<std::size_t>(row)] = static_cast<float>(
        data.task == TaskKind::kBinary ? std::log(clamp(mean) / (1.0 - clamp(mean))) : mean);
  }
  return bias;
}

LossKind loss_kind(TaskKind task) {
  switch (task) {
    case TaskKind::kRegression:
      return LossKind::kMse;
    case TaskKind::kBinary:
      return LossKind::kBceWithLogits;
    case TaskKind::kMulticlass:
      return LossKind::kSoftmaxCrossEntropy;
    case TaskKind::kSurvival:
      return LossKind::kCox;
  }
  ONTONET_CHECK(false, "unknown task");
}

class Loop {
 public:
  Loop(Model<float>& model, const TrainingSet& data, const TrainOptions& options,
       TrainingObserver* observer)
      : model_(model),
        data_(data),
        options_(options),
        observer_(observer),
        optimizer_(make_optimizer(options, model.parameters())),
        l1_(connection_weights(model.parameters()), options.l1),
        l2_(connection_weights(model.parameters()), options.l2),
        group_lasso_(options.group_lasso > 0.0 ? connection_group_lasso(model, options.group_lasso)
                                               : std::vector<std::unique_ptr<GroupLasso<float>>>{}),
        loss_kind_(loss_kind(data.task)) {}

  Optimizer<float>& optimizer() { return *optimizer_; }

  // One pass over the training split; returns the mean batch loss.
  double run_epoch(Index epoch) {
    const std::vector<std::size_t> order = epoch_order(data_.splits.train, options_.seed, epoch);
    const std::vector<std::size_t> starts =
        batch_starts(order.size(), static_cast<std::size_t>(options_.batch_size));
    const Index n_batches = static_cast<Index>(starts.size()) - 1;
    double loss_sum = 0.0;
    const Clock::time_point begin = Clock::now();
    for (Index b = 0; b < n_batches; ++b) {
      rows_.assign(order.begin() + static_cast<std::ptrdiff_t>(starts[b]),
                   order.begin() + static_cast<std::ptrdiff_t>(starts[b + 1]));
      const double loss = step(epoch, b);
      loss_sum += loss;
      if (observer_ != nullptr) {
        const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
        observer_->on_batch(epoch, b + 1, n_batches, loss,
                            static_cast<double>(starts[b + 1]) / std::max(seconds, 1e-9));
      }
    }
    return loss_sum / static_cast<double>(n_batches);
  }

 private:
  [[noreturn]] static void diverged(Index epoch, Index batch, const std::string& what) {
    throw Error("training diverged at epoch " + std::to_string(epoch) + ", batch " +
                std::to_string(batch + 1) + ": " + what +
                "; lower train.learning_rate or set train.clip_norm");
  }

  double step(Index epoch, Index batch) {
    gather_targets(data_, rows_, y_);
    tape_.reset();
    tape_.set_training(true);
    // The batch moves into the tape without a gradient (training needs none for its data), as
    // int8 codes when the data are small integers.
    NodeId input;
    if (data_.features->fill_codes(rows_, codes_)) {
      input = tape_.input_codes(std::move(codes_));
    } else {
      data_.features->fill(rows_, x_);
      input = tape_.input(std::move(x_), false);
    }
    double value = 0.0;
    optimizer_->zero_grad();
    try {
      const ModelOutputs outputs =
          model_.forward(tape_, input, dropout_seed(options_.seed, epoch, batch));
      const NodeId loss = model_.loss(tape_, outputs, y_, loss_kind_);
      value = tape_.value(loss)(0, 0);
      tape_.backward(loss);
    } catch (const InputError&) {
      throw;
    } catch (const ConfigError&) {
      throw;
    } catch (const InternalError&) {
      throw;
    } catch (const Error& error) {  // the tape's finite check (on in Debug builds)
      diverged(epoch, batch, error.what());
    }
    if (options_.l2 > 0.0) value += l2_.add_penalty_and_gradient();
    if (options_.l1 > 0.0) value += l1_.penalty();
    for (const auto& group_lasso : group_lasso_) value += group_lasso->penalty();
    if (!std::isfinite(value)) diverged(epoch, batch, "the loss is " + std::to_string(value));
    if (options_.clip_norm > 0.0) clip_grad_norm(optimizer_->parameters(), options_.clip_norm);
    optimizer_->step();
    if (options_.l1 > 0.0) l1_.apply_proximal_step(optimizer_->learning_rate());
    for (const auto& group_lasso : group_lasso_) {
      group_lasso->apply_proximal_step(optimizer_->learning_rate());
    }
    return value;
  }

  Model<float>& model_;
  const TrainingSet& data_;
  const TrainOptions& options_;
  TrainingObserver* observer_;
  std::unique_ptr<Optimizer<float>> optimizer_;
  L1Penalty<float> l1_;
  L2Penalty<float> l2_;
  std::vector<std::unique_ptr<GroupLasso<float>>> group_lasso_;
  LossKind loss_kind_;
  Tape<float> tape_;
  Matrix<float> x_;
  CodeMatrix codes_;
  Matrix<float> y_;
  std::vector<std::size_t> rows_;
};

}  // namespace

TrainingResult train_model(Model<float>& model, const TrainingSet& data,
                           const TrainOptions& options, const CheckpointOptions& checkpoint,
                           TrainingObserver* observer) {
  check_train_options(options);
  check_training_set(data);
  if (model.spec().n_outputs() != n_model_outputs(data)) {
    throw ConfigError("model", "has " + std::to_string(model.spec().n_outputs()) +
                                   " outputs but a " + task_kind_name(data.task) + " task needs " +
                                   std::to_string(n_model_outputs(data)));
  }
  if (static_cast<Index>(data.features->feature_ids().size()) != model.spec().n_inputs()) {
    throw ConfigError(
        "model", "has " + std::to_string(model.spec().n_inputs()) + " inputs but the data has " +
                     std::to_string(data.features->feature_ids().size()) + " features");
  }
  if (checkpoint.resume && checkpoint.path.empty()) {
    throw ConfigError("train.resume", "needs a checkpoint path");
  }
  Loop loop(model, data, options, observer);
  const nlohmann::json fingerprint = run_fingerprint(model, data, options);
  LoopState state;
  if (checkpoint.resume) {
    state = read_checkpoint(checkpoint.path, fingerprint, model, loop.optimizer());
  } else if (const auto bias = starting_output_bias(data)) {
    model.set_output_bias(*bias);
  }
  const bool has_validation = !data.splits.validation.empty();
  const bool early_stopping = has_validation && options.patience > 0;
  Matrix<float> validation_targets;
  gather_targets(data, data.splits.validation, validation_targets);

  for (Index epoch = state.epochs_done + 1; epoch <= options.epochs && !state.stopped_early;
       ++epoch) {
    const Clock::time_point begin = Clock::now();
    EpochRecord record;
    record.epoch = epoch;
    record.learning_rate = loop.optimizer().learning_rate();
    record.train_loss = loop.run_epoch(epoch);
    record.validation_loss = std::nan("");
    if (has_validation) {
      record.validation =
          task_metrics(data.task, validation_targets,
                       predict_outputs(model, *data.features, data.splits.validation));
      record.validation_loss = record.validation.at("loss");
    }
    record.best = !has_validation || record.validation_loss < state.best_loss;
    if (record.best) {
      state.best_loss = has_validation ? record.validation_loss : state.best_loss;
      state.best_epoch = epoch;
      state.best_weights = model.weight_blocks();
      state.epochs_without_improvement = 0;
    } else {
      ++state.epochs_without_improvement;
    }
    state.stopped_early = early_stopping && state.epochs_without_improvement >= options.patience;
    record.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    record.samples_per_second =
        static_cast<double>(data.splits.train.size()) / std::max(record.seconds, 1e-9);
    state.history.push_back(record);
    state.epochs_done = epoch;
    if (!checkpoint.path.empty()) {
      write_checkpoint(checkpoint.path, fingerprint, model, loop.optimizer(), state);
    }
    if (observer != nullptr) {
      observer->on_epoch(state.history);
      if (!checkpoint.path.empty()) observer->on_checkpoint(epoch);
    }
  }

  if (!state.best_weights.empty()) model.load_weight_blocks(state.best_weights);
  TrainingResult result;
  result.history = std::move(state.history);
  result.best_epoch = state.best_epoch;
  result.stopped_early = state.stopped_early;
  result.metrics = evaluate_splits(model, data);
  return result;
}

}  // namespace ontonet
