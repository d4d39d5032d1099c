#include "ontonet/train/run_folder.hpp"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <set>
#include <sstream>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/train/prediction_table.hpp"

namespace ontonet {

namespace {

void write_text(const std::string& path, const std::string& text) {
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace

RunFolder::RunFolder(std::string path) : path_(std::move(path)) {
  std::error_code error;
  std::filesystem::create_directories(path_, error);
  if (error || !std::filesystem::is_directory(path_)) {
    throw InputError(path_, 0, "expected a run folder that can be created: " + error.message());
  }
}

std::string RunFolder::file(const std::string& name) const {
  return (std::filesystem::path(path_) / name).string();
}

void RunFolder::write_json(const std::string& name, const nlohmann::json& json) const {
  write_text(file(name), json.dump(2) + "\n");
}

void RunFolder::write_log(const std::vector<EpochRecord>& history) const {
  std::set<std::string> metric_names;
  for (const EpochRecord& record : history) {
    for (const auto& [name, value] : record.validation) metric_names.insert(name);
  }
  metric_names.erase("loss");  // already the validation_loss column
  std::ostringstream out;
  out << "epoch\ttrain_loss\tvalidation_loss";
  for (const std::string& name : metric_names) out << "\tvalidation_" << name;
  out << "\tlearning_rate\tseconds\tsamples_per_second\tbest\n";
  for (const EpochRecord& record : history) {
    out << record.epoch << '\t' << tsv_number(record.train_loss) << '\t'
        << tsv_number(record.validation_loss);
    for (const std::string& name : metric_names) {
      const auto found = record.validation.find(name);
      out << '\t' << tsv_number(found == record.validation.end() ? std::nan("") : found->second);
    }
    out << '\t' << tsv_number(record.learning_rate) << '\t' << tsv_number(record.seconds) << '\t'
        << tsv_number(record.samples_per_second) << '\t' << (record.best ? 1 : 0) << '\n';
  }
  write_text(file("log.tsv"), out.str());
}

void RunFolder::write_predictions(const TrainingSet& data, const Matrix<float>& outputs) const {
  ONTONET_CHECK(outputs.cols() == static_cast<Index>(data.sample_ids.size()),
                "one output column per sample");
  std::vector<std::string> split_of(data.sample_ids.size(), "none");
  for (std::size_t i : data.splits.train) split_of[i] = "train";
  for (std::size_t i : data.splits.validation) split_of[i] = "validation";
  for (std::size_t i : data.splits.test) split_of[i] = "test";
  std::ostringstream out;
  write_prediction_table(
      out, {&data.sample_ids, &split_of, &data.targets, &outputs, data.task, &data.class_labels});
  write_text(file("predictions.tsv"), out.str());
}

nlohmann::json metrics_json(const std::map<std::string, MetricSet>& metrics) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [split, values] : metrics) {
    json[split] = nlohmann::json::object();
    for (const auto& [name, value] : values) {
      json[split][name] = json_number(value);
    }
  }
  return json;
}

std::string tsv_number(double value) {
  if (std::isnan(value)) return "NA";
  std::ostringstream out;
  out << std::setprecision(9) << value;
  return out.str();
}

nlohmann::json json_number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace ontonet
