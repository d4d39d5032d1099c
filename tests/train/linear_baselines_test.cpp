// Ridge and L2-logistic baselines: the closed forms against an independent solve of the normal
// equations (intercept included, with a different decomposition), primal against dual, Newton
// against plain gradient descent, penalty selection, metrics per split, separable data.
#include "ontonet/train/linear_baselines.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <memory>
#include <random>

#include "ontonet/core/error.hpp"
#include "ontonet/train/task_metrics.hpp"
#include "ontonet/train/trainer.hpp"

namespace ontonet {
namespace {

// A FeatureSource over an in-memory [n_features, n_samples] matrix.
class MatrixFeatures : public FeatureSource {
 public:
  explicit MatrixFeatures(Matrix<float> x) : x_(std::move(x)) {
    for (Index f = 0; f < x_.rows(); ++f) ids_.push_back("f" + std::to_string(f));
  }
  std::size_t n_samples() const override { return static_cast<std::size_t>(x_.cols()); }
  const std::vector<std::string>& feature_ids() const override { return ids_; }
  void fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const override {
    x.resize(x_.rows(), static_cast<Index>(rows.size()));
    for (std::size_t j = 0; j < rows.size(); ++j) {
      x.col(static_cast<Index>(j)) = x_.col(static_cast<Index>(rows[j]));
    }
  }

 private:
  Matrix<float> x_;
  std::vector<std::string> ids_;
};

Eigen::MatrixXd random_normal(Index rows, Index cols, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd x(rows, cols);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = normal(random);
  return x;
}

// Values rounded to float, so that a set built from them holds exactly the same numbers.
Eigen::MatrixXd as_float(const Eigen::MatrixXd& x) { return x.cast<float>().cast<double>(); }

std::vector<std::size_t> range(std::size_t begin, std::size_t end) {
  std::vector<std::size_t> rows;
  for (std::size_t i = begin; i < end; ++i) rows.push_back(i);
  return rows;
}

// x: [n, p] samples as rows; y: [n].
TrainingSet make_set(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, TaskKind task,
                     SplitIndices splits) {
  TrainingSet set;
  for (Index i = 0; i < x.rows(); ++i) set.sample_ids.push_back("s" + std::to_string(i));
  set.features = std::make_shared<MatrixFeatures>(x.transpose().cast<float>());
  set.targets = y.transpose().cast<float>();
  set.task = task;
  set.splits = std::move(splits);
  return set;
}

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& x, const std::vector<std::size_t>& rows) {
  Eigen::MatrixXd result(static_cast<Index>(rows.size()), x.cols());
  for (std::size_t j = 0; j < rows.size(); ++j) {
    result.row(static_cast<Index>(j)) = x.row(static_cast<Index>(rows[j]));
  }
  return result;
}

// The ridge solution from the normal equations of [X 1] with the penalty on w only, by full
// pivoting LU: [X^T X + a I, X^T 1; 1^T X, n] [w; b] = [X^T y; 1^T y].
Eigen::VectorXd ridge_reference(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double a) {
  Eigen::MatrixXd augmented(x.rows(), x.cols() + 1);
  augmented << x, Eigen::VectorXd::Ones(x.rows());
  Eigen::MatrixXd system = augmented.transpose() * augmented;
  system.diagonal().head(x.cols()).array() += a;
  return system.fullPivLu().solve(augmented.transpose() * y);
}

// Gradient of sum log-loss + a/2 ||w||^2 with respect to [w; b], divided by n.
Eigen::VectorXd logistic_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  const Eigen::VectorXd& w, double b, double a) {
  const Eigen::VectorXd z = (x * w).array() + b;
  const Eigen::VectorXd r = (1 / (1 + (-z.array()).exp())).matrix() - y;
  Eigen::VectorXd g(w.size() + 1);
  g << x.transpose() * r + a * w, r.sum();
  return g / static_cast<double>(x.rows());
}

Eigen::VectorXd binary_labels(const Eigen::MatrixXd& x, const Eigen::VectorXd& true_w,
                              std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  Eigen::VectorXd y(x.rows());
  for (Index i = 0; i < x.rows(); ++i) {
    y[i] = uniform(random) < 1 / (1 + std::exp(-x.row(i).dot(true_w))) ? 1 : 0;
  }
  return y;
}

