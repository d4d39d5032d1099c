#include "ontonet/autodiff/ops_normalization.hpp"

#include "op_checks.hpp"

namespace ontonet {

template <typename Scalar>
BatchNorm<Scalar>::BatchNorm(const std::string& name, Index n_features, Scalar momentum_value,
                             Scalar epsilon_value)
    : gamma(name + ".gamma", n_features, 1, n_features),
      beta(name + ".beta", n_features, 1, n_features),
      running_mean(Vector<Scalar>::Zero(n_features)),
      running_var(Vector<Scalar>::Ones(n_features)),
      momentum(momentum_value),
      epsilon(epsilon_value) {
  gamma.value.setOnes();
}

namespace ops {

namespace {

// Normalizes with the batch statistics and updates the running ones.
// x: [n, batch] -> x_hat: [n, batch], inv_std: [n].
template <typename Scalar>
void normalize_with_batch_statistics(const Matrix<Scalar>& x, BatchNorm<Scalar>& layer,
                                     Matrix<Scalar>& x_hat, Vector<Scalar>& inv_std) {
  const Index batch = x.cols();
  for (Index f = 0; f < x.rows(); ++f) {
    const Scalar mean = x.row(f).mean();
    x_hat.row(f) = x.row(f).array() - mean;
    const Scalar sum_squares = x_hat.row(f).squaredNorm();
    const Scalar variance = sum_squares / Scalar(batch);
    inv_std[f] = Scalar(1) / std::sqrt(variance + layer.epsilon);
    x_hat.row(f) *= inv_std[f];
    layer.running_mean[f] += layer.momentum * (mean - layer.running_mean[f]);
    layer.running_var[f] +=
        layer.momentum * (sum_squares / Scalar(batch - 1) - layer.running_var[f]);
  }
}

// x: [n, batch] -> x_hat: [n, batch], inv_std: [n], from the running statistics.
template <typename Scalar>
void normalize_with_running_statistics(const Matrix<Scalar>& x, const BatchNorm<Scalar>& layer,
                                       Matrix<Scalar>& x_hat, Vector<Scalar>& inv_std) {
  inv_std = (layer.running_var.array() + layer.epsilon).rsqrt();
  x_hat = ((x.colwise() - layer.running_mean).array().colwise() * inv_std.array()).matrix();
}

}  // namespace

template <typename Scalar>
NodeId batch_norm(Tape<Scalar>& tape, NodeId x, BatchNorm<Scalar>& layer) {
  const char* op = "batch_norm";
  const Matrix<Scalar>& x_value = tape.value(x);
  if (x_value.rows() != layer.n_features()) {
    detail::throw_op_error(op, "input has " + std::to_string(x_value.rows()) +
                                      " features, layer expects " +
                                      std::to_string(layer.n_features()));
  }
  const bool training = tape.training();
  if (training && x_value.cols() < 2) {
    detail::throw_op_error(op, "training mode needs a batch of at least 2 samples, got " +
                                      std::to_string(x_value.cols()));
  }
  // x: [n, batch] -> y: [n, batch]; saved = x_hat, saved_rows = 1 / std
  Node<Scalar>& y = tape.record(op, {x}, x_value.rows(), x_value.cols());
  y.saved.resize(x_value.rows(), x_value.cols());
  y.saved_rows.resize(x_value.rows());
  if (training) {
    normalize_with_batch_statistics(x_value, layer, y.saved, y.saved_rows);
  } else {
    normalize_with_running_statistics(x_value, layer, y.saved, y.saved_rows);
  }
  y.value = (y.saved.array().colwise() * layer.gamma.value.array()).colwise() +
            layer.beta.value.array();
  y.parameters.assign({&layer.gamma, &layer.beta});
  y.backward = [bn = &layer, training](Tape<Scalar>& t, const Node<Scalar>& node) {
    const Matrix<Scalar>& dy = node.grad;
    const Matrix<Scalar>& x_hat = node.saved;
    Matrix<Scalar>& dx = t.grad(node.inputs[0]);
    const Scalar batch = Scalar(dy.cols());
    for (Index f = 0; f < dy.rows(); ++f) {
      const Scalar sum_dy = dy.row(f).sum();
      const Scalar sum_dy_x_hat = dy.row(f).dot(x_hat.row(f));
      bn->beta.grad[f] += sum_dy;
      bn->gamma.grad[f] += sum_dy_x_hat;
      const Scalar scale = bn->gamma.value[f] * node.saved_rows[f];
      if (training) {
        // The batch statistics depend on every sample, hence the two centring terms.
        dx.row(f).array() += scale / batch *
                             (batch * dy.row(f).array() - sum_dy - x_hat.row(f).array() * sum_dy_x_hat);
      } else {
        dx.row(f) += scale * dy.row(f);
      }
    }
  };
  return tape.finish(y);
}

template NodeId batch_norm<float>(Tape<float>&, NodeId, BatchNorm<float>&);
template NodeId batch_norm<double>(Tape<double>&, NodeId, BatchNorm<double>&);

}  // namespace ops

template struct BatchNorm<float>;
template struct BatchNorm<double>;

}  // namespace ontonet
