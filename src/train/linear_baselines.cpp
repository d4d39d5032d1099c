#include "ontonet/train/linear_baselines.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/train/task_metrics.hpp"

namespace ontonet {

namespace {

// The penalties to try, ascending without repeats.
std::vector<double> checked_penalties(const LinearBaselineOptions& options) {
  if (options.penalties.empty()) {
    throw ConfigError("linear_baseline.penalties", "needs at least one penalty");
  }
  for (std::size_t i = 0; i < options.penalties.size(); ++i) {
    const double penalty = options.penalties[i];
    if (!std::isfinite(penalty) || penalty <= 0) {
      throw ConfigError("linear_baseline.penalties[" + std::to_string(i) + "]",
                        "must be a finite number > 0, got " + std::to_string(penalty));
    }
  }
  if (options.max_iterations < 1) {
    throw ConfigError("linear_baseline.max_iterations", "must be >= 1");
  }
  if (!std::isfinite(options.tolerance) || options.tolerance <= 0) {
    throw ConfigError("linear_baseline.tolerance", "must be a finite number > 0");
  }
  std::vector<double> penalties = options.penalties;
  std::sort(penalties.begin(), penalties.end());
  penalties.erase(std::unique(penalties.begin(), penalties.end()), penalties.end());
  return penalties;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The samples `rows` of `features`, one per row: [rows.size(), n_features].
Eigen::MatrixXd load_rows(const FeatureSource& features, const std::vector<std::size_t>& rows) {
  Matrix<float> x;
  features.fill(rows, x);  // [n_features, rows]
  ONTONET_CHECK(x.rows() == static_cast<Index>(features.feature_ids().size()) &&
                    x.cols() == static_cast<Index>(rows.size()),
                "FeatureSource::fill returned the wrong shape");
  return x.cast<double>().transpose();
}

Matrix<float> targets_of(const TrainingSet& set, const std::vector<std::size_t>& rows) {
  Matrix<float> targets(1, static_cast<Index>(rows.size()));
  for (std::size_t j = 0; j < rows.size(); ++j) {
    targets(0, static_cast<Index>(j)) = set.targets(0, static_cast<Index>(rows[j]));
  }
  return targets;
}

Matrix<float> outputs_of(const Eigen::MatrixXd& x, const Eigen::VectorXd& weights,
                         double intercept) {
  const Eigen::VectorXd outputs = (x * weights).array() + intercept;
  return outputs.transpose().cast<float>();
}

struct Split {
  std::string name;
  Eigen::MatrixXd x;      // [n, p]
  Matrix<float> targets;  // [1, n]
};

}  // namespace

LinearBaselineResult fit_linear_baseline(const TrainingSet& set,
                                         const LinearBaselineOptions& options) {
  std::vector<double> penalties = checked_penalties(options);
  ONTONET_CHECK(set.features != nullptr, "a training set needs features");
  ONTONET_CHECK(set.features->n_samples() == set.sample_ids.size() &&
                    set.targets.cols() == static_cast<Index>(set.sample_ids.size()),
                "features, targets and sample IDs must count the same samples");
  ONTONET_CHECK(!set.splits.train.empty(), "the training split must not be empty");
  if (set.task != TaskKind::kRegression && set.task != TaskKind::kBinary) {
    throw ConfigError("linear_baseline", std::string("covers regression and binary tasks, not ") +
                                             task_kind_name(set.task));
  }
  if (set.targets.rows() != 1) {
    throw ConfigError("linear_baseline", "fits one target; the data has " +
                                             std::to_string(set.targets.rows()) + " target rows");
  }
  const bool logistic = set.task == TaskKind::kBinary;

  std::vector<Split> splits;
  for (const auto& [name, rows] :
       {std::pair{"train", &set.splits.train}, std::pair{"validation", &set.splits.validation},
        std::pair{"test", &set.splits.test}}) {
    if (rows->empty()) continue;
    splits.push_back({name, load_rows(*set.features, *rows), targets_of(set, *rows)});
  }
  const Split& train = splits.front();
  const Split* validation = nullptr;
  for (const Split& split : splits) {
    if (split.name == "validation") validation = &split;
  }

  LinearBaselineResult result;
  result.model = logistic ? "logistic_l2" : "ridge";
  if (validation == nullptr) {
    const double middle = penalties[(penalties.size() - 1) / 2];
    result.notes.push_back("no validation split: " + result.model + " penalty " + number(middle) +
                           " (the middle of the list) fitted without selection");
    penalties = {middle};
  }

  const Eigen::VectorXd y = train.targets.row(0).transpose().cast<double>();
  const std::vector<LinearFit> fits =
      logistic ? logistic_l2_path(train.x, y, penalties, options.max_iterations, options.tolerance)
               : ridge_path(train.x, y, penalties);

  std::size_t best = 0;
  double best_loss = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < fits.size(); ++i) {
    PenaltyTrial trial;
    trial.penalty = penalties[i];
    trial.iterations = fits[i].iterations;
    trial.converged = fits[i].converged;
    trial.validation_loss = std::numeric_limits<double>::quiet_NaN();
    if (validation != nullptr) {
      trial.validation_loss =
          task_loss(set.task, validation->targets,
                    outputs_of(validation->x, fits[i].weights, fits[i].intercept));
      // Ascending penalties and <=: a tie goes to the larger penalty.
      if (trial.validation_loss <= best_loss) {
        best_loss = trial.validation_loss;
        best = i;
      }
    }
    if (!fits[i].converged) {
      result.notes.push_back(result.model + " penalty " + number(penalties[i]) +
                             ": not converged after " + std::to_string(fits[i].iterations) +
                             " Newton steps (max |gradient| " + number(fits[i].gradient_norm) +
                             " > tolerance " + number(options.tolerance) + ")");
    }
    result.path.push_back(trial);
  }

  result.penalty = penalties[best];
  result.weights = fits[best].weights;
  result.intercept = fits[best].intercept;
  for (const Split& split : splits) {
    result.metrics[split.name] = task_metrics(
        set.task, split.targets, outputs_of(split.x, result.weights, result.intercept));
  }
  return result;
}

Matrix<float> predict_linear(const LinearBaselineResult& result, const FeatureSource& features,
                             const std::vector<std::size_t>& rows) {
  ONTONET_CHECK(static_cast<Index>(features.feature_ids().size()) == result.weights.size(),
                "the features do not match the linear baseline's weights");
  return outputs_of(load_rows(features, rows), result.weights, result.intercept);
}

}  // namespace ontonet
