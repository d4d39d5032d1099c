// L2-penalized logistic regression by Newton's method with a backtracking line search (see
// linear_baselines.hpp for the convention and the convergence test).
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/train/linear_baselines.hpp"

namespace ontonet {

namespace {

constexpr int kMaxHalvings = 60;
constexpr double kArmijo = 1e-4;

// Solves H v = rhs for the penalized Hessian block of the weights, H = X^T D X + penalty I
// (D = diag(d), the logistic curvatures p (1 - p)), factored once per Newton step.
//  primal: H itself, [p, p];
//  dual (Woodbury): with U = D^1/2 X, H^-1 v = (v - U^T (U U^T + penalty I)^-1 U v) / penalty,
//    and U U^T = D^1/2 K D^1/2 from the kernel K = X X^T computed once: [n, n].
class HessianSystem {
 public:
  HessianSystem(const Eigen::MatrixXd& x, bool primal) : x_(x), primal_(primal) {
    if (!primal_) {
      kernel_ = Eigen::MatrixXd::Zero(x.rows(), x.rows());
      kernel_.selfadjointView<Eigen::Lower>().rankUpdate(x);
      kernel_.triangularView<Eigen::StrictlyUpper>() = kernel_.transpose();
    }
  }

  void factor(const Eigen::VectorXd& curvature, double penalty) {
    penalty_ = penalty;
    sqrt_d_ = curvature.array().sqrt();
    Eigen::MatrixXd system;
    if (primal_) {
      system = Eigen::MatrixXd::Zero(x_.cols(), x_.cols());
      system.selfadjointView<Eigen::Lower>().rankUpdate(
          (x_.array().colwise() * sqrt_d_.array()).matrix().transpose());
    } else {
      system = sqrt_d_.asDiagonal() * kernel_ * sqrt_d_.asDiagonal();
    }
    system.diagonal().array() += penalty;
    llt_.compute(system);  // lower triangle only
    ONTONET_CHECK(llt_.info() == Eigen::Success, "logistic: Newton system not positive definite");
  }

  Eigen::VectorXd solve(const Eigen::VectorXd& rhs) const {
    if (primal_) return llt_.solve(rhs);
    const Eigen::VectorXd u_rhs = sqrt_d_.cwiseProduct(x_ * rhs);
    const Eigen::VectorXd inner = llt_.solve(u_rhs);
    return (rhs - x_.transpose() * sqrt_d_.cwiseProduct(inner)) / penalty_;
  }

