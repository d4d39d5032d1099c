// Linear baselines: what a plain penalized linear model on the same features reaches, so that a
// network's figures can be read against it. Ridge regression for regression tasks, L2-penalized
// logistic regression for binary ones, each with an unpenalized intercept, fitted on the training
// split for every penalty of a list; the penalty with the lowest validation loss (task_loss: MSE,
// or mean binary cross-entropy) is kept, and the model is not refitted on train + validation.
//
// Penalties follow scikit-learn's conventions, so that its numbers can be compared directly:
//  - ridge (sklearn.linear_model.Ridge, alpha = penalty) minimizes
//      sum_i (y_i - x_i.w - b)^2 + penalty * ||w||^2
//    in closed form on features and targets centered with the training means (so b is
//    unpenalized): through the p x p normal equations when features <= samples, otherwise through
//    the n x n dual (kernel) system w = Xc^T (Xc Xc^T + penalty I)^-1 yc; both by Cholesky (LLT)
//    in double.
//  - logistic (sklearn.linear_model.LogisticRegression, C = 1 / penalty) minimizes
//      sum_i log-loss(y_i, x_i.w + b) + penalty / 2 * ||w||^2,
//    i.e. the mean log-loss plus penalty / (2 n) ||w||^2, by Newton's method with a backtracking
//    (Armijo) line search; each Newton system is solved through the p x p Hessian when features
//    <= samples, otherwise through the n x n Woodbury form, so 2,000 features on 1,000 samples
//    cost one 1,000 x 1,000 Cholesky per step. Penalties are fitted from the largest down, each
//    starting from the previous solution. Converged means max(|gradient|) of the mean objective
//    (log-loss mean + penalty / (2 n) ||w||^2, intercept included) <= tolerance. A fit that
//    reaches max_iterations or whose line search stalls is reported (PenaltyTrial::converged,
//    and a line in notes), never silently taken as converged.
//
// The features are read with FeatureSource::fill into memory in double precision (n x p doubles
// per split): fine for these baselines, not meant for a streamed genotype matrix of a biobank.
#pragma once

#include <Eigen/Core>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/network/model.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

struct LinearBaselineOptions {
  // Each finite and > 0; repeats are fitted once. Order does not matter.
  std::vector<double> penalties{1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 1e4};
  int max_iterations = 100;  // Newton steps per penalty (logistic only); >= 1
  double tolerance = 1e-8;   // on max |gradient| of the mean objective (logistic only); > 0
};

struct PenaltyTrial {
  double penalty = 0;
  double validation_loss = 0;  // NaN when the validation split is empty
  int iterations = 0;          // Newton steps (0 for ridge)
  bool converged = true;       // ridge: always
};

struct LinearBaselineResult {
  std::string model;  // "ridge" or "logistic_l2"
  // The penalty of lowest validation loss (ties to the larger penalty). Without a validation
  // split nothing can choose: the middle penalty of the sorted list (the lower middle one for an
  // even count) is fitted alone, and a note says so.
  double penalty = 0;
  Vector<double> weights;  // one per feature, on the features as the FeatureSource gives them
  double intercept = 0;    // output = weights . x + intercept (a logit for logistic)
  // task_metrics of "train", "validation" and "test", for the splits that are not empty.
  std::map<std::string, MetricSet> metrics;
  std::vector<PenaltyTrial> path;  // every penalty fitted, ascending
  std::vector<std::string> notes;  // fits that did not converge; penalty chosen without validation
};

// Ridge for a regression set, logistic for a binary one (ConfigError "linear_baseline" for
// multiclass and survival); the set's first (only) target row.
// Throws ConfigError("linear_baseline.<option>", ...) for a bad option, ConfigError
// ("linear_baseline", ...) for a set with more than one target row.
LinearBaselineResult fit_linear_baseline(const TrainingSet& set,
                                         const LinearBaselineOptions& options = {});

// The baseline's outputs for samples `rows` of `features`: [1, rows.size()]. Requires features
// with as many features as the result has weights (checked: InternalError).
Matrix<float> predict_linear(const LinearBaselineResult& result, const FeatureSource& features,
                             const std::vector<std::size_t>& rows);

// The result as JSON: model, penalty, the penalty path, notes and metrics (NaN as null).
nlohmann::json linear_baseline_json(const LinearBaselineResult& result);

// The fitted baseline as a compiled model without hidden layers (dense_mlp_spec), to save with
// save_model and apply with `ontonet predict` like any other model. `feature_ids` are the
// FeatureSource's. Its outputs equal predict_linear's up to float rounding.
Model<float> linear_baseline_model(const LinearBaselineResult& result,
                                   const std::vector<std::string>& feature_ids);

// The solvers themselves, on data in memory. x: [n_samples, n_features], one sample per row;
// y: [n_samples] (0/1 for logistic). penalties: each > 0; the fits come back in the same order.
struct LinearFit {
  Eigen::VectorXd weights;
  double intercept = 0;
  int iterations = 0;
  bool converged = true;
  double gradient_norm = 0;  // logistic: max |gradient| of the mean objective at the end
};

// Which linear systems a solver factors: p x p (primal) or n x n (dual). Both give the same fit;
// kAuto takes the smaller (primal when features <= samples).
enum class GramForm { kAuto, kPrimal, kDual };

std::vector<LinearFit> ridge_path(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  const std::vector<double>& penalties,
                                  GramForm form = GramForm::kAuto);

std::vector<LinearFit> logistic_l2_path(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                        const std::vector<double>& penalties, int max_iterations,
                                        double tolerance, GramForm form = GramForm::kAuto);

}  // namespace ontonet
