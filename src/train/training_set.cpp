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

}  // namespace

const char* task_kind_name(TaskKind task) {
  switch (task) {
    case TaskKind::kRegression:
      return "regression";
    case TaskKind::kBinary:
      return "binary";
  }
  return "unknown";
}

TaskKind parse_task_kind(const std::string& name, const std::string& path) {
  if (name == "regression") return TaskKind::kRegression;
  if (name == "binary") return TaskKind::kBinary;
  throw ConfigError(path, "must be \"regression\" or \"binary\", got \"" + name + "\"");
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
      if (set.task == TaskKind::kBinary && y != 0.0f && y != 1.0f) {
        throw InputError(what, 0,
                         "expected binary targets 0 or 1; sample '" +
                             set.sample_ids[static_cast<std::size_t>(j)] + "' has " +
                             std::to_string(y));
      }
    }
  }
  if (set.splits.train.empty()) {
    throw InputError(what, 0, "expected at least one sample in the training split, found none");
  }
  if (set.task == TaskKind::kBinary) {
    for (Index k = 0; k < set.targets.rows(); ++k) {
      std::size_t n_cases = 0;
      for (std::size_t i : set.splits.train)
        n_cases += set.targets(k, static_cast<Index>(i)) == 1.0f;
      if (n_cases == 0 || n_cases == set.splits.train.size()) {
        throw InputError(what, 0,
                         "expected both classes 0 and 1 in the training split, found only class " +
                             std::to_string(n_cases == 0 ? 0 : 1) + " (" +
                             std::to_string(set.splits.train.size()) + " samples)");
      }
    }
  }
}

}  // namespace ontonet
