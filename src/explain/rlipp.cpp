// RLIPP of one term: cross-validated ridge on the term's neurons against ridge on its inputs (see
// rlipp.hpp for the procedure and the penalty rule).
#include "ontonet/explain/rlipp.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "ontonet/core/error.hpp"
#include "ontonet/core/seeded_shuffle.hpp"
#include "ontonet/train/linear_baselines.hpp"
#include "ontonet/train/regression_metrics.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Below this |rho_inputs| the relative improvement has no meaningful denominator.
constexpr double kSmallestInputCorrelation = 1e-12;

std::vector<double> checked_penalties(const std::vector<double>& penalties) {
  if (penalties.empty()) throw ConfigError("rlipp.penalties", "must list at least one penalty");
  for (double penalty : penalties) {
    if (!std::isfinite(penalty) || penalty <= 0) {
      throw ConfigError("rlipp.penalties",
                        "must each be finite and > 0, got " + std::to_string(penalty));
    }
  }
  std::vector<double> sorted = penalties;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

void check_fold_and_pca_options(const RlippOptions& options, Index samples) {
  if (options.folds < 2) {
    throw ConfigError("rlipp.folds", "must be >= 2, got " + std::to_string(options.folds));
  }
  if (2 * options.folds > samples) {
    throw ConfigError("rlipp.folds",
                      "must be <= samples / 2 so that every fold holds >= 2 "
                      "samples, got " +
                          std::to_string(options.folds) + " folds for " + std::to_string(samples) +
                          " samples");
  }
  if (options.pca_components < 0) {
    throw ConfigError("rlipp.pca_components",
                      "must be >= 0 (0 = off), got " + std::to_string(options.pca_components));
  }
}

void check_finite(const Eigen::MatrixXd& values, const char* what) {
  if (values.allFinite()) return;
  for (Index c = 0; c < values.cols(); ++c) {
    for (Index r = 0; r < values.rows(); ++r) {
      if (!std::isfinite(values(r, c))) {
        throw Error(std::string("rlipp: ") + what + "[" + std::to_string(r) + ", " +
                    std::to_string(c) + "] is not finite (" + std::to_string(values(r, c)) + ")");
      }
    }
  }
}

// The first k principal axes of a centered matrix a: [n, p] with n < p, as columns of [p, k],
// through the [n, n] Gram matrix a a^T = U S^2 U^T (a = U S V^T, so an axis is a^T u / s). Axes
// beyond the rank come back as zero columns: they add nothing to a ridge fit.
Eigen::MatrixXd principal_axes_wide(const Eigen::MatrixXd& a, Index k) {
  ONTONET_CHECK(a.rows() < a.cols(),
                "rlipp: principal_axes_wide needs fewer samples than features");
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(a.rows(), a.rows());
  gram.selfadjointView<Eigen::Lower>().rankUpdate(a);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);  // reads the lower half
  ONTONET_CHECK(eigen.info() == Eigen::Success, "rlipp: PCA eigendecomposition failed");
  // Eigenvalues come ascending; the largest are the last columns.
  const Index m = gram.rows();
  Eigen::MatrixXd axes = Eigen::MatrixXd::Zero(a.cols(), k);
  const double tiny = 1e-12 * std::max(eigen.eigenvalues()(m - 1), 0.0);
  for (Index j = 0; j < std::min(k, m); ++j) {
    const double value = eigen.eigenvalues()(m - 1 - j);
    if (!(value > tiny)) break;
    axes.col(j) = a.transpose() * eigen.eigenvectors().col(m - 1 - j) / std::sqrt(value);
  }
  return axes;
}

// Ridge weights in standardized units for every penalty, [p, penalties]: the solutions of
// (gram + penalty I) w = rhs, or with k principal components (0 < k < p) the ridge fit on the
// first k of them, written back as weights on the standardized features. gram: [p, p], the
// standardized training features' Gram matrix; rhs: [p], their products with the centered target.
Eigen::MatrixXd standardized_weights(const Eigen::MatrixXd& gram, const Eigen::VectorXd& rhs,
                                     const std::vector<double>& penalties, Index pca_components) {
  const Index p = gram.rows();
  Eigen::MatrixXd weights(p, static_cast<Index>(penalties.size()));
  if (pca_components > 0 && p > pca_components) {
    // The principal axes V are gram's leading eigenvectors (eigenvalues ascending: the last
    // columns), so the components' Gram matrix V^T gram V is diagonal and each ridge is a division.
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
    ONTONET_CHECK(eigen.info() == Eigen::Success, "rlipp: PCA eigendecomposition failed");
    const auto axes = eigen.eigenvectors().rightCols(pca_components);
    const Eigen::ArrayXd variances = eigen.eigenvalues().tail(pca_components).cwiseMax(0.0);
    const Eigen::ArrayXd projected = axes.transpose() * rhs;
    for (std::size_t j = 0; j < penalties.size(); ++j) {
      weights.col(static_cast<Index>(j)) = axes * (projected / (variances + penalties[j])).matrix();
    }
    return weights;
  }
  Eigen::MatrixXd shifted(p, p);
  for (std::size_t j = 0; j < penalties.size(); ++j) {
    shifted = gram;
    shifted.diagonal().array() += penalties[j];
    // Positive definite for penalty > 0; LDLT's pivoting only takes over a rounding failure.
    const Eigen::LLT<Eigen::MatrixXd> llt(shifted);
    weights.col(static_cast<Index>(j)) = llt.info() == Eigen::Success
                                             ? Eigen::VectorXd(llt.solve(rhs))
                                             : Eigen::VectorXd(shifted.ldlt().solve(rhs));
  }
  return weights;
}

