// Reports a training run as it goes: on a terminal, a progress bar on stderr redrawn at most ten
// times a second (epoch, batch, loss, throughput); otherwise nothing per batch. One line per
// epoch on stdout either way, so logs and CI output stay readable. It also rewrites the run
// folder's log after every epoch.
#pragma once

#include <chrono>
#include <iosfwd>

#include "ontonet/train/run_folder.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet::cli {

class ProgressPrinter : public TrainingObserver {
 public:
  // `label` prefixes the lines.
  ProgressPrinter(const RunFolder& folder, std::string label, Index epochs, bool bar);

  void on_batch(Index epoch, Index batch, Index n_batches, double loss,
                double samples_per_second) override;
  void on_epoch(const std::vector<EpochRecord>& history) override;

 private:
  const RunFolder& folder_;
  std::string label_;
  Index epochs_;
  bool bar_;
  bool bar_drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace ontonet::cli