TEST(RidgePath, OneFeatureMatchesTheClosedFormByHand) {
  // x = 1..4, y = 2 3 5 8: Sxx = 5, Sxy = 10; w = Sxy / (Sxx + a), b = 4.5 - 2.5 w.
  Eigen::MatrixXd x(4, 1);
  x << 1, 2, 3, 4;
  const Eigen::Vector4d y(2, 3, 5, 8);
  const std::vector<LinearFit> fits = ridge_path(x, y, {1.0, 5.0});
  ASSERT_EQ(fits.size(), 2u);
  EXPECT_NEAR(fits[0].weights[0], 10.0 / 6.0, 1e-14);
  EXPECT_NEAR(fits[0].intercept, 4.5 - 2.5 * 10.0 / 6.0, 1e-14);
  EXPECT_NEAR(fits[1].weights[0], 1.0, 1e-14);
  EXPECT_NEAR(fits[1].intercept, 2.0, 1e-14);
}

TEST(RidgePath, PrimalAndDualEqualTheNormalEquationsWithUnpenalizedIntercept) {
  for (const auto& [n, p] : {std::pair<Index, Index>{20, 5}, std::pair<Index, Index>{8, 15}}) {
    const Eigen::MatrixXd x = random_normal(n, p, 1) * 2 + Eigen::MatrixXd::Constant(n, p, 3);
    const Eigen::VectorXd y = random_normal(n, 1, 2).array() + 7;
    const std::vector<double> penalties{0.01, 0.7, 40};
    const auto primal = ridge_path(x, y, penalties, GramForm::kPrimal);
    const auto dual = ridge_path(x, y, penalties, GramForm::kDual);
    for (std::size_t i = 0; i < penalties.size(); ++i) {
      const Eigen::VectorXd expected = ridge_reference(x, y, penalties[i]);
      EXPECT_LT((primal[i].weights - expected.head(p)).cwiseAbs().maxCoeff(), 1e-9)
          << n << "x" << p << " penalty " << penalties[i];
      EXPECT_LT((dual[i].weights - expected.head(p)).cwiseAbs().maxCoeff(), 1e-9);
      EXPECT_NEAR(primal[i].intercept, expected[p], 1e-9);
      EXPECT_NEAR(dual[i].intercept, expected[p], 1e-9);
    }
  }
}

