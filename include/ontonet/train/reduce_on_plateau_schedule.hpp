// Lowers the learning rate when a monitored metric (say, validation loss) stops improving, with the
// semantics and defaults of PyTorch's ReduceLROnPlateau. After each epoch, on_epoch_end(metric):
//  1. counts the epoch as an improvement if the metric beats the best so far by the threshold
//     (mode min, relative: metric < best - |best| * threshold; absolute: metric < best - threshold;
//     mode max mirrors these), and then resets the bad-epoch count and records the new best;
//     otherwise the bad-epoch count grows by one (a NaN metric is never an improvement);
//  2. during cooldown, counts one cooldown epoch down and ignores bad epochs (count kept at 0);
//  3. once the bad-epoch count exceeds patience, sets lr <- max(lr * factor, min_lr) (skipped if that
//     changes lr by no more than eps), starts the cooldown and resets the bad-epoch count.
// So with patience p the first reduction happens on the (p+1)-th epoch in a row without improvement.
// The relative threshold uses |best|, which equals PyTorch's best * (1 - threshold) for the usual
// non-negative losses and, unlike it, stays a stricter test for negative metrics.
// The schedule returns the rate; the training loop passes it to Optimizer::set_learning_rate.
#pragma once

namespace ontonet {

struct ReduceOnPlateauOptions {
  enum class Mode { kMin, kMax };
  enum class ThresholdMode { kRelative, kAbsolute };

  Mode mode = Mode::kMin;
  double factor = 0.1;  // in (0, 1)
  int patience = 10;    // >= 0
  double threshold = 1e-4;
  ThresholdMode threshold_mode = ThresholdMode::kRelative;
  int cooldown = 0;     // >= 0
  double min_lr = 0.0;
  double eps = 1e-8;
};

class ReduceOnPlateauSchedule {
 public:
  // Throws ConfigError for factor outside (0, 1), negative patience or cooldown, or a negative or
  // non-finite threshold, min_lr, eps or initial_lr.
  ReduceOnPlateauSchedule(double initial_lr, const ReduceOnPlateauOptions& options);

  // Feeds one epoch's metric and returns the learning rate for the next epoch.
  double on_epoch_end(double metric);

  double learning_rate() const { return learning_rate_; }
  double best() const { return best_; }
  int bad_epochs() const { return bad_epochs_; }
  bool in_cooldown() const { return cooldown_left_ > 0; }

 private:
  bool is_improvement(double metric) const;

  ReduceOnPlateauOptions options_;
  double learning_rate_;
  double best_;
  int bad_epochs_ = 0;
  int cooldown_left_ = 0;
};

}  // namespace ontonet
