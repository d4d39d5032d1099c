#include "ontonet/autodiff/ops_structure.hpp"

#include "op_checks.hpp"

#include <string>

namespace ontonet::ops {

namespace {

void require_indices_below(const char* op, const std::vector<Index>& indices, Index n_rows) {
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] < 0 || indices[i] >= n_rows) {
      detail::throw_op_error(op, "index " + std::to_string(i) + " is " +
                                     std::to_string(indices[i]) + ", outside [0, " +
                                     std::to_string(n_rows) + ")");
    }
  }
}

}  // namespace

template <typename Scalar>
NodeId concat_rows(Tape<Scalar>& tape, const std::vector<NodeId>& parts) {
  const char* op = "concat_rows";
  if (parts.empty()) detail::throw_op_error(op, "needs at least one part");
  const Index batch = tape.value(parts.front()).cols();
  Index rows = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Matrix<Scalar>& part = tape.value(parts[i]);
    if (part.cols() != batch) {
      detail::throw_op_error(op, "part 0 is " + detail::shape_string(tape.value(parts[0]).rows(), batch) +
                                     ", part " + std::to_string(i) + " is " +
                                     detail::shape_string(part.rows(), part.cols()));
    }
    rows += part.rows();
  }
  // parts[i]: [n_i, batch] -> y: [sum n_i, batch]
  Node<Scalar>& y = tape.record(op, parts, rows, batch);
  Index offset = 0;
  for (NodeId part : parts) {
    const Matrix<Scalar>& value = tape.value(part);
    y.value.middleRows(offset, value.rows()) = value;
    offset += value.rows();
  }
  y.backward = [](Tape<Scalar>& t, const Node<Scalar>& node) {
    Index begin = 0;
    for (NodeId part : node.inputs) {
      Matrix<Scalar>& d_part = t.grad(part);
      d_part += node.grad.middleRows(begin, d_part.rows());
      begin += d_part.rows();
    }
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId slice_rows(Tape<Scalar>& tape, NodeId x, Index begin, Index count) {
  const char* op = "slice_rows";
  const Matrix<Scalar>& x_value = tape.value(x);
  if (begin < 0 || count < 0 || begin + count > x_value.rows()) {
    detail::throw_op_error(op, "rows [" + std::to_string(begin) + ", " +
                                   std::to_string(begin + count) + ") are outside an input of " +
                                   detail::shape_string(x_value.rows(), x_value.cols()));
  }
  // x: [n, batch] -> y: [count, batch]
  Node<Scalar>& y = tape.record(op, {x}, count, x_value.cols());
  y.value = x_value.middleRows(begin, count);
  y.backward = [begin](Tape<Scalar>& t, const Node<Scalar>& node) {
    t.grad(node.inputs[0]).middleRows(begin, node.grad.rows()) += node.grad;
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId gather_rows(Tape<Scalar>& tape, NodeId x, const std::vector<Index>& indices) {
  const char* op = "gather_rows";
  const Matrix<Scalar>& x_value = tape.value(x);
  require_indices_below(op, indices, x_value.rows());
  // x: [n, batch] -> y: [indices.size(), batch]
  Node<Scalar>& y = tape.record(op, {x}, static_cast<Index>(indices.size()), x_value.cols());
  y.indices.assign(indices.begin(), indices.end());
  for (Index i = 0; i < y.value.rows(); ++i) y.value.row(i) = x_value.row(y.indices[i]);
  y.backward = [](Tape<Scalar>& t, const Node<Scalar>& node) {
    Matrix<Scalar>& dx = t.grad(node.inputs[0]);
    // Serial: repeated indices would make a parallel scatter race.
    for (Index i = 0; i < node.grad.rows(); ++i) dx.row(node.indices[i]) += node.grad.row(i);
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId scatter_add_rows(Tape<Scalar>& tape, NodeId x, const std::vector<Index>& indices,
                        Index n_rows) {
  const char* op = "scatter_add_rows";
  const Matrix<Scalar>& x_value = tape.value(x);
  if (x_value.rows() != static_cast<Index>(indices.size())) {
    detail::throw_op_error(op, "input has " + std::to_string(x_value.rows()) + " features, " +
                                   std::to_string(indices.size()) + " indices given");
  }
  require_indices_below(op, indices, n_rows);
  // x: [indices.size(), batch] -> y: [n_rows, batch]
  Node<Scalar>& y = tape.record(op, {x}, n_rows, x_value.cols());
  y.indices.assign(indices.begin(), indices.end());
  y.value.setZero();
  for (Index i = 0; i < x_value.rows(); ++i) y.value.row(y.indices[i]) += x_value.row(i);
  y.backward = [](Tape<Scalar>& t, const Node<Scalar>& node) {
    Matrix<Scalar>& dx = t.grad(node.inputs[0]);
    for (Index i = 0; i < dx.rows(); ++i) dx.row(i) += node.grad.row(node.indices[i]);
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId add(Tape<Scalar>& tape, NodeId a, NodeId b) {
  const char* op = "add";
  const Matrix<Scalar>& a_value = tape.value(a);
  const Matrix<Scalar>& b_value = tape.value(b);
  detail::require_same_shape(op, "left", a_value, "right", b_value);
  // a, b: [n, batch] -> y: [n, batch]
  Node<Scalar>& y = tape.record(op, {a, b}, a_value.rows(), a_value.cols());
  y.value = a_value + b_value;
  y.backward = [](Tape<Scalar>& t, const Node<Scalar>& node) {
    t.grad(node.inputs[0]) += node.grad;
    t.grad(node.inputs[1]) += node.grad;
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId scale(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> factor) {
  const Matrix<Scalar>& x_value = tape.value(x);
  // x: [n, batch] -> y: [n, batch]
  Node<Scalar>& y = tape.record("scale", {x}, x_value.rows(), x_value.cols());
  y.value = factor * x_value;
  y.backward = [factor](Tape<Scalar>& t, const Node<Scalar>& node) {
    t.grad(node.inputs[0]) += factor * node.grad;
  };
  return tape.finish(y);
}

#define ONTONET_INSTANTIATE_STRUCTURE_OPS(Scalar)                                               \
  template NodeId concat_rows<Scalar>(Tape<Scalar>&, const std::vector<NodeId>&);              \
  template NodeId slice_rows<Scalar>(Tape<Scalar>&, NodeId, Index, Index);                     \
  template NodeId gather_rows<Scalar>(Tape<Scalar>&, NodeId, const std::vector<Index>&);       \
  template NodeId scatter_add_rows<Scalar>(Tape<Scalar>&, NodeId, const std::vector<Index>&,   \
                                           Index);                                              \
  template NodeId add<Scalar>(Tape<Scalar>&, NodeId, NodeId);                                  \
  template NodeId scale<Scalar>(Tape<Scalar>&, NodeId, Scalar);

ONTONET_INSTANTIATE_STRUCTURE_OPS(float)
ONTONET_INSTANTIATE_STRUCTURE_OPS(double)

}  // namespace ontonet::ops
