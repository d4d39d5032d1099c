// The folder of a training run: what a user needs to read, repeat and continue it.
//   config.json      the effective configuration, every option included: `ontonet train --config
//                    RUN/config.json` repeats the run exactly
//   log.tsv          one row per finished epoch (rewritten after each epoch)
//   checkpoint.onm   the state after the last finished epoch, for --resume
//   model.onm        the trained model (best weights) with what predict needs
//   predictions.tsv  every sample's split, target and output
//   metrics.json     final metrics per split, best epoch, counted warnings, baselines
// Every file is written to a temporary name and renamed, so an interrupted run leaves each file
// whole (old or new), never half-written. See docs/formats/run_folder.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/train/trainer.hpp"

namespace ontonet {

class RunFolder {
 public:
  // Creates `path` (and its parents) if needed. Throws InputError naming it when it cannot.
  explicit RunFolder(std::string path);

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const;

  void write_json(const std::string& name, const nlohmann::json& json) const;
  // Columns: epoch, train_loss, validation_loss, then the validation metrics in name order,
  // learning_rate, seconds, samples_per_second, best (1/0). Missing values are written NA.
  void write_log(const std::vector<EpochRecord>& history) const;
  // predictions.tsv: every sample with its split, target and outputs (prediction_table.hpp).
  void write_predictions(const TrainingSet& data, const Matrix<float>& outputs) const;

 private:
  std::string path_;
};

// JSON of a metric map per split, NaN as null.
nlohmann::json metrics_json(const std::map<std::string, MetricSet>& metrics);

// How every table and JSON file ontonet writes spells a number: 9 significant digits in a TSV
// cell, NaN as NA; in JSON a non-finite value as null.
std::string tsv_number(double value);
nlohmann::json json_number(double value);

}  // namespace ontonet
