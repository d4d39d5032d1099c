#include "ontonet/train/comparison_record.hpp"

#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

constexpr int kSchemaVersion = 1;

[[noreturn]] void throw_record_error(const std::string& path, const std::string& message) {
  throw InputError(path, 0, message + " (delete the file to train this run again)");
}

double number_from(const nlohmann::json& value) {
  return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

MetricSet metric_set_from(const nlohmann::json& json) {
  MetricSet metrics;
  for (const auto& [name, value] : json.items()) metrics[name] = number_from(value);
  return metrics;
}

nlohmann::json metric_set_json(const MetricSet& metrics) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [name, value] : metrics) json[name] = json_number(value);
  return json;
}

}  // namespace

nlohmann::json comparison_run_record(const ComparedModel& model, const ComparisonRun& run) {
  nlohmann::json history = nlohmann::json::array();
  for (const EpochRecord& epoch : run.result.history) {
    history.push_back({{"epoch", epoch.epoch},
                       {"train_loss", json_number(epoch.train_loss)},
                       {"validation_loss", json_number(epoch.validation_loss)},
                       {"validation", metric_set_json(epoch.validation)},
                       {"learning_rate", json_number(epoch.learning_rate)},
                       {"seconds", json_number(epoch.seconds)},
                       {"samples_per_second", json_number(epoch.samples_per_second)},
                       {"best", epoch.best}});
  }
  return {{"schema_version", kSchemaVersion},
          {"model", model.name},
          {"seed", run.seed},
          {"parameters", run.parameters},
          {"weights", run.weights},
          {"nonzero_weights", run.nonzero_weights},
          {"seconds", json_number(run.seconds)},
          {"best_epoch", run.result.best_epoch},
          {"stopped_early", run.result.stopped_early},
          {"metrics", metrics_json(run.result.metrics)},
          {"history", std::move(history)}};
}

ComparisonRun read_comparison_run_record(const nlohmann::json& record, std::size_t model_index,
                                         const ComparedModel& model, std::uint64_t seed,
                                         const std::string& path) {
  try {
    if (record.at("schema_version").get<int>() != kSchemaVersion) {
      throw_record_error(path, "expected schema_version " + std::to_string(kSchemaVersion) +
                                   ", got " + record.at("schema_version").dump());
    }
    if (record.at("model").get<std::string>() != model.name ||
        record.at("seed").get<std::uint64_t>() != seed) {
      throw_record_error(path, "expected the run of '" + model.name + "', seed " +
                                   std::to_string(seed) + ", found '" +
                                   record.at("model").get<std::string>() + "', seed " +
                                   record.at("seed").dump());
    }
    ComparisonRun run;
    run.model = model_index;
    run.seed = seed;
    run.parameters = record.at("parameters").get<Index>();
    run.weights = record.at("weights").get<Index>();
    run.nonzero_weights = record.at("nonzero_weights").get<Index>();
    run.seconds = number_from(record.at("seconds"));
    run.result.best_epoch = record.at("best_epoch").get<Index>();
    run.result.stopped_early = record.at("stopped_early").get<bool>();
    for (const auto& [split, metrics] : record.at("metrics").items()) {
      run.result.metrics[split] = metric_set_from(metrics);
    }
    for (const nlohmann::json& json : record.at("history")) {
      EpochRecord epoch;
      epoch.epoch = json.at("epoch").get<Index>();
      epoch.train_loss = number_from(json.at("train_loss"));
      epoch.validation_loss = number_from(json.at("validation_loss"));
      epoch.validation = metric_set_from(json.at("validation"));
      epoch.learning_rate = number_from(json.at("learning_rate"));
      epoch.seconds = number_from(json.at("seconds"));
      epoch.samples_per_second = number_from(json.at("samples_per_second"));
      epoch.best = json.at("best").get<bool>();
      run.result.history.push_back(std::move(epoch));
    }
    return run;
  } catch (const nlohmann::json::exception& error) {
    throw_record_error(path, std::string("expected a comparison run record: ") + error.what());
  }
}

}  // namespace ontonet