// One fold's samples and their sums, on features and target centered with the means over all
// samples (so that the training fold's moments, obtained by subtraction, lose no precision).
struct FoldMoments {
  std::vector<Index> samples;
  Eigen::MatrixXd features;      // [p, fold samples]
  Eigen::ArrayXd minimum;        // per feature, of the raw values: [p]
  Eigen::ArrayXd maximum;        // the same
  Eigen::MatrixXd cross;         // features features^T, lower triangle: [p, p]
  Eigen::VectorXd sum;           // [p]
  Eigen::VectorXd cross_target;  // features target: [p]
  double target_sum = 0;
};

// Out-of-fold predictions of one side for every penalty when p <= the training samples:
// [samples, penalties]. Each fold's Gram matrix is summed once; a training fold's moments are the
// total's minus the held-out fold's, so the data are read once, not once per fold.
Eigen::MatrixXd predictions_from_moments(const Eigen::MatrixXd& features, const Eigen::VectorXd& y,
                                         const std::vector<Index>& fold_of, Index folds,
                                         const std::vector<double>& penalties,
                                         Index pca_components) {
  const Index samples = features.cols();
  const Index p = features.rows();
  const Eigen::VectorXd feature_mean = features.rowwise().mean();
  const double target_mean = y.mean();

  std::vector<FoldMoments> moments(static_cast<std::size_t>(folds));
  for (Index s = 0; s < samples; ++s) {
    moments[static_cast<std::size_t>(fold_of[s])].samples.push_back(s);
  }
  FoldMoments total;
  total.cross = Eigen::MatrixXd::Zero(p, p);
  total.sum = total.cross_target = Eigen::VectorXd::Zero(p);
  for (FoldMoments& fold : moments) {
    fold.features = features(Eigen::all, fold.samples);
    fold.minimum = fold.features.rowwise().minCoeff();
    fold.maximum = fold.features.rowwise().maxCoeff();
    fold.features.colwise() -= feature_mean;
    const Eigen::VectorXd target = y(fold.samples).array() - target_mean;
    fold.cross = Eigen::MatrixXd::Zero(p, p);
    fold.cross.selfadjointView<Eigen::Lower>().rankUpdate(fold.features);
    fold.sum = fold.features.rowwise().sum();
    fold.cross_target = fold.features * target;
    fold.target_sum = target.sum();
    total.cross += fold.cross;
    total.sum += fold.sum;
    total.cross_target += fold.cross_target;
    total.target_sum += fold.target_sum;
  }

  Eigen::MatrixXd predictions(samples, static_cast<Index>(penalties.size()));
  for (std::size_t k = 0; k < moments.size(); ++k) {
    const FoldMoments& held_out = moments[k];
    const double n_train = static_cast<double>(samples - held_out.features.cols());
    const Eigen::VectorXd mean = (total.sum - held_out.sum) / n_train;
    const double y_mean = (total.target_sum - held_out.target_sum) / n_train;
    // Centered with the training means: sum (x - m)(x - m)^T = sum x x^T - n m m^T, and
    // sum (x - m)(y - y_mean) = sum x y - n m y_mean.
    Eigen::MatrixXd gram = total.cross - held_out.cross;
    gram.selfadjointView<Eigen::Lower>().rankUpdate(mean, -n_train);
    gram.triangularView<Eigen::StrictlyUpper>() = gram.transpose();
    const Eigen::VectorXd rhs =
        total.cross_target - held_out.cross_target - n_train * y_mean * mean;

    // A feature constant on the training fold becomes 0 everywhere. Tested on the raw values: the
    // computed variance of equal values need not be exactly 0.
    Eigen::ArrayXd train_minimum = Eigen::ArrayXd::Constant(p, kInfinity);
    Eigen::ArrayXd train_maximum = Eigen::ArrayXd::Constant(p, -kInfinity);
    for (std::size_t j = 0; j < moments.size(); ++j) {
      if (j == k) continue;
      train_minimum = train_minimum.min(moments[j].minimum);
      train_maximum = train_maximum.max(moments[j].maximum);
    }
    Eigen::VectorXd inverse_scale(p);
    for (Index f = 0; f < p; ++f) {
      const double variance = gram(f, f) / n_train;
      const bool constant = train_minimum(f) == train_maximum(f) || !(variance > 0);
      inverse_scale(f) = constant ? 0.0 : 1.0 / std::sqrt(variance);
    }
    const Eigen::MatrixXd standardized_gram =
        inverse_scale.asDiagonal() * gram * inverse_scale.asDiagonal();
    const Eigen::MatrixXd weights =
        inverse_scale.asDiagonal() *
        standardized_weights(standardized_gram, inverse_scale.cwiseProduct(rhs), penalties,
                             pca_components);  // raw units: [p, penalties]
    // prediction = (x - m)^T w + y_mean, x and y_mean still centered globally.
    Eigen::MatrixXd fold_predictions = held_out.features.transpose() * weights;
    fold_predictions.rowwise() -= mean.transpose() * weights;
    fold_predictions.array() += y_mean + target_mean;
    predictions(held_out.samples, Eigen::all) = fold_predictions;
  }
  return predictions;
}

