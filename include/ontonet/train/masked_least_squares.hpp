// The exact optimum of a linear model whose connections are masked: the closed form behind the
// theory a constrained-versus-dense comparison tests. Outputs k = 1..K each regress on the features
// the mask allows them (mask(k, j) true: feature j may feed output k), with an unpenalized
// intercept and a ridge penalty on the allowed weights:
//   minimize over W, b   sum_i sum_k (y_ik - b_k - sum_{j allowed for k} W_kj x_ij)^2
//                        + penalty * sum of W_kj^2 over allowed (k, j).
// The outputs decouple, so output k is ridge (or least squares) on its own columns, solved on data
// centered with the sample means: by Cholesky of Xs^T Xs + penalty I when penalty > 0, by a
// complete orthogonal decomposition (the minimum-norm least-squares solution, exact also when Xs is
// rank deficient) when penalty == 0. All in double precision.
//
// Theory: with the mask fixed, the masked optimum's training loss is >= the full (all-true mask)
// optimum's, and adding the penalty can only raise the data loss reached, more as it grows:
//   L(masked, penalty) >= L(masked, 0) >= L(dense, 0), and L(masked, penalty) non-decreasing.
#pragma once

#include <Eigen/Core>

namespace ontonet {

using ConnectionMask = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>;

struct MaskedLinearFit {
  Eigen::MatrixXd weights;     // [K, p], zero where the mask forbids a connection
  Eigen::VectorXd intercepts;  // [K]
  // The data loss at the optimum: mean over samples and outputs of the squared error (without
  // the penalty term).
  double training_loss = 0.0;
};

// x: [n, p] samples by features; y: [n, K]; mask: [K, p]; penalty finite and >= 0. Throws
// ConfigError("masked_least_squares", ...) for mismatched shapes, n < 1 or a bad penalty.
MaskedLinearFit fit_masked_least_squares(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                         const ConnectionMask& mask, double penalty);

}  // namespace ontonet
