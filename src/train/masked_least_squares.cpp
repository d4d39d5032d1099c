#include "ontonet/train/masked_least_squares.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <string>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

void check_inputs(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const ConnectionMask& mask,
                  double penalty) {
  const auto fail = [](const std::string& message) {
    throw ConfigError("masked_least_squares", message);
  };
  if (x.rows() < 1) fail("needs at least one sample");
  if (y.rows() != x.rows()) fail("x and y must have one row per sample");
  if (mask.rows() != y.cols() || mask.cols() != x.cols()) {
    fail("the mask must be [outputs, features] = [" + std::to_string(y.cols()) + ", " +
         std::to_string(x.cols()) + "]");
  }
  if (!(std::isfinite(penalty) && penalty >= 0.0)) {
    fail("penalty must be finite and >= 0, got " + std::to_string(penalty));
  }
}

}  // namespace

MaskedLinearFit fit_masked_least_squares(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                         const ConnectionMask& mask, double penalty) {
  check_inputs(x, y, mask, penalty);
  const Eigen::RowVectorXd x_mean = x.colwise().mean();
  const Eigen::RowVectorXd y_mean = y.colwise().mean();
  const Eigen::MatrixXd xc = x.rowwise() - x_mean;
  const Eigen::MatrixXd yc = y.rowwise() - y_mean;

  MaskedLinearFit fit;
  fit.weights = Eigen::MatrixXd::Zero(y.cols(), x.cols());
  fit.intercepts = y_mean.transpose();
  double squared_error = 0.0;
  for (Eigen::Index k = 0; k < y.cols(); ++k) {
    std::vector<Eigen::Index> allowed;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (mask(k, j)) allowed.push_back(j);
    }
    Eigen::VectorXd residual = yc.col(k);
    if (!allowed.empty()) {
      const Eigen::MatrixXd columns = xc(Eigen::all, allowed);
      Eigen::VectorXd w;
      if (penalty > 0.0) {
        Eigen::MatrixXd gram = columns.transpose() * columns;
        gram.diagonal().array() += penalty;
        w = gram.llt().solve(columns.transpose() * yc.col(k));
      } else {
        w = columns.completeOrthogonalDecomposition().solve(yc.col(k));
      }
      residual -= columns * w;
      fit.weights(k, allowed) = w.transpose();
      fit.intercepts[k] -= x_mean(allowed).dot(w);
    }
    squared_error += residual.squaredNorm();
  }
  fit.training_loss = squared_error / static_cast<double>(y.size());
  return fit;
}

}  // namespace ontonet