// Out-of-fold predictions of one side for every penalty when p > the training samples:
// [samples, penalties]. Each fold is standardized and fitted by ridge_path, which then solves the
// [n, n] dual system instead of the [p, p] one.
Eigen::MatrixXd predictions_from_folds(const Eigen::MatrixXd& features, const Eigen::VectorXd& y,
                                       const std::vector<Index>& fold_of, Index folds,
                                       const std::vector<double>& penalties, Index pca_components) {
  const Index samples = features.cols();
  const Index p = features.rows();
  Eigen::MatrixXd predictions(samples, static_cast<Index>(penalties.size()));
  std::vector<Index> train_rows;
  std::vector<Index> test_rows;
  for (Index fold = 0; fold < folds; ++fold) {
    train_rows.clear();
    test_rows.clear();
    for (Index s = 0; s < samples; ++s) (fold_of[s] == fold ? test_rows : train_rows).push_back(s);

    // Samples as rows from here on, as ridge_path takes them: train [n_train, p], test [n_test, p].
    Eigen::MatrixXd train = features(Eigen::all, train_rows).transpose();
    Eigen::MatrixXd test = features(Eigen::all, test_rows).transpose();
    const Eigen::RowVectorXd mean = train.colwise().mean();
    Eigen::RowVectorXd inverse_scale(p);
    for (Index f = 0; f < p; ++f) {
      const bool constant = train.col(f).maxCoeff() == train.col(f).minCoeff();
      const double sd = (train.col(f).array() - mean(f)).matrix().norm() /
                        std::sqrt(static_cast<double>(train.rows()));
      inverse_scale(f) = constant || !(sd > 0) ? 0.0 : 1.0 / sd;
    }
    train = ((train.rowwise() - mean).array().rowwise() * inverse_scale.array()).matrix();
    test = ((test.rowwise() - mean).array().rowwise() * inverse_scale.array()).matrix();
    if (pca_components > 0 && p > pca_components) {
      const Eigen::MatrixXd axes = principal_axes_wide(train, pca_components);  // [p, k]
      train = train * axes;
      test = test * axes;
    }

    const std::vector<LinearFit> fits = ridge_path(train, y(train_rows), penalties);
    for (std::size_t j = 0; j < fits.size(); ++j) {
      const Eigen::VectorXd fold_predictions = (test * fits[j].weights).array() + fits[j].intercept;
      predictions(test_rows, static_cast<Index>(j)) = fold_predictions;
    }
  }
  return predictions;
}

// Out-of-fold predictions of one side for every penalty: [samples, penalties].
// features: [p, samples]; fold_of: the fold of each sample.
Eigen::MatrixXd out_of_fold_predictions(const Eigen::MatrixXd& features, const Eigen::VectorXd& y,
                                        const std::vector<Index>& fold_of, Index folds,
                                        const std::vector<double>& penalties,
                                        Index pca_components) {
  // The largest fold leaves the fewest training samples: ceil(samples / folds) held out.
  const Index fewest_training = features.cols() - (features.cols() + folds - 1) / folds;
  if (features.rows() <= fewest_training) {
    return predictions_from_moments(features, y, fold_of, folds, penalties, pca_components);
  }
  return predictions_from_folds(features, y, fold_of, folds, penalties, pca_components);
}

