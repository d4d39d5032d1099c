#include "training_data_common.hpp"

#include <cmath>
#include <unordered_map>

#include "example_list.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/gennet_topology_reader.hpp"

namespace ontonet::data_loading {

void require_option(const std::string& value, const char* field, const std::string& format) {
  if (value.empty()) {
    throw ConfigError(std::string("data.") + field, "is required for data format " + format);
  }
}

void keep_samples(InMemoryData& data, const std::vector<std::size_t>& keep) {
  data.sample_ids = subset(data.sample_ids, keep);
  data.sample_rows = subset(data.sample_rows, keep);
  data.targets = subset(data.targets, keep);
  if (!data.events.empty()) data.events = subset(data.events, keep);
}

void report_join(const SampleJoin& join, const std::string& data_file,
                 const std::string& phenotype_file, std::vector<std::string>& notes) {
  if (join.pairs.empty()) {
    throw InputError(phenotype_file, 0,
                     "expected sample IDs shared with " + data_file + ", found none: " +
                         example_list(join.examples_only_in_phenotypes, join.n_only_in_phenotypes) +
                         " here; " + example_list(join.examples_only_in_data, join.n_only_in_data) +
                         " in the data");
  }
  if (join.n_only_in_data > 0) {
    notes.push_back(std::to_string(join.n_only_in_data) + " samples of " + data_file +
                    " are not in " + phenotype_file + " and are left out: " +
                    example_list(join.examples_only_in_data, join.n_only_in_data));
  }
  if (join.n_only_in_phenotypes > 0) {
    notes.push_back(std::to_string(join.n_only_in_phenotypes) + " samples of " + phenotype_file +
                    " are not in " + data_file + " and are left out: " +
                    example_list(join.examples_only_in_phenotypes, join.n_only_in_phenotypes));
  }
}

std::vector<std::size_t> samples_with_target(const std::vector<float>& targets,
                                             const std::vector<std::string>& sample_ids,
                                             const std::string& file,
                                             std::vector<std::string>& notes,
                                             const std::string& target_name) {
  std::vector<std::size_t> keep;
  std::vector<std::string> examples;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (std::isfinite(targets[i])) {
      keep.push_back(i);
    } else if (examples.size() < kExampleCount) {
      examples.push_back(sample_ids[i]);
    }
  }
  const std::size_t n_missing = targets.size() - keep.size();
  if (keep.empty()) {
    throw InputError(file, 0,
                     "expected " + target_name + " for at least one sample with features; all " +
                         std::to_string(n_missing) +
                         " are missing: " + example_list(examples, n_missing));
  }
  if (n_missing > 0) {
    notes.push_back(std::to_string(n_missing) + " samples without " + target_name + " in " + file +
                    " are left out: " + example_list(examples, n_missing));
  }
  return keep;
}

std::string target_name(const DataOptions& options) {
  if (options.task != TaskKind::kSurvival) return "a target";
  return "a time and event (columns '" + options.target_column + "', '" + options.event_column +
         "')";
}

SplitIndices split_by_column(const std::vector<DataSplit>& parts, const std::string& file,
                             const std::string& column, std::vector<std::string>& notes) {
  SplitIndices splits;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    switch (parts[i]) {
      case DataSplit::kTrain:
        splits.train.push_back(i);
        break;
      case DataSplit::kValidation:
        splits.validation.push_back(i);
        break;
      case DataSplit::kTest:
        splits.test.push_back(i);
        break;
    }
  }
  const std::string counts = " (train " + std::to_string(splits.train.size()) + ", validation " +
                             std::to_string(splits.validation.size()) + ", test " +
                             std::to_string(splits.test.size()) + " of the " +
                             std::to_string(parts.size()) + " samples with features and a target)";
  for (const auto& [part, name] :
       {std::pair{&splits.train, "train"}, std::pair{&splits.validation, "validation"}}) {
    if (part->empty()) {
      throw InputError(file, 0,
                       "expected samples in the " + std::string(name) + " split of column '" +
                           column + "', found none" + counts);
    }
  }
  if (splits.test.empty()) {
    notes.push_back("column '" + column + "' of " + file +
                    " assigns no sample to test: no test metrics" + counts);
  }
  return splits;
}

SplitIndices split_by_fractions(const std::vector<float>& targets, const std::vector<float>& events,
                                const DataOptions& options, std::vector<std::string>& notes) {
  SplitIndices splits;
  if (options.task != TaskKind::kRegression) {
    // Survival is stratified by event so that every part keeps its share of the few events.
    const std::vector<float>& strata = options.task == TaskKind::kSurvival ? events : targets;
    std::vector<int> classes;
    classes.reserve(strata.size());
    for (float y : strata) classes.push_back(static_cast<int>(y));
    splits = split_fractions_stratified(classes, options.fractions, options.split_seed);
  } else {
    splits = split_fractions(targets.size(), options.fractions, options.split_seed);
  }
  if (options.fractions.validation == 0.0) {
    notes.push_back("validation split empty: its fraction is 0");
  }
  if (options.fractions.test == 0.0) notes.push_back("test split empty: its fraction is 0");
  return splits;
}

