#include "ontonet/autodiff/losses.hpp"

#include "loss_support.hpp"
#include "stable_math.hpp"

#include <cmath>
#include <string>

namespace ontonet::ops {

template <typename Scalar>
NodeId mse_loss(Tape<Scalar>& tape, NodeId predictions, const Matrix<NonDeduced<Scalar>>& targets,
                const Vector<NonDeduced<Scalar>>& sample_weights) {
  const char* op = "mse_loss";
  const Matrix<Scalar>& p = tape.value(predictions);
  detail::require_same_shape(op, "predictions", p, "targets", targets);
  // p, t: [n, batch] -> [1, 1]; saved = d loss / d p, saved_rows = sample weights
  Node<Scalar>& loss = tape.record(op, {predictions}, 1, 1);
  detail::fill_sample_weights(op, sample_weights, p.cols(), loss.saved_rows);
  const Scalar total = detail::require_positive_total(op, loss.saved_rows.sum());
  const Scalar n = Scalar(p.rows());
  loss.saved = p - targets;
  loss.value(0, 0) =
      (loss.saved.array().square().colwise().sum() * loss.saved_rows.transpose().array()).sum() /
      (n * total);
  loss.saved.array().rowwise() *= (Scalar(2) / (n * total)) * loss.saved_rows.transpose().array();
  loss.backward = detail::scale_saved_gradient<Scalar>;
  return tape.finish(loss);
}

template <typename Scalar>
NodeId bce_with_logits_loss(Tape<Scalar>& tape, NodeId logits, const Matrix<NonDeduced<Scalar>>& targets,
                            const Vector<NonDeduced<Scalar>>& pos_weight, const Vector<NonDeduced<Scalar>>& sample_weights) {
  const char* op = "bce_with_logits_loss";
  const Matrix<Scalar>& z = tape.value(logits);
  detail::require_same_shape(op, "logits", z, "targets", targets);
  if (pos_weight.size() != 0 && pos_weight.size() != z.rows()) {
    detail::throw_op_error(op, std::to_string(pos_weight.size()) + " positive weights for " +
                                   std::to_string(z.rows()) + " outputs");
  }
  // z, t: [n, batch] -> [1, 1]; saved = d loss / d z, saved_rows = sample weights
  Node<Scalar>& loss = tape.record(op, {logits}, 1, 1);
  detail::fill_sample_weights(op, sample_weights, z.cols(), loss.saved_rows);
  const Scalar total = detail::require_positive_total(op, loss.saved_rows.sum());
  const Scalar norm = Scalar(1) / (Scalar(z.rows()) * total);
  loss.saved.resize(z.rows(), z.cols());
  Scalar sum = 0;
  for (Index i = 0; i < z.rows(); ++i) {
    const Scalar positive_weight = pos_weight.size() == 0 ? Scalar(1) : pos_weight[i];
    for (Index b = 0; b < z.cols(); ++b) {
      const Scalar v = z(i, b);
      const Scalar t = targets(i, b);
      const Scalar w = loss.saved_rows[b] * norm;
      // log s(z) = -softplus(-z) and log(1 - s(z)) = -softplus(z), both finite for any z.
      sum += w * (positive_weight * t * detail::stable_softplus(-v) + (Scalar(1) - t) * detail::stable_softplus(v));
      const Scalar s = detail::logistic(v);
      loss.saved(i, b) = w * ((Scalar(1) - t) * s - positive_weight * t * (Scalar(1) - s));
    }
  }
  loss.value(0, 0) = sum;
  loss.backward = detail::scale_saved_gradient<Scalar>;
  return tape.finish(loss);
}

template <typename Scalar>
NodeId softmax_cross_entropy_loss(Tape<Scalar>& tape, NodeId logits,
                                  const std::vector<Index>& classes,
                                  const Vector<NonDeduced<Scalar>>& class_weights,
                                  const Vector<NonDeduced<Scalar>>& sample_weights) {
  const char* op = "softmax_cross_entropy_loss";
  const Matrix<Scalar>& z = tape.value(logits);
  const Index n_classes = z.rows();
  if (static_cast<Index>(classes.size()) != z.cols()) {
    detail::throw_op_error(op, std::to_string(classes.size()) + " class labels for a batch of " +
                                   std::to_string(z.cols()));
  }
  if (class_weights.size() != 0 && class_weights.size() != n_classes) {
    detail::throw_op_error(op, std::to_string(class_weights.size()) + " class weights for " +
                                   std::to_string(n_classes) + " classes");
  }
  for (std::size_t b = 0; b < classes.size(); ++b) {
    if (classes[b] < 0 || classes[b] >= n_classes) {
      detail::throw_op_error(op, "label " + std::to_string(b) + " is class " +
                                     std::to_string(classes[b]) + ", outside [0, " +
                                     std::to_string(n_classes) + ")");
    }
  }
  // z: [n_classes, batch] -> [1, 1]; saved = d loss / d z, saved_rows = effective weights
  Node<Scalar>& loss = tape.record(op, {logits}, 1, 1);
  detail::fill_sample_weights(op, sample_weights, z.cols(), loss.saved_rows);
  for (Index b = 0; b < z.cols(); ++b) {
    if (class_weights.size() != 0) loss.saved_rows[b] *= class_weights[classes[b]];
  }
  const Scalar total = detail::require_positive_total(op, loss.saved_rows.sum());
  loss.saved.resize(z.rows(), z.cols());
  Scalar sum = 0;
  for (Index b = 0; b < z.cols(); ++b) {
    const Scalar max_logit = z.col(b).maxCoeff();
    loss.saved.col(b) = (z.col(b).array() - max_logit).exp();
    const Scalar partition = loss.saved.col(b).sum();
    const Scalar log_sum_exp = max_logit + std::log(partition);
    const Scalar w = loss.saved_rows[b] / total;
    sum += w * (log_sum_exp - z(classes[b], b));
    // d l_b / d z = softmax(z_b) - one_hot(class_b)
    loss.saved.col(b) *= w / partition;
    loss.saved(classes[b], b) -= w;
  }
  loss.value(0, 0) = sum;
  loss.backward = detail::scale_saved_gradient<Scalar>;
  return tape.finish(loss);
}

template <typename Scalar>
NodeId l1_activation_penalty(Tape<Scalar>& tape, NodeId activations, NonDeduced<Scalar> strength) {
  const Matrix<Scalar>& a = tape.value(activations);
  // a: [n, batch] -> [1, 1]
  Node<Scalar>& penalty = tape.record("l1_activation_penalty", {activations}, 1, 1);
  penalty.value(0, 0) = strength * a.cwiseAbs().sum();
  penalty.backward = [strength](Tape<Scalar>& t, const Node<Scalar>& node) {
    const NodeId input = node.inputs[0];
    t.grad(input).array() += (node.grad(0, 0) * strength) * t.value(input).array().sign();
  };
  return tape.finish(penalty);
}

#define ONTONET_INSTANTIATE_LOSSES(Scalar)                                                      \
  template NodeId mse_loss<Scalar>(Tape<Scalar>&, NodeId, const Matrix<Scalar>&,                \
                                   const Vector<Scalar>&);                                      \
  template NodeId bce_with_logits_loss<Scalar>(Tape<Scalar>&, NodeId, const Matrix<Scalar>&,    \
                                               const Vector<Scalar>&, const Vector<Scalar>&);   \
  template NodeId softmax_cross_entropy_loss<Scalar>(Tape<Scalar>&, NodeId,                     \
                                                     const std::vector<Index>&,                 \
                                                     const Vector<Scalar>&,                     \
                                                     const Vector<Scalar>&);                    \
  template NodeId l1_activation_penalty<Scalar>(Tape<Scalar>&, NodeId, Scalar);

ONTONET_INSTANTIATE_LOSSES(float)
ONTONET_INSTANTIATE_LOSSES(double)

}  // namespace ontonet::ops