TEST(LogisticPath, GradientVanishesAndNewtonMatchesGradientDescent) {
  const Eigen::MatrixXd x = random_normal(40, 3, 3);
  const Eigen::VectorXd y = binary_labels(x, Eigen::Vector3d(1.5, -1, 0.5), 4);
  const double a = 2.0;
  const LinearFit fit = logistic_l2_path(x, y, {a}, 100, 1e-10)[0];
  ASSERT_TRUE(fit.converged);
  EXPECT_GT(fit.iterations, 1);
  EXPECT_LT(fit.iterations, 15);
  EXPECT_LT(logistic_gradient(x, y, fit.weights, fit.intercept, a).cwiseAbs().maxCoeff(), 1e-10);

  // Plain gradient descent on the mean objective with step 1 / L, L bounding its curvature:
  // ||[X 1]||_2^2 / (4 n) + a / n.
  Eigen::MatrixXd augmented(x.rows(), 4);
  augmented << x, Eigen::VectorXd::Ones(x.rows());
  const double spectral = Eigen::JacobiSVD<Eigen::MatrixXd>(augmented).singularValues()[0];
  const double step = 1 / (spectral * spectral / (4.0 * 40) + a / 40);
  Eigen::VectorXd w = Eigen::VectorXd::Zero(3);
  double b = 0;
  for (int k = 0; k < 20000; ++k) {
    const Eigen::VectorXd g = logistic_gradient(x, y, w, b, a);
    w -= step * g.head(3);
    b -= step * g[3];
  }
  EXPECT_LT((fit.weights - w).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_NEAR(fit.intercept, b, 1e-8);
}

TEST(LogisticPath, PrimalAndDualNewtonAgreeWhenFeaturesOutnumberSamples) {
  const Eigen::MatrixXd x = random_normal(15, 30, 5);
  const Eigen::VectorXd y = binary_labels(x, random_normal(30, 1, 6), 7);
  const std::vector<double> penalties{0.1, 1, 10};
  const auto primal = logistic_l2_path(x, y, penalties, 100, 1e-10, GramForm::kPrimal);
  const auto dual = logistic_l2_path(x, y, penalties, 100, 1e-10, GramForm::kDual);
  for (std::size_t i = 0; i < penalties.size(); ++i) {
    ASSERT_TRUE(primal[i].converged && dual[i].converged) << penalties[i];
    EXPECT_LT((primal[i].weights - dual[i].weights).cwiseAbs().maxCoeff(), 1e-8);
    EXPECT_NEAR(primal[i].intercept, dual[i].intercept, 1e-8);
    EXPECT_LT(logistic_gradient(x, y, dual[i].weights, dual[i].intercept, penalties[i])
                  .cwiseAbs()
                  .maxCoeff(),
              1e-10);
  }
  // A larger penalty shrinks the weights.
  EXPECT_GT(primal[0].weights.norm(), primal[1].weights.norm());
  EXPECT_GT(primal[1].weights.norm(), primal[2].weights.norm());
}

TEST(LinearBaseline, RidgeKeepsThePenaltyOfLowestValidationLoss) {
  // Few noisy samples for many features: neither the smallest nor the largest penalty wins.
  const Eigen::MatrixXd x = as_float(random_normal(60, 20, 8));
  const Eigen::VectorXd noise = random_normal(60, 1, 9);
  const Eigen::VectorXd y = as_float((x * random_normal(20, 1, 10) * 0.3 + 2 * noise).eval());
  const SplitIndices splits{range(0, 25), range(25, 45), range(45, 60)};
  const TrainingSet set = make_set(x, y, TaskKind::kRegression, splits);
  const LinearBaselineResult result = fit_linear_baseline(set);

  EXPECT_EQ(result.model, "ridge");
  ASSERT_EQ(result.path.size(), 8u);
  const Eigen::MatrixXd x_train = rows_of(x, splits.train);
  const Eigen::MatrixXd x_validation = rows_of(x, splits.validation);
  const Eigen::VectorXd y_validation = rows_of(y, splits.validation);
  std::size_t best = 0;
  for (std::size_t i = 0; i < result.path.size(); ++i) {
    const PenaltyTrial& trial = result.path[i];
    EXPECT_TRUE(trial.converged);
    // Independently: the normal equations on the training rows, the MSE on the validation rows.
    const Eigen::VectorXd solution =
        ridge_reference(x_train, rows_of(y, splits.train), trial.penalty);
    const Eigen::VectorXd predicted = (x_validation * solution.head(20)).array() + solution[20];
    const double mse = (predicted - y_validation).squaredNorm() / 20;
    EXPECT_NEAR(trial.validation_loss, mse, 1e-5 * mse) << trial.penalty;
    if (trial.validation_loss < result.path[best].validation_loss) best = i;
  }
  EXPECT_EQ(result.penalty, result.path[best].penalty);
  EXPECT_GT(best, 0u);
  EXPECT_LT(best, result.path.size() - 1);
  EXPECT_DOUBLE_EQ(result.metrics.at("validation").at("loss"), result.path[best].validation_loss);
  EXPECT_EQ(result.metrics.size(), 3u);
  EXPECT_TRUE(result.metrics.at("test").count("r2"));
  EXPECT_TRUE(result.notes.empty());

  const Eigen::VectorXd expected =
      ridge_reference(x_train, rows_of(y, splits.train), result.penalty);
  EXPECT_LT((result.weights - expected.head(20)).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_NEAR(result.intercept, expected[20], 1e-9);
  // predict_linear gives what the test metrics were computed from.
  const Matrix<float> outputs = predict_linear(result, *set.features, splits.test);
  ASSERT_EQ(outputs.rows(), 1);
  ASSERT_EQ(outputs.cols(), 15);
  const Matrix<float> test_targets = y.segment(45, 15).transpose().cast<float>();
  EXPECT_DOUBLE_EQ(result.metrics.at("test").at("mse"),
                   task_metrics(TaskKind::kRegression, test_targets, outputs).at("mse"));
  EXPECT_NEAR(outputs(0, 3), x.row(48).dot(result.weights) + result.intercept, 1e-5);

  // As a compiled model, it predicts the same.
  Model<float> model = linear_baseline_model(result, set.features->feature_ids());
  const Matrix<float> from_model = predict_outputs(model, *set.features, splits.test);
  EXPECT_LT((from_model - outputs).cwiseAbs().maxCoeff(), 1e-4);
}

TEST(LinearBaseline, MetricsCoverOnlyTheNonEmptySplits) {
  const Eigen::MatrixXd x = as_float(random_normal(30, 4, 11));
  const Eigen::VectorXd y = as_float(binary_labels(x, Eigen::Vector4d(1, -1, 2, 0), 12));
  const LinearBaselineResult with_validation =
      fit_linear_baseline(make_set(x, y, TaskKind::kBinary, {range(0, 20), range(20, 30), {}}));
  EXPECT_EQ(with_validation.model, "logistic_l2");
  ASSERT_EQ(with_validation.metrics.size(), 2u);
  EXPECT_TRUE(with_validation.metrics.count("train") &&
              with_validation.metrics.count("validation"));
  EXPECT_TRUE(with_validation.metrics.at("train").count("auroc"));

  // No validation split: nothing to choose with, so the middle penalty (1 of 1e-3 .. 1e4).
  const LinearBaselineResult without_validation =
      fit_linear_baseline(make_set(x, y, TaskKind::kBinary, {range(0, 20), {}, range(20, 30)}));
  ASSERT_EQ(without_validation.metrics.size(), 2u);
  EXPECT_TRUE(without_validation.metrics.count("train") &&
              without_validation.metrics.count("test"));
  EXPECT_EQ(without_validation.penalty, 1.0);
  ASSERT_EQ(without_validation.path.size(), 1u);
  EXPECT_TRUE(std::isnan(without_validation.path[0].validation_loss));
  ASSERT_EQ(without_validation.notes.size(), 1u);
  EXPECT_NE(without_validation.notes[0].find("no validation split"), std::string::npos);
  const Eigen::MatrixXd x_train = x.topRows(20);
  const Eigen::VectorXd y_train = y.head(20);
  EXPECT_LT(logistic_gradient(x_train, y_train, without_validation.weights,
                              without_validation.intercept, 1.0)
                .cwiseAbs()
                .maxCoeff(),
            1e-8);
}

TEST(LinearBaseline, SeparableDataWithATinyPenaltyIsReportedNotHidden) {
  // y = 1 exactly when the first feature is positive.
  Eigen::MatrixXd x = as_float(random_normal(40, 3, 13));
  Eigen::VectorXd y = (x.col(0).array() > 0).cast<double>();
  const TrainingSet set = make_set(x, y, TaskKind::kBinary, {range(0, 30), range(30, 40), {}});
  LinearBaselineOptions options;
  options.penalties = {1e-8};
  options.max_iterations = 3;
  const LinearBaselineResult stopped = fit_linear_baseline(set, options);
  ASSERT_EQ(stopped.path.size(), 1u);
  EXPECT_FALSE(stopped.path[0].converged);
  EXPECT_EQ(stopped.path[0].iterations, 3);
  ASSERT_EQ(stopped.notes.size(), 1u);
  EXPECT_NE(stopped.notes[0].find("penalty 1e-08: not converged after 3 Newton steps"),
            std::string::npos)
      << stopped.notes[0];
  EXPECT_TRUE(stopped.weights.allFinite());

  // Given the iterations, Newton reaches the (large but finite) optimum and separates the data.
  options.max_iterations = 100;
  const LinearBaselineResult full = fit_linear_baseline(set, options);
  EXPECT_TRUE(full.weights.allFinite());
  EXPECT_GT(full.weights.norm(), 10.0);
  EXPECT_EQ(full.metrics.at("train").at("accuracy"), 1.0);
  for (const std::string& note : full.notes) ADD_FAILURE() << "unexpected note: " << note;
}

TEST(LinearBaseline, LogisticWithManyMoreFeaturesThanSamplesConverges) {
  // The dual (Woodbury) Newton path: 400 features on 150 training samples.
  const Eigen::MatrixXd x = as_float(random_normal(200, 400, 14));
  const Eigen::VectorXd y = as_float(binary_labels(x, random_normal(400, 1, 15) * 0.2, 16));
  const SplitIndices splits{range(0, 150), range(150, 200), {}};
  const LinearBaselineResult result =
      fit_linear_baseline(make_set(x, y, TaskKind::kBinary, splits));
  ASSERT_EQ(result.path.size(), 8u);
  for (const PenaltyTrial& trial : result.path) {
    EXPECT_TRUE(trial.converged) << trial.penalty;
    EXPECT_LE(trial.iterations, 30) << trial.penalty;
  }
  EXPECT_TRUE(result.notes.empty());
  const Eigen::MatrixXd x_train = x.topRows(150);
  const Eigen::VectorXd y_train = y.head(150);
  EXPECT_LT(logistic_gradient(x_train, y_train, result.weights, result.intercept, result.penalty)
                .cwiseAbs()
                .maxCoeff(),
            1e-8);
}

TEST(LinearBaseline, RejectsPenaltiesThatAreNotPositive) {
  const Eigen::MatrixXd x = random_normal(10, 2, 17);
  const TrainingSet set =
      make_set(x, x.col(0), TaskKind::kRegression, {range(0, 8), range(8, 10), {}});
  LinearBaselineOptions options;
  options.penalties = {1, 0};
  try {
    fit_linear_baseline(set, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "linear_baseline.penalties[1]");
    EXPECT_NE(std::string(error.what()).find("must be a finite number > 0"), std::string::npos);
  }
  options.penalties = {};
  EXPECT_THROW(fit_linear_baseline(set, options), ConfigError);
}

}  // namespace
}  // namespace ontonet
