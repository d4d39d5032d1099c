#include "ontonet/autodiff/ops_linear.hpp"

#include "ontonet/autodiff/sparse_linear_kernels.hpp"
#include "op_checks.hpp"

#include <string>

namespace ontonet::ops {

namespace {

template <typename Scalar>
using ConstMatrixMap = Eigen::Map<const Matrix<Scalar>>;

template <typename Scalar>
void require_parameter_shape(const char* op, const Parameter<Scalar>& parameter, Index rows,
                             Index cols, Index size) {
  if (parameter.rows != rows || parameter.cols != cols || parameter.size() != size) {
    detail::throw_op_error(op, "parameter '" + parameter.name + "' is " +
                                      detail::shape_string(parameter.rows, parameter.cols) +
                                      " with " + std::to_string(parameter.size()) +
                                      " values, expected " + detail::shape_string(rows, cols) +
                                      " with " + std::to_string(size));
  }
}

template <typename Scalar>
void require_features(const char* op, const Matrix<Scalar>& x, Index expected, const char* owner) {
  if (x.rows() != expected) {
    detail::throw_op_error(op, "input has " + std::to_string(x.rows()) + " features, " + owner +
                                      " expects " + std::to_string(expected));
  }
}

}  // namespace

template <typename Scalar>
NodeId sparse_linear(Tape<Scalar>& tape, NodeId x, const SparsePattern& pattern,
                     Parameter<Scalar>& weights) {
  const char* op = "sparse_linear";
  const Matrix<Scalar>& x_value = tape.value(x);
  require_features(op, x_value, pattern.cols(), "pattern");
  require_parameter_shape(op, weights, pattern.rows(), pattern.cols(), pattern.nnz());
  // x: [n_in, batch] -> y: [n_out, batch]
  Node<Scalar>& y = tape.record(op, {x}, pattern.rows(), x_value.cols());
  sparse_linear_forward(y.value, x_value, pattern, weights.value);
  y.parameters.assign({&weights});
  y.backward = [p = &pattern, w = &weights](Tape<Scalar>& t, const Node<Scalar>& node) {
    const NodeId input = node.inputs[0];
    sparse_linear_backward_weights(w->grad, node.grad, t.value(input), *p);
    sparse_linear_backward_input(t.grad(input), node.grad, *p, w->value);
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId dense_linear(Tape<Scalar>& tape, NodeId x, Parameter<Scalar>& weights) {
  const char* op = "dense_linear";
  const Matrix<Scalar>& x_value = tape.value(x);
  require_features(op, x_value, weights.cols, "weights");
  require_parameter_shape(op, weights, weights.rows, weights.cols, weights.rows * weights.cols);
  // W: [n_out, n_in] x x: [n_in, batch] -> y: [n_out, batch]
  Node<Scalar>& y = tape.record(op, {x}, weights.rows, x_value.cols());
  const ConstMatrixMap<Scalar> w(weights.value.data(), weights.rows, weights.cols);
  y.value.noalias() = w * x_value;
  y.parameters.assign({&weights});
  y.backward = [w_param = &weights](Tape<Scalar>& t, const Node<Scalar>& node) {
    const NodeId input = node.inputs[0];
    const ConstMatrixMap<Scalar> w_value(w_param->value.data(), w_param->rows, w_param->cols);
    Eigen::Map<Matrix<Scalar>> dw(w_param->grad.data(), w_param->rows, w_param->cols);
    dw.noalias() += node.grad * t.value(input).transpose();  // [n_out, b] x [b, n_in]
    t.grad(input).noalias() += w_value.transpose() * node.grad;  // [n_in, n_out] x [n_out, b]
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId bias_add(Tape<Scalar>& tape, NodeId x, Parameter<Scalar>& bias) {
  const char* op = "bias_add";
  const Matrix<Scalar>& x_value = tape.value(x);
  require_features(op, x_value, bias.size(), "bias");
  require_parameter_shape(op, bias, x_value.rows(), 1, x_value.rows());
  // x: [n, batch], b: [n, 1] -> y: [n, batch]
  Node<Scalar>& y = tape.record(op, {x}, x_value.rows(), x_value.cols());
  y.value = x_value.colwise() + bias.value;
  y.parameters.assign({&bias});
  y.backward = [b = &bias](Tape<Scalar>& t, const Node<Scalar>& node) {
    b->grad += node.grad.rowwise().sum();
    t.grad(node.inputs[0]) += node.grad;
  };
  return tape.finish(y);
}

#define ONTONET_INSTANTIATE_LINEAR_OPS(Scalar)                                                  \
  template NodeId sparse_linear<Scalar>(Tape<Scalar>&, NodeId, const SparsePattern&,            \
                                        Parameter<Scalar>&);                                     \
  template NodeId dense_linear<Scalar>(Tape<Scalar>&, NodeId, Parameter<Scalar>&);              \
  template NodeId bias_add<Scalar>(Tape<Scalar>&, NodeId, Parameter<Scalar>&);

ONTONET_INSTANTIATE_LINEAR_OPS(float)
ONTONET_INSTANTIATE_LINEAR_OPS(double)

}  // namespace ontonet::ops
