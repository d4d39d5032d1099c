// The checkpoint of a training run: everything the loop needs to continue exactly where it
// stopped. It is an ontonet model file (model_file.hpp) whose header is
//   {"kind": "ontonet.checkpoint", "fingerprint": ..., "state": ...}
// and whose blocks are the model's current weights ("model/<block>"), the best weights so far
// ("best/<block>") and the optimizer's state buffers ("optimizer/<k>"). The fingerprint says which
// model, data and options the run had; resuming with any other is refused, because the resumed
// run would silently differ from the one that was interrupted.
#pragma once

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/network/model.hpp"
#include "ontonet/train/optimizer.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet {

// The loop's own state between epochs.
struct LoopState {
  Index epochs_done = 0;
  Index best_epoch = 0;
  double best_loss = std::numeric_limits<double>::infinity();
  Index epochs_without_improvement = 0;
  bool stopped_early = false;
  std::vector<EpochRecord> history;
  NamedBlocks best_weights;  // empty until the first epoch ends
};

void write_checkpoint(const std::string& path, const nlohmann::json& fingerprint,
                      const Model<float>& model, Optimizer<float>& optimizer,
                      const LoopState& state);

// Restores model weights, optimizer state and loop state from `path`. Throws InputError naming
// `path` when it is not a checkpoint, or when its fingerprint differs from `fingerprint` (naming
// the first differing entry) or its blocks do not fit the model and optimizer.
LoopState read_checkpoint(const std::string& path, const nlohmann::json& fingerprint,
                          Model<float>& model, Optimizer<float>& optimizer);

// EpochRecord <-> JSON, NaN written as null (JSON has no NaN).
nlohmann::json epoch_record_json(const EpochRecord& record);
EpochRecord epoch_record_from_json(const nlohmann::json& json);

}  // namespace ontonet