struct SideScore {
  double correlation = 0;
  double penalty = 0;
  bool undefined = false;
};

bool all_rows_constant(const Eigen::MatrixXd& features) {
  for (Index r = 0; r < features.rows(); ++r) {
    if (features.row(r).maxCoeff() != features.row(r).minCoeff()) return false;
  }
  return true;
}

SideScore score_side(const Eigen::MatrixXd& features, const Eigen::VectorXd& y,
                     const std::vector<double>& target, const std::vector<Index>& fold_of,
                     const RlippOptions& options, const std::vector<double>& penalties) {
  SideScore score;
  if (all_rows_constant(features)) {
    // The fold-wise intercepts alone would still vary between folds and correlate (negatively)
    // with the target by construction; that is no predictive power.
    score.undefined = true;
    score.penalty = kNaN;
    return score;
  }
  const Eigen::MatrixXd predictions = out_of_fold_predictions(features, y, fold_of, options.folds,
                                                              penalties, options.pca_components);
  Index best = 0;
  double best_error = std::numeric_limits<double>::infinity();
  for (Index j = 0; j < predictions.cols(); ++j) {
    const double error = (predictions.col(j) - y).squaredNorm();
    if (error <= best_error) {  // ascending penalties: ties go to the larger one
      best_error = error;
      best = j;
    }
  }
  score.penalty = penalties[static_cast<std::size_t>(best)];
  const Eigen::VectorXd& chosen = predictions.col(best);
  const std::vector<double> predicted(chosen.data(), chosen.data() + chosen.size());
  const double rho = spearman_correlation(target, predicted);
  if (std::isnan(rho)) {
    score.undefined = true;
  } else {
    score.correlation = rho;
  }
  return score;
}

}  // namespace

void check_rlipp_options(const RlippOptions& options, Index samples) {
  check_fold_and_pca_options(options, samples);
  checked_penalties(options.penalties);
}

std::vector<Index> rlipp_fold_assignment(Index samples, Index folds, std::uint64_t seed) {
  ONTONET_CHECK(folds >= 1 && folds <= samples, "rlipp: need 1 <= folds <= samples");
  std::vector<std::size_t> order(static_cast<std::size_t>(samples));
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 generator(seed);
  shuffle_in_place(order, generator);
  std::vector<Index> fold_of(order.size());
  for (Index position = 0; position < samples; ++position) {
    // Chunk `fold` holds positions [fold * n / folds, (fold + 1) * n / folds).
    const Index fold = ((position + 1) * folds - 1) / samples;
    fold_of[order[static_cast<std::size_t>(position)]] = fold;
  }
  return fold_of;
}

RlippScore rlipp_score(const Eigen::MatrixXd& term_neurons, const Eigen::MatrixXd& inputs,
                       const std::vector<double>& target, const RlippOptions& options) {
  const Index samples = static_cast<Index>(target.size());
  ONTONET_CHECK(term_neurons.cols() == samples && inputs.cols() == samples,
                "rlipp: term_neurons [" + std::to_string(term_neurons.rows()) + ", " +
                    std::to_string(term_neurons.cols()) + "], inputs [" +
                    std::to_string(inputs.rows()) + ", " + std::to_string(inputs.cols()) +
                    "] and target (" + std::to_string(samples) + ") differ in samples");
  ONTONET_CHECK(term_neurons.rows() >= 1 && inputs.rows() >= 1,
                "rlipp: term_neurons and inputs need at least one row each");
  check_fold_and_pca_options(options, samples);
  const std::vector<double> penalties = checked_penalties(options.penalties);
  for (std::size_t s = 0; s < target.size(); ++s) {
    if (!std::isfinite(target[s])) {
      throw Error("rlipp: target[" + std::to_string(s) + "] is not finite (" +
                  std::to_string(target[s]) + ")");
    }
  }
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(target.data(), samples);
  check_finite(term_neurons, "term_neurons");
  check_finite(inputs, "inputs");

  const std::vector<Index> fold_of = rlipp_fold_assignment(samples, options.folds, options.seed);
  const SideScore term = score_side(term_neurons, y, target, fold_of, options, penalties);
  const SideScore input = score_side(inputs, y, target, fold_of, options, penalties);

  RlippScore score;
  score.term_correlation = term.correlation;
  score.input_correlation = input.correlation;
  score.term_penalty = term.penalty;
  score.input_penalty = input.penalty;
  score.term_correlation_undefined = term.undefined;
  score.input_correlation_undefined = input.undefined;
  const double denominator = std::abs(input.correlation);
  score.rlipp = denominator < kSmallestInputCorrelation
                    ? kNaN
                    : (term.correlation - input.correlation) / denominator;
  return score;
}

}  // namespace ontonet
