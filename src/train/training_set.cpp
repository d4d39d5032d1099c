#include "ontonet/train/training_set.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

void check_indices(const std::vector<std::size_t>& indices, std::size_t n_samples,
                   std::vector<bool>& used) {
  for (std::size_t i : indices) {
    ONTONET_CHECK(i < n_samples, "split index " + std::to_string(i) + " outside " +
                                     std::to_string(n_samples) + " samples");
    ONTONET_CHECK(!used[i], "sample " + std::to_string(i) + " is in two splits");
    used[i] = true;
  }
}

std::string sample_has(const TrainingSet& set, Index j, float value) {
  return "sample '" + set.sample_ids[static_cast<std::size_t>(j)] + "' has " +
         std::to_string(value);
}

// The task's rule for the (finite) targets of sample j.
void check_sample_targets(const TrainingSet& set, Index j) {
  const std::string& what = set.description;
  switch (set.task) {
    case TaskKind::kBinary:
      for (Index k = 0; k < set.targets.rows(); ++k) {
        const float y = set.targets(k, j);
        if (y != 0.0f && y != 1.0f) {
          throw InputError(what, 0, "expected binary targets 0 or 1; " + sample_has(set, j, y));
        }
      }
      break;
    case TaskKind::kMulticlass: {
      const float y = set.targets(0, j);
      if (y != std::floor(y) || y < 0.0f || y >= static_cast<float>(set.class_labels.size())) {
        throw InputError(what, 0,
                         "expected class indices 0 .. " +
                             std::to_string(static_cast<long>(set.class_labels.size()) - 1) +
                             " (one per class label); " + sample_has(set, j, y));
      }
      break;
    }
    case TaskKind::kSurvival: {
      const float time = set.targets(0, j);
      const float event = set.targets(1, j);
      if (time < 0.0f) {
        throw InputError(what, 0, "expected survival times >= 0; " + sample_has(set, j, time));
      }
      if (event != 0.0f && event != 1.0f) {
        throw InputError(
            what, 0,
            "expected survival events 0 (censored) or 1 (event); " + sample_has(set, j, event));
      }
      break;
    }
    case TaskKind::kRegression:
      break;
  }
}

void check_binary_training_split(const TrainingSet& set) {
  for (Index k = 0; k < set.targets.rows(); ++k) {
    std::size_t n_cases = 0;
    for (std::size_t i : set.splits.train) n_cases += set.targets(k, static_cast<Index>(i)) == 1.0f;
    if (n_cases == 0 || n_cases == set.splits.train.size()) {
      throw InputError(set.description, 0,
                       "expected both classes 0 and 1 in the training split, found only class " +
                           std::to_string(n_cases == 0 ? 0 : 1) + " (" +
                           std::to_string(set.splits.train.size()) + " samples)");
    }
  }
}

void check_multiclass_training_split(const TrainingSet& set) {
  std::vector<bool> present(set.class_labels.size(), false);
  for (std::size_t i : set.splits.train) {
    present[static_cast<std::size_t>(set.targets(0, static_cast<Index>(i)))] = true;
  }
  const auto n_present = std::count(present.begin(), present.end(), true);
  if (n_present < 2) {
    const auto first = std::find(present.begin(), present.end(), true) - present.begin();
    throw InputError(set.description, 0,
                     "expected at least two classes in the training split, found only '" +
                         set.class_labels[static_cast<std::size_t>(first)] + "' (" +
                         std::to_string(set.splits.train.size()) + " samples)");
  }
}

void check_survival_training_split(const TrainingSet& set) {
  std::size_t n_events = 0;
  for (std::size_t i : set.splits.train) n_events += set.targets(1, static_cast<Index>(i)) == 1.0f;
  if (n_events == 0) {
    throw InputError(set.description, 0,
                     "expected at least one event in the training split, found all " +
                         std::to_string(set.splits.train.size()) + " samples censored");
  }
}

}  // namespace

const char* task_kind_name(TaskKind task) {
  switch (task) {
    case TaskKind::kRegression:
      return "regression";
    case TaskKind::kBinary:
      return "binary";
    case TaskKind::kMulticlass:
      return "multiclass";
    case TaskKind::kSurvival:
      return "survival";
  }
  return "unknown";
}

TaskKind parse_task_kind(const std::string& name, const std::string& path) {
  if (name == "regression") return TaskKind::kRegression;
  if (name == "binary") return TaskKind::kBinary;
  if (name == "multiclass") return TaskKind::kMulticlass;
  if (name == "survival") return TaskKind::kSurvival;
  throw ConfigError(
      path,
      "must be \"regression\", \"binary\", \"multiclass\" or \"survival\", got \"" + name + "\"");
}

Index n_model_outputs(const TrainingSet& set) {
  switch (set.task) {
    case TaskKind::kMulticlass:
      return static_cast<Index>(set.class_labels.size());
    case TaskKind::kSurvival:
      return 1;
    case TaskKind::kRegression:
    case TaskKind::kBinary:
      break;
  }
  return set.targets.rows();
}

void check_training_set(const TrainingSet& set) {
  const std::size_t n = set.sample_ids.size();
  ONTONET_CHECK(set.features != nullptr, "training set without a feature source");
  ONTONET_CHECK(set.features->n_samples() == n,
                "feature source has " + std::to_string(set.features->n_samples()) +
                    " samples, the training set " + std::to_string(n));
  ONTONET_CHECK(static_cast<std::size_t>(set.targets.cols()) == n && set.targets.rows() >= 1,
                "targets must be [n_outputs >= 1, " + std::to_string(n) + "]");
  std::unordered_set<std::string> ids(set.sample_ids.begin(), set.sample_ids.end());
  ONTONET_CHECK(ids.size() == n, "sample IDs must be unique");
  std::vector<bool> used(n, false);
  check_indices(set.splits.train, n, used);
  check_indices(set.splits.validation, n, used);
  check_indices(set.splits.test, n, used);

  if (set.task == TaskKind::kSurvival) {
    ONTONET_CHECK(set.targets.rows() == 2, "survival targets must be [2, n]: time and event");
  }
  if (set.task == TaskKind::kMulticlass) {
    ONTONET_CHECK(set.targets.rows() == 1, "multiclass targets must be [1, n]: class indices");
    if (set.class_labels.size() < 2) {
      throw InputError(set.description, 0,
                       "expected at least two class labels for a multiclass task, found " +
                           std::to_string(set.class_labels.size()));
    }
  }
  const std::string& what = set.description;
  for (Index j = 0; j < set.targets.cols(); ++j) {
    for (Index k = 0; k < set.targets.rows(); ++k) {
      const float y = set.targets(k, j);
      if (!std::isfinite(y)) {
        throw InputError(what, 0,
                         "expected finite targets; sample '" +
                             set.sample_ids[static_cast<std::size_t>(j)] + "' has " +
                             std::to_string(y));
      }
    }
    check_sample_targets(set, j);
  }
  if (set.splits.train.empty()) {
    throw InputError(what, 0, "expected at least one sample in the training split, found none");
  }
  switch (set.task) {
    case TaskKind::kBinary:
      check_binary_training_split(set);
      break;
    case TaskKind::kMulticlass:
      check_multiclass_training_split(set);
      break;
    case TaskKind::kSurvival:
      check_survival_training_split(set);
      break;
    case TaskKind::kRegression:
      break;
  }
}

}  // namespace ontonet
