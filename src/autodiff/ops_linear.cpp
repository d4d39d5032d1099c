#include "ontonet/autodiff/ops_linear.hpp"

#include <algorithm>
#include <string>

#include "activation_rows.hpp"
#include "ontonet/autodiff/sparse_linear_kernels.hpp"
#include "op_checks.hpp"
#include "parallel_rows.hpp"

namespace ontonet::ops {

namespace {

template <typename Scalar>
using ConstMatrixMap = Eigen::Map<const Matrix<Scalar>>;

template <typename Scalar>
void require_parameter_shape(const char* op, const Parameter<Scalar>& parameter, Index rows,
                             Index cols, Index size) {
  if (parameter.rows != rows || parameter.cols != cols || parameter.size() != size) {
    detail::throw_op_error(op, "parameter '" + parameter.name + "' is " +
                                   detail::shape_string(parameter.rows, parameter.cols) + " with " +
                                   std::to_string(parameter.size()) + " values, expected " +
                                   detail::shape_string(rows, cols) + " with " +
                                   std::to_string(size));
  }
}

template <typename Scalar>
void require_features(const char* op, const Matrix<Scalar>& x, Index expected, const char* owner) {
  if (x.rows() != expected) {
    detail::throw_op_error(op, "input has " + std::to_string(x.rows()) + " features, " + owner +
                                   " expects " + std::to_string(expected));
  }
}

// y = W x by Eigen's GEMM, W row-major [y rows, x rows] at `weights`.
template <typename Scalar>
void dense_forward(Matrix<Scalar>& y, const Scalar* weights, const Matrix<Scalar>& x) {
  y.noalias() = ConstMatrixMap<Scalar>(weights, y.rows(), x.rows()) * x;
}

// The backward of dense_forward: dW += dy x^T, and the input's grad gets W^T dy when it needs one
// (written over it when this is the first rule to reach it).
template <typename Scalar>
void dense_backward(Tape<Scalar>& tape, NodeId input, const Matrix<Scalar>& dy,
                    Parameter<Scalar>& weights) {
  const Matrix<Scalar>& x = tape.value(input);
  Eigen::Map<Matrix<Scalar>> dw(weights.grad.data(), dy.rows(), x.rows());
  dw.noalias() += dy * x.transpose();  // [n_out, b] x [b, n_in]
  if (tape.needs_grad(input)) {
    const ConstMatrixMap<Scalar> w(weights.value.data(), dy.rows(), x.rows());
    if (tape.claim_grad(input)) {
      tape.grad(input).noalias() = w.transpose() * dy;  // [n_in, n_out] x [n_out, b]
    } else {
      tape.grad(input).noalias() += w.transpose() * dy;
    }
  }
}

template <typename Scalar>
std::vector<SourceRows<Scalar>> source_rows(const Tape<Scalar>& tape,
                                            const std::vector<NodeId>& sources) {
  std::vector<SourceRows<Scalar>> rows;
  for (NodeId source : sources) {
    const Node<Scalar>& node = tape.node(source);
    rows.push_back(node.holds_codes ? SourceRows<Scalar>{nullptr, node.codes.data()}
                                    : SourceRows<Scalar>{node.value.data(), nullptr});
  }
  return rows;
}

// Whether the pattern reads any row of segment s. A source none of whose rows it reads gets
// nothing from the layer's backward, not even zeros: a later level's rule may be the first to
// write its grad, and overwrite it.
bool reads_segment(const SparsePattern& pattern, std::size_t s) {
  const std::vector<Index>& bounds = pattern.segment_boundaries();
  return pattern.col_offsets()[static_cast<std::size_t>(bounds[s + 1])] >
         pattern.col_offsets()[static_cast<std::size_t>(bounds[s])];
}

// The segment a layer computes by GEMM: the one all its entries read, when each output reads all of
// it and it holds floats; else -1.
template <typename Scalar>
Index gemm_segment(const Tape<Scalar>& tape, const std::vector<NodeId>& sources,
                   const SparsePattern& pattern) {
  const Index dense = pattern.dense_segment();
  if (dense < 0 || tape.node(sources[static_cast<std::size_t>(dense)]).holds_codes) return -1;
  return dense;
}

// The three ways through sparse_linear's backward. Each adds the layer's weight and bias gradients
// and gives every source the pattern reads its gradient, if it needs one (written over it when
// this is the first rule to reach it). node.parameters holds the weights, then the bias if any.

// d loss / d (W x + b) whole, with the bias gradient added: the node's own grad for the identity,
// else formed in node.saved.
template <typename Scalar>
const Matrix<Scalar>& whole_output_grad(Tape<Scalar>& t, const Node<Scalar>& node,
                                        Activation activation) {
  Parameter<Scalar>* bias = node.parameters.size() > 1 ? node.parameters[1] : nullptr;
  const bool fused = activation != Activation::kIdentity;
  Matrix<Scalar>& dz = t.node(node.id).saved;
  if (fused) dz.resize(node.grad.rows(), node.grad.cols());
  sparse_linear_output_grad(bias != nullptr ? bias->grad.data() : nullptr,
                            OutputGrad<Scalar>{node.grad, node.value, activation},
                            fused ? &dz : nullptr);
  return fused ? dz : node.grad;
}

template <typename Scalar>
void backward_through_gemm(Tape<Scalar>& t, const Node<Scalar>& node, NodeId source,
                           Activation activation) {
  dense_backward(t, source, whole_output_grad(t, node, activation), *node.parameters[0]);
}

template <typename Scalar>
void backward_walking_inputs(Tape<Scalar>& t, const Node<Scalar>& node,
                             const SparsePattern& pattern, Activation activation) {
  const Matrix<Scalar>& dz = whole_output_grad(t, node, activation);
  Parameter<Scalar>& weights = *node.parameters[0];
  const std::vector<SourceRows<Scalar>> sources = source_rows(t, node.inputs);
  for (std::size_t s = 0; s < node.inputs.size(); ++s) {
    if (!reads_segment(pattern, s)) continue;
    Matrix<Scalar>* dx = nullptr;
    bool overwrite = false;
    if (t.needs_grad(node.inputs[s])) {
      overwrite = t.claim_grad(node.inputs[s]);
      dx = &t.grad(node.inputs[s]);
    }
    sparse_linear_backward_by_inputs(weights.grad, dx, overwrite, static_cast<Index>(s), dz,
                                     sources[s], pattern, weights.value);
  }
}

// dz is formed row by row inside the weight-gradient pass, and stored only when a source needs
// its gradient.
template <typename Scalar>
void backward_walking_outputs(Tape<Scalar>& t, const Node<Scalar>& node,
                              const SparsePattern& pattern, Activation activation) {
  Parameter<Scalar>& weights = *node.parameters[0];
  Parameter<Scalar>* bias = node.parameters.size() > 1 ? node.parameters[1] : nullptr;
  const bool fused = activation != Activation::kIdentity;
  const bool sources_need_grad = std::any_of(node.inputs.begin(), node.inputs.end(),
                                             [&](NodeId source) { return t.needs_grad(source); });
  Matrix<Scalar>& dz_buffer = t.node(node.id).saved;
  const bool store_dz = fused && sources_need_grad;
  if (store_dz) dz_buffer.resize(node.grad.rows(), node.grad.cols());
  sparse_linear_backward_weights(weights.grad, bias != nullptr ? bias->grad.data() : nullptr,
                                 OutputGrad<Scalar>{node.grad, node.value, activation},
                                 source_rows(t, node.inputs), pattern,
                                 store_dz ? &dz_buffer : nullptr);
  const Matrix<Scalar>& dz = fused ? dz_buffer : node.grad;
  for (std::size_t s = 0; s < node.inputs.size(); ++s) {
    if (!t.needs_grad(node.inputs[s]) || !reads_segment(pattern, s)) continue;
    const bool overwrite = t.claim_grad(node.inputs[s]);
    sparse_linear_backward_input(t.grad(node.inputs[s]), static_cast<Index>(s), dz, pattern,
                                 weights.value, overwrite);
  }
}

}  // namespace

template <typename Scalar>
NodeId sparse_linear(Tape<Scalar>& tape, NodeId x, const SparsePattern& pattern,
                     Parameter<Scalar>& weights) {
  return sparse_linear(tape, std::vector<NodeId>{x}, pattern, weights);
}

template <typename Scalar>
NodeId sparse_linear(Tape<Scalar>& tape, const std::vector<NodeId>& sources,
                     const SparsePattern& pattern, Parameter<Scalar>& weights,
                     Parameter<Scalar>* bias, Activation activation) {
  const char* op = "sparse_linear";
  if (static_cast<Index>(sources.size()) != pattern.n_segments()) {
    detail::throw_op_error(op, std::to_string(sources.size()) + " sources for a pattern of " +
                                   std::to_string(pattern.n_segments()) + " column segments");
  }
  const Index batch = tape.cols(sources.front());
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const Index width = pattern.segment_boundaries()[s + 1] - pattern.segment_boundaries()[s];
    if (tape.rows(sources[s]) != width) {
      const std::string which = sources.size() == 1 ? "input" : "source " + std::to_string(s);
      const std::string owner =
          sources.size() == 1 ? "pattern" : "pattern segment " + std::to_string(s);
      detail::throw_op_error(op, which + " has " + std::to_string(tape.rows(sources[s])) +
                                     " features, " + owner + " expects " + std::to_string(width));
    }
    if (tape.cols(sources[s]) != batch) {
      detail::throw_op_error(op, "source " + std::to_string(s) + " has a batch of " +
                                     std::to_string(tape.cols(sources[s])) + ", source 0 of " +
                                     std::to_string(batch));
    }
  }
  require_parameter_shape(op, weights, pattern.rows(), pattern.cols(), pattern.nnz());
  if (bias != nullptr) require_parameter_shape(op, *bias, pattern.rows(), 1, pattern.rows());
  // sources: [segment widths, batch] -> y: [n_out, batch]
  Node<Scalar>& y = tape.record(op, sources, pattern.rows(), batch);
  const Index dense = gemm_segment(tape, sources, pattern);
  if (dense >= 0) {
    dense_forward(y.value, weights.value.data(),
                  tape.value(sources[static_cast<std::size_t>(dense)]));
    if (bias != nullptr) y.value.colwise() += bias->value;
    if (activation != Activation::kIdentity) {
      detail::for_row_blocks(y.value.rows(), batch, [&](Index first, Index end) {
        detail::activate_rows(activation, y.value.data() + first * batch, end - first, batch);
      });
    }
  } else {
    sparse_linear_forward(y.value, source_rows(tape, sources), pattern, weights.value,
                          bias != nullptr ? bias->value.data() : nullptr, activation);
  }
  y.parameters.assign({&weights});
  if (bias != nullptr) y.parameters.push_back(bias);
  // The rule finds the weights and bias in node.parameters, so it captures two words and
  // std::function keeps them without allocating.
  y.backward = [p = &pattern, activation](Tape<Scalar>& t, const Node<Scalar>& node) {
    const Index dense = gemm_segment(t, node.inputs, *p);
    if (dense >= 0) {
      backward_through_gemm(t, node, node.inputs[static_cast<std::size_t>(dense)], activation);
    } else if (sparse_backward_walks_inputs(*p, node.grad.cols(), sizeof(Scalar))) {
      backward_walking_inputs(t, node, *p, activation);
    } else {
      backward_walking_outputs(t, node, *p, activation);
    }
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
  dense_forward(y.value, weights.value.data(), x_value);
  y.parameters.assign({&weights});
  y.backward = [w = &weights](Tape<Scalar>& t, const Node<Scalar>& node) {
    dense_backward(t, node.inputs[0], node.grad, *w);
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
  detail::for_row_blocks(x_value.rows(), x_value.cols(), [&](Index first, Index end) {
    y.value.middleRows(first, end - first) =
        x_value.middleRows(first, end - first).colwise() + bias.value.segment(first, end - first);
  });
  y.parameters.assign({&bias});
  y.backward = [b = &bias](Tape<Scalar>& t, const Node<Scalar>& node) {
    Matrix<Scalar>& dx = t.grad(node.inputs[0]);
    const bool input_needs_grad = t.needs_grad(node.inputs[0]);
    detail::for_row_blocks(node.grad.rows(), node.grad.cols(), [&](Index first, Index end) {
      const auto dy = node.grad.middleRows(first, end - first);
      b->grad.segment(first, end - first) += dy.rowwise().sum();
      if (input_needs_grad) dx.middleRows(first, end - first) += dy;
    });
  };
  return tape.finish(y);
}

#define ONTONET_INSTANTIATE_LINEAR_OPS(Scalar)                                       \
  template NodeId sparse_linear<Scalar>(Tape<Scalar>&, NodeId, const SparsePattern&, \
                                        Parameter<Scalar>&);                         \
  template NodeId sparse_linear<Scalar>(Tape<Scalar>&, const std::vector<NodeId>&,   \
                                        const SparsePattern&, Parameter<Scalar>&,    \
                                        Parameter<Scalar>*, Activation);             \
  template NodeId dense_linear<Scalar>(Tape<Scalar>&, NodeId, Parameter<Scalar>&);   \
  template NodeId bias_add<Scalar>(Tape<Scalar>&, NodeId, Parameter<Scalar>&);

ONTONET_INSTANTIATE_LINEAR_OPS(float)
ONTONET_INSTANTIATE_LINEAR_OPS(double)

}  // namespace ontonet::ops
