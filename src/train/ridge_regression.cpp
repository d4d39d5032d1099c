// Ridge regression in closed form, primal or dual (see linear_baselines.hpp for the convention).
#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "ontonet/core/error.hpp"
#include "ontonet/train/linear_baselines.hpp"

namespace ontonet {

namespace {

// (gram + penalty I)^-1 rhs by Cholesky; gram is symmetric positive semi-definite, so with
// penalty > 0 the system is positive definite and LLT can only fail on rounding, when LDLT's
// pivoting takes over.
Eigen::VectorXd solve_shifted(const Eigen::MatrixXd& gram, double penalty,
                              const Eigen::VectorXd& rhs) {
  Eigen::MatrixXd shifted = gram;
  shifted.diagonal().array() += penalty;
  const Eigen::LLT<Eigen::MatrixXd> llt(shifted);
  if (llt.info() == Eigen::Success) return llt.solve(rhs);
  return shifted.ldlt().solve(rhs);
}

}  // namespace

std::vector<LinearFit> ridge_path(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  const std::vector<double>& penalties, GramForm form) {
  ONTONET_CHECK(x.rows() == y.size() && x.rows() >= 1, "ridge: x and y need the same samples");
  // x: [n, p]. Centering with the training means leaves the intercept out of the penalty.
  const Eigen::RowVectorXd x_mean = x.colwise().mean();
  const double y_mean = y.mean();
  const Eigen::MatrixXd xc = x.rowwise() - x_mean;
  const Eigen::VectorXd yc = y.array() - y_mean;
  const bool primal =
      form == GramForm::kPrimal || (form == GramForm::kAuto && x.cols() <= x.rows());

  // primal: (Xc^T Xc + a I) w = Xc^T yc, [p, p]; dual: w = Xc^T (Xc Xc^T + a I)^-1 yc, [n, n].
  Eigen::MatrixXd gram;
  if (primal) {
    gram = Eigen::MatrixXd::Zero(x.cols(), x.cols());
    gram.selfadjointView<Eigen::Lower>().rankUpdate(xc.transpose());
  } else {
    gram = Eigen::MatrixXd::Zero(x.rows(), x.rows());
    gram.selfadjointView<Eigen::Lower>().rankUpdate(xc);
  }
  gram.triangularView<Eigen::StrictlyUpper>() = gram.transpose();
  const Eigen::VectorXd rhs = primal ? Eigen::VectorXd(xc.transpose() * yc) : yc;

  std::vector<LinearFit> fits;
  for (double penalty : penalties) {
    ONTONET_CHECK(penalty > 0, "ridge: penalties must be > 0");
    LinearFit fit;
    const Eigen::VectorXd solution = solve_shifted(gram, penalty, rhs);
    fit.weights = primal ? solution : Eigen::VectorXd(xc.transpose() * solution);
    fit.intercept = y_mean - x_mean.dot(fit.weights);
    fits.push_back(std::move(fit));
  }
  return fits;
}

}  // namespace ontonet