void require_both_classes(const std::vector<float>& targets, const std::vector<std::size_t>& train,
                          const std::string& file) {
  std::size_t n_cases = 0;
  for (std::size_t i : train) n_cases += targets[i] == 1.0f;
  if (n_cases == 0 || n_cases == train.size()) {
    throw InputError(file, 0,
                     "expected both classes 0 and 1 among the " + std::to_string(train.size()) +
                         " training samples, found only class " + (n_cases == 0 ? "0" : "1"));
  }
}

void check_training_targets(const std::vector<float>& targets, const std::vector<float>& events,
                            const std::vector<std::string>& class_labels,
                            const std::vector<std::size_t>& train, TaskKind task,
                            const std::string& file, std::vector<std::string>& notes) {
  switch (task) {
    case TaskKind::kBinary:
      require_both_classes(targets, train, file);
      break;
    case TaskKind::kMulticlass: {
      std::vector<bool> in_train(class_labels.size(), false);
      for (std::size_t i : train) in_train[static_cast<std::size_t>(targets[i])] = true;
      std::vector<std::string> present, absent;
      for (std::size_t c = 0; c < class_labels.size(); ++c) {
        (in_train[c] ? present : absent).push_back(class_labels[c]);
      }
      if (present.size() < 2) {
        throw InputError(file, 0,
                         "expected at least two classes among the " + std::to_string(train.size()) +
                             " training samples, found " +
                             (present.empty() ? std::string("none") : "only '" + present[0] + "'"));
      }
      if (!absent.empty()) {
        notes.push_back(std::to_string(absent.size()) + " classes of " + file +
                        " have no training sample, only validation or test ones; the model "
                        "cannot learn them: " +
                        example_list(absent, absent.size()));
      }
      break;
    }
    case TaskKind::kSurvival: {
      std::size_t n_events = 0;
      for (std::size_t i : train) n_events += events[i] == 1.0f;
      if (n_events == 0) {
        throw InputError(file, 0,
                         "expected at least one event among the " + std::to_string(train.size()) +
                             " training samples, found all censored");
      }
      break;
    }
    case TaskKind::kRegression:
      break;
  }
}

void drop_absent_classes(std::vector<float>& targets, std::vector<std::string>& class_labels,
                         const std::string& file, std::vector<std::string>& notes) {
  std::vector<bool> used(class_labels.size(), false);
  for (float y : targets) used[static_cast<std::size_t>(y)] = true;
  std::vector<float> renumbered(class_labels.size(), 0.0f);
  std::vector<std::string> kept, dropped;
  for (std::size_t c = 0; c < class_labels.size(); ++c) {
    renumbered[c] = static_cast<float>(kept.size());
    (used[c] ? kept : dropped).push_back(class_labels[c]);
  }
  if (dropped.empty()) return;
  for (float& y : targets) y = renumbered[static_cast<std::size_t>(y)];
  class_labels = std::move(kept);
  notes.push_back(std::to_string(dropped.size()) + " class labels of " + file +
                  " belong only to samples left out, and are not classes of the model: " +
                  example_list(dropped, dropped.size()));
}

void map_to_model_classes(std::vector<float>& targets, const std::vector<std::string>& file_labels,
                          const std::vector<std::string>& sample_ids,
                          const nlohmann::json& preprocessing, const std::string& file) {
  const auto stored = preprocessing.find("class_labels");
  if (stored == preprocessing.end() || !stored->is_array()) {
    throw InputError("the model's preprocessing", 0,
                     "expected the class_labels of a multiclass model, found none");
  }
  std::unordered_map<std::string, float> model_index;
  for (const nlohmann::json& label : *stored) {
    if (!label.is_string()) {
      throw InputError("the model's preprocessing", 0,
                       "expected text class_labels, found " + label.dump());
    }
    model_index.emplace(label.get<std::string>(), static_cast<float>(model_index.size()));
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string& label = file_labels[static_cast<std::size_t>(targets[i])];
    const auto found = model_index.find(label);
    if (found == model_index.end()) {
      std::vector<std::string> known;
      for (const nlohmann::json& model_label : *stored) {
        known.push_back(model_label.get<std::string>());
      }
      throw InputError(file, 0,
                       "expected class labels the model was trained on (" +
                           example_list(known, known.size()) + "); sample '" + sample_ids[i] +
                           "' has '" + label + "'");
    }
    targets[i] = found->second;
  }
}

void require_numeric_task(const DataOptions& options, const std::string& where) {
  if (options.task == TaskKind::kRegression || options.task == TaskKind::kBinary) return;
  throw ConfigError("data.task", std::string("must be regression or binary for ") + where +
                                     ", got " + task_kind_name(options.task) +
                                     "; multiclass and survival targets come from a phenotype "
                                     "file (data formats matrix and plink)");
}

