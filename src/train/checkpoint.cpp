#include "checkpoint.hpp"

#include <cmath>
#include <map>

#include "ontonet/core/error.hpp"
#include "ontonet/network/model_file.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

constexpr const char* kCheckpointKind = "ontonet.checkpoint";

double number_from(const nlohmann::json& json) {
  return json.is_null() ? std::nan("") : json.get<double>();
}

std::vector<float> copy_of(const Vector<float>& buffer) {
  return std::vector<float>(buffer.data(), buffer.data() + buffer.size());
}

// The first entry where two JSON values differ, as a JSON pointer ("/train/learning_rate").
std::string first_difference(const nlohmann::json& a, const nlohmann::json& b) {
  const nlohmann::json patch = nlohmann::json::diff(a, b);
  return patch.empty() ? std::string() : patch[0].value("path", std::string("/"));
}

}  // namespace

nlohmann::json epoch_record_json(const EpochRecord& record) {
  nlohmann::json validation = nlohmann::json::object();
  for (const auto& [name, value] : record.validation) validation[name] = json_number(value);
  return {{"epoch", record.epoch},
          {"train_loss", json_number(record.train_loss)},
          {"validation_loss", json_number(record.validation_loss)},
          {"validation", validation},
          {"learning_rate", record.learning_rate},
          {"seconds", record.seconds},
          {"samples_per_second", record.samples_per_second},
          {"best", record.best}};
}

EpochRecord epoch_record_from_json(const nlohmann::json& json) {
  EpochRecord record;
  record.epoch = json.at("epoch").get<Index>();
  record.train_loss = number_from(json.at("train_loss"));
  record.validation_loss = number_from(json.at("validation_loss"));
  for (const auto& [name, value] : json.at("validation").items()) {
    record.validation[name] = number_from(value);
  }
  record.learning_rate = json.at("learning_rate").get<double>();
  record.seconds = json.at("seconds").get<double>();
  record.samples_per_second = json.at("samples_per_second").get<double>();
  record.best = json.at("best").get<bool>();
  return record;
}

void write_checkpoint(const std::string& path, const nlohmann::json& fingerprint,
                      const Model<float>& model, Optimizer<float>& optimizer,
                      const LoopState& state) {
  nlohmann::json history = nlohmann::json::array();
  for (const EpochRecord& record : state.history) history.push_back(epoch_record_json(record));
  ModelFileContents contents;
  contents.header = {{"kind", kCheckpointKind},
                     {"fingerprint", fingerprint},
                     {"state",
                      {{"epochs_done", state.epochs_done},
                       {"best_epoch", state.best_epoch},
                       {"best_loss", std::isinf(state.best_loss) ? nlohmann::json(nullptr)
                                                                 : nlohmann::json(state.best_loss)},
                       {"epochs_without_improvement", state.epochs_without_improvement},
                       {"stopped_early", state.stopped_early},
                       {"optimizer_steps", optimizer.step_count()},
                       {"history", history}}}};
  for (auto& [name, values] : model.weight_blocks()) {
    contents.blocks.push_back(NamedBlock{"model/" + name, std::move(values)});
  }
  for (const auto& [name, values] : state.best_weights) {
    contents.blocks.push_back(NamedBlock{"best/" + name, values});
  }
  const std::vector<Vector<float>*> buffers = optimizer.state_buffers();
  for (std::size_t k = 0; k < buffers.size(); ++k) {
    contents.blocks.push_back(NamedBlock{"optimizer/" + std::to_string(k), copy_of(*buffers[k])});
  }
  write_model_file(path, contents);
}

namespace {

LoopState restore(const std::string& path, ModelFileContents& contents,
                  const nlohmann::json& fingerprint, Model<float>& model,
                  Optimizer<float>& optimizer) {
  const nlohmann::json& header = contents.header;
  if (header.value("kind", std::string()) != kCheckpointKind) {
    throw InputError(path, 0,
                     "expected an ontonet training checkpoint, got a file of kind '" +
                         header.value("kind", std::string("?")) + "'");
  }
  if (header.at("fingerprint") != fingerprint) {
    throw InputError(path, 0,
                     "expected a checkpoint of this run, but its model, data or options differ "
                     "at " +
                         first_difference(header.at("fingerprint"), fingerprint) +
                         "; resume with the same config (only epochs may change) or start afresh");
  }
  NamedBlocks current;
  NamedBlocks best;
  std::map<std::string, std::vector<float>> optimizer_blocks;
  for (NamedBlock& block : contents.blocks) {
    const std::string& name = block.name;
    if (name.rfind("model/", 0) == 0) {
      current.emplace_back(name.substr(6), std::move(block.values));
    } else if (name.rfind("best/", 0) == 0) {
      best.emplace_back(name.substr(5), std::move(block.values));
    } else if (name.rfind("optimizer/", 0) == 0) {
      optimizer_blocks[name] = std::move(block.values);
    } else {
      throw InputError(path, 0,
                       "expected blocks model/*, best/* and optimizer/*, got '" + name + "'");
    }
  }
  try {
    model.load_weight_blocks(current);
  } catch (const ConfigError& error) {
    throw InputError(path, 0, std::string("expected weights that fit the model: ") + error.what());
  }
  const std::vector<Vector<float>*> buffers = optimizer.state_buffers();
  if (optimizer_blocks.size() != buffers.size()) {
    throw InputError(path, 0,
                     "expected " + std::to_string(buffers.size()) +
                         " optimizer state blocks, got " + std::to_string(optimizer_blocks.size()));
  }
  for (std::size_t k = 0; k < buffers.size(); ++k) {
    const auto found = optimizer_blocks.find("optimizer/" + std::to_string(k));
    if (found == optimizer_blocks.end() ||
        found->second.size() != static_cast<std::size_t>(buffers[k]->size())) {
      throw InputError(path, 0,
                       "expected optimizer state block " + std::to_string(k) + " of size " +
                           std::to_string(buffers[k]->size()));
    }
    *buffers[k] = Eigen::Map<const Vector<float>>(found->second.data(), buffers[k]->size());
  }
  const nlohmann::json& saved = header.at("state");
  optimizer.set_step_count(saved.at("optimizer_steps").get<long>());
  LoopState state;
  state.epochs_done = saved.at("epochs_done").get<Index>();
  state.best_epoch = saved.at("best_epoch").get<Index>();
  state.best_loss = saved.at("best_loss").is_null() ? std::numeric_limits<double>::infinity()
                                                    : saved.at("best_loss").get<double>();
  state.epochs_without_improvement = saved.at("epochs_without_improvement").get<Index>();
  state.stopped_early = saved.at("stopped_early").get<bool>();
  for (const nlohmann::json& record : saved.at("history")) {
    state.history.push_back(epoch_record_from_json(record));
  }
  state.best_weights = std::move(best);
  return state;
}

}  // namespace

LoopState read_checkpoint(const std::string& path, const nlohmann::json& fingerprint,
                          Model<float>& model, Optimizer<float>& optimizer) {
  ModelFileContents contents = read_model_file(path);
  try {
    return restore(path, contents, fingerprint, model, optimizer);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(path, 0,
                     std::string("expected a complete checkpoint header: ") + error.what());
  }
}

}  // namespace ontonet