 private:
  const Eigen::MatrixXd& x_;
  bool primal_;
  Eigen::MatrixXd kernel_;
  Eigen::VectorXd sqrt_d_;
  double penalty_ = 1;
  Eigen::LLT<Eigen::MatrixXd> llt_;
};

// sum_i log(1 + exp(z_i)) - y_i z_i, without overflow.
double log_loss_sum(const Eigen::VectorXd& z, const Eigen::VectorXd& y) {
  double sum = 0;
  for (Index i = 0; i < z.size(); ++i) {
    sum += std::max(z[i], 0.0) - z[i] * y[i] + std::log1p(std::exp(-std::abs(z[i])));
  }
  return sum;
}

double sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

struct State {
  Eigen::VectorXd w;
  double b = 0;
  Eigen::VectorXd z;  // x w + b
  double objective = 0;
};

double objective_at(const Eigen::VectorXd& z, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                    double penalty) {
  return log_loss_sum(z, y) + 0.5 * penalty * w.squaredNorm();
}

// Newton's method from `state` for one penalty; updates state and returns the fit.
LinearFit newton(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double penalty,
                 int max_iterations, double tolerance, HessianSystem& hessian, State& state) {
  const auto n = static_cast<double>(x.rows());
  LinearFit fit;
  fit.converged = false;
  state.objective = objective_at(state.z, y, state.w, penalty);
  for (;;) {
    Eigen::VectorXd probability(state.z.size());
    for (Index i = 0; i < state.z.size(); ++i) probability[i] = sigmoid(state.z[i]);
    const Eigen::VectorXd residual = probability - y;
    // Gradient of the summed objective: [w] X^T r + penalty w, [b] sum r.
    const Eigen::VectorXd grad_w = x.transpose() * residual + penalty * state.w;
    const double grad_b = residual.sum();
    fit.gradient_norm = std::max(grad_w.cwiseAbs().maxCoeff(), std::abs(grad_b)) / n;
    if (fit.gradient_norm <= tolerance) {
      fit.converged = true;
      break;
    }
    if (fit.iterations >= max_iterations) break;

    // [H c; c^T s] [dw; db] = -[grad_w; grad_b] with H = X^T D X + penalty I, c = X^T d,
    // s = sum d, solved by eliminating db (the intercept is unpenalized, so the full matrix has
    // no penalty in its corner and only H gets the fast solver).
    const Eigen::VectorXd curvature = probability.array() * (1 - probability.array());
    hessian.factor(curvature, penalty);
    const Eigen::VectorXd c = x.transpose() * curvature;
    const double s = curvature.sum();
    const Eigen::VectorXd h_grad = hessian.solve(grad_w);
    const Eigen::VectorXd h_c = hessian.solve(c);
    // s - c^T H^-1 c >= 0 in exact arithmetic; it nears 0 only when every sample is saturated,
    // and is 0 when every curvature underflowed (then the intercept stays put this step).
    const double schur = std::max(s - c.dot(h_c), 1e-12 * s);
    const double step_b = schur > 0 ? (c.dot(h_grad) - grad_b) / schur : 0.0;
    const Eigen::VectorXd step_w = -h_grad - h_c * step_b;
    const Eigen::VectorXd step_z = x * step_w + Eigen::VectorXd::Constant(x.rows(), step_b);

    const double slope = grad_w.dot(step_w) + grad_b * step_b;
    double t = 1;
    bool decreased = false;
    for (int halving = 0; halving < kMaxHalvings && slope < 0; ++halving, t *= 0.5) {
      const Eigen::VectorXd z = state.z + t * step_z;
      const Eigen::VectorXd w = state.w + t * step_w;
      const double objective = objective_at(z, y, w, penalty);
      if (objective <= state.objective + kArmijo * t * slope) {
        state.w = w;
        state.b += t * step_b;
        state.z = z;
        state.objective = objective;
        decreased = true;
        break;
      }
    }
    ++fit.iterations;
    if (!decreased) break;  // stalled: reported as not converged
  }
  fit.weights = state.w;
  fit.intercept = state.b;
  return fit;
}

}  // namespace

std::vector<LinearFit> logistic_l2_path(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                        const std::vector<double>& penalties, int max_iterations,
                                        double tolerance, GramForm form) {
  ONTONET_CHECK(x.rows() == y.size() && x.rows() >= 1, "logistic: x and y need the same samples");
  const bool primal =
      form == GramForm::kPrimal || (form == GramForm::kAuto && x.cols() <= x.rows());
  HessianSystem hessian(x, primal);

  // Largest penalty first, each fit starting where the previous one ended: the solution moves
  // little between neighbouring penalties, so Newton starts close.
  std::vector<std::size_t> order(penalties.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return penalties[a] > penalties[b]; });
  State state;
  state.w = Eigen::VectorXd::Zero(x.cols());
  // Start at the intercept-only optimum (the log-odds of the mean), clamped for a one-class y.
  const double mean = std::clamp(y.mean(), 1e-6, 1 - 1e-6);
  state.b = std::log(mean / (1 - mean));
  state.z = Eigen::VectorXd::Constant(x.rows(), state.b);

  std::vector<LinearFit> fits(penalties.size());
  for (std::size_t i : order) {
    ONTONET_CHECK(penalties[i] > 0, "logistic: penalties must be > 0");
    fits[i] = newton(x, y, penalties[i], max_iterations, tolerance, hessian, state);
  }
  return fits;
}

}  // namespace ontonet