Matrix<float> target_matrix(const std::vector<float>& targets, const std::vector<float>& events) {
  const auto n = static_cast<Index>(targets.size());
  Matrix<float> matrix(events.empty() ? 1 : 2, n);
  for (Index i = 0; i < n; ++i) {
    matrix(0, i) = targets[static_cast<std::size_t>(i)];
    if (!events.empty()) matrix(1, i) = events[static_cast<std::size_t>(i)];
  }
  return matrix;
}

nlohmann::json preprocessing_json(const FeatureScaling& scaling,
                                  const std::vector<std::string>& class_labels) {
  nlohmann::json json = to_json(scaling);
  // Prediction maps a new file's labels to the model's outputs by these.
  if (!class_labels.empty()) json["class_labels"] = class_labels;
  return json;
}

void name_columns_by_topology(const std::string& topology_path, const std::string& data_file,
                              std::vector<std::string>& ids, std::vector<std::string>& notes) {
  const GenNetTopology topology = read_gennet_topology(topology_path);
  std::size_t n_named = 0;
  for (std::size_t j = 0; j < topology.input_names.size(); ++j) {
    const std::string& name = topology.input_names[j];
    if (name.empty()) continue;
    if (j >= ids.size()) {
      std::size_t line = 0;
      for (const InputMapRecord& record : topology.inputs) {
        if (record.input == name) {
          line = record.location.line;
          break;
        }
      }
      throw InputError(topology_path, line,
                       "expected layer0_node indices below " + std::to_string(ids.size()) +
                           ", the number of columns of " + data_file + "; node " +
                           std::to_string(j) + " ('" + name + "') has no column");
    }
    ids[j] = name;
    ++n_named;
  }
  if (n_named < ids.size()) {
    notes.push_back(std::to_string(ids.size() - n_named) + " of " + std::to_string(ids.size()) +
                    " columns of " + data_file + " are not named by " + topology_path +
                    " and keep their IDs");
  }
}

void make_unique_ids(std::vector<std::string>& ids, const std::string& what,
                     std::vector<std::string>& notes) {
  std::unordered_map<std::string, std::size_t> seen;
  for (const std::string& id : ids) seen.emplace(id, 0);
  std::vector<std::string> examples;
  std::size_t n_renamed = 0;
  for (std::string& id : ids) {
    std::size_t& occurrences = seen[id];
    if (++occurrences == 1) continue;
    // A renamed ID could itself collide with a later original: count on until it does not.
    std::string renamed;
    do {
      renamed = id + "#" + std::to_string(occurrences++);
    } while (seen.count(renamed) > 0);
    seen.emplace(renamed, 1);
    if (examples.size() < kExampleCount) examples.push_back(id);
    id = renamed;
    ++n_renamed;
  }
  if (n_renamed > 0) {
    notes.push_back(std::to_string(n_renamed) + " repeated IDs in " + what +
                    " renamed with #2, #3, ...: " + example_list(examples, n_renamed));
  }
}

PhenotypeTable read_phenotype_table(const DataOptions& options, bool with_split) {
  PhenotypeTableSpec spec;
  spec.sample_id_column = options.sample_column;
  const bool survival = options.task == TaskKind::kSurvival;
  if (survival && options.event_column.empty()) {
    throw ConfigError("data.event_column",
                      "is required for task survival: the phenotype column of the events (1 = "
                      "event, 0 = censored); data.target_column names the times");
  }
  if (!survival && !options.event_column.empty()) {
    throw ConfigError("data.event_column", std::string("is only read for task survival, not ") +
                                               task_kind_name(options.task));
  }
  PhenotypeKind kind = PhenotypeKind::kContinuous;
  if (options.task == TaskKind::kBinary) kind = PhenotypeKind::kBinary;
  if (options.task == TaskKind::kMulticlass) kind = PhenotypeKind::kMulticlass;
  if (survival) kind = PhenotypeKind::kSurvival;
  spec.phenotypes.push_back({options.target_column, kind, options.event_column});
  for (const std::string& covariate : options.covariates) {
    spec.phenotypes.push_back({covariate, PhenotypeKind::kContinuous, ""});
  }
  if (with_split) spec.split_column = options.split_column;
  return read_phenotypes(options.phenotypes, spec);
}

std::string covariate_feature_id(const std::string& name) { return "cov:" + name; }

void throw_missing_features(const std::string& data_file, const std::vector<std::string>& examples,
                            std::size_t n_missing) {
  throw InputError(data_file, 0,
                   "expected every input feature of the model; " + std::to_string(n_missing) +
                       " are missing from the data: " + example_list(examples, n_missing));
}

std::string missing_values_note(const SampleValues& values,
                                const std::vector<std::size_t>& sample_rows) {
  std::vector<bool> counted(static_cast<std::size_t>(values.rows()), false);
  std::size_t n_missing = 0;
  for (std::size_t row : sample_rows) {
    if (counted[row]) continue;
    counted[row] = true;
    const auto r = static_cast<Eigen::Index>(row);
    for (Eigen::Index f = 0; f < values.cols(); ++f) n_missing += std::isnan(values(r, f));
  }
  if (n_missing == 0) return "";
  return std::to_string(n_missing) +
         " missing feature values imputed to the feature's training mean";
}

}  // namespace ontonet::data_loading
