#include "ontonet/autodiff/tape.hpp"

#include <cstring>
#include <string>

#include "ontonet/core/error.hpp"
#include "op_checks.hpp"
#include "parallel_rows.hpp"

namespace ontonet {

namespace {

template <typename Scalar, typename InputIt>
Node<Scalar>& record_node(std::vector<std::unique_ptr<Node<Scalar>>>& nodes, Index& size,
                          const char* op, InputIt first, InputIt last, Index rows, Index cols) {
  for (InputIt it = first; it != last; ++it) {
    ONTONET_CHECK(it->index >= 0 && it->index < size,
                  std::string(op) + ": input node " + std::to_string(it->index) +
                      " is not on the tape (recorded before the last reset?)");
  }
  if (size == static_cast<Index>(nodes.size())) nodes.push_back(std::make_unique<Node<Scalar>>());
  Node<Scalar>& node = *nodes[static_cast<std::size_t>(size)];
  node.id = NodeId{size};
  node.op = op;
  node.inputs.assign(first, last);  // keeps capacity: no allocation when the count repeats
  node.needs_grad = false;
  for (InputIt it = first; it != last; ++it) {
    const Node<Scalar>& input = *nodes[static_cast<std::size_t>(it->index)];
    if (input.holds_codes && std::strcmp(op, "sparse_linear") != 0) {
      detail::throw_op_error(op, "input node " + std::to_string(it->index) +
                                     " holds integer codes, which only sparse_linear reads");
    }
    node.needs_grad = node.needs_grad || input.needs_grad;
  }
  node.parameters.clear();
  node.backward = nullptr;
  node.holds_codes = false;
  // Eigen's resize keeps the buffer when the total size is unchanged: this is the reuse.
  node.value.resize(rows, cols);
  node.grad.resize(rows, cols);
  ++size;
  return node;
}

}  // namespace

template <typename Scalar>
Tape<Scalar>::Tape() {
#ifdef NDEBUG
  check_finite_ = false;
#else
  check_finite_ = true;
#endif
}

template <typename Scalar>
void Tape<Scalar>::reset() {
  size_ = 0;
}

template <typename Scalar>
NodeId Tape<Scalar>::input(const Matrix<Scalar>& x, bool needs_grad) {
  Node<Scalar>& node = record("input", {}, x.rows(), x.cols());
  node.value = x;
  node.needs_grad = needs_grad;
  return finish(node);
}

template <typename Scalar>
NodeId Tape<Scalar>::input(Matrix<Scalar>&& x, bool needs_grad) {
  Node<Scalar>& node = record("input", {}, x.rows(), x.cols());
  node.value.swap(x);
  node.needs_grad = needs_grad;
  return finish(node);
}

template <typename Scalar>
NodeId Tape<Scalar>::input_codes(CodeMatrix&& codes) {
  Node<Scalar>& node = record("input", {}, 0, 0);
  node.codes.swap(codes);
  node.holds_codes = true;
  node.needs_grad = false;
  return node.id;
}

template <typename Scalar>
Index Tape<Scalar>::rows(NodeId id) const {
  const Node<Scalar>& n = node(id);
  return n.holds_codes ? n.codes.rows() : n.value.rows();
}

template <typename Scalar>
Index Tape<Scalar>::cols(NodeId id) const {
  const Node<Scalar>& n = node(id);
  return n.holds_codes ? n.codes.cols() : n.value.cols();
}

template <typename Scalar>
Node<Scalar>& Tape<Scalar>::record(const char* op, std::initializer_list<NodeId> inputs, Index rows,
                                   Index cols) {
  return record_node(nodes_, size_, op, inputs.begin(), inputs.end(), rows, cols);
}

template <typename Scalar>
Node<Scalar>& Tape<Scalar>::record(const char* op, const std::vector<NodeId>& inputs, Index rows,
                                   Index cols) {
  return record_node(nodes_, size_, op, inputs.begin(), inputs.end(), rows, cols);
}

template <typename Scalar>
NodeId Tape<Scalar>::finish(Node<Scalar>& node) {
  node.needs_grad = node.needs_grad || !node.parameters.empty();
  if (check_finite_) {
    detail::require_finite(node.op, "forward produced", "its output", node.value);
  }
  return node.id;
}

template <typename Scalar>
void Tape<Scalar>::backward(NodeId loss) {
  const Matrix<Scalar>& value = node(loss).value;
  if (value.rows() != 1 || value.cols() != 1) {
    detail::throw_op_error("backward", "the loss must be [1 x 1], got " +
                                           detail::shape_string(value.rows(), value.cols()));
  }
  backward(loss, Matrix<Scalar>::Ones(1, 1));
}

template <typename Scalar>
void Tape<Scalar>::backward(NodeId output, const Matrix<Scalar>& output_grad) {
  Node<Scalar>& out = node(output);
  detail::require_same_shape("backward", "output", out.value, "output_grad", output_grad);
  for (Index i = 0; i < size_; ++i) nodes_[static_cast<std::size_t>(i)]->grad_ready = false;
  out.grad = output_grad;
  out.grad_ready = true;
  // Leaves the pass (also when a rule throws) with every grad that needs one written.
  struct PassEnd {
    Tape& tape;
    ~PassEnd() {
      tape.in_backward_ = false;
      for (Index i = 0; i < tape.size_; ++i) {
        Node<Scalar>& current = *tape.nodes_[static_cast<std::size_t>(i)];
        if (current.needs_grad && !current.grad_ready) tape.zero_grad_of(current);
      }
    }
  } pass_end{*this};
  in_backward_ = true;
  for (Index i = output.index; i >= 0; --i) {
    Node<Scalar>& current = *nodes_[static_cast<std::size_t>(i)];
    if (!current.backward || !current.needs_grad) continue;
    if (!current.grad_ready) zero_grad_of(current);  // nothing reached it: its gradient is zero
    current.backward(*this, current);
    if (check_finite_) check_backward_finite(current);
  }
}

template <typename Scalar>
Matrix<Scalar>& Tape<Scalar>::grad(NodeId id) {
  Node<Scalar>& n = node(id);
  if (in_backward_ && n.needs_grad && !n.grad_ready) zero_grad_of(n);
  return n.grad;
}

template <typename Scalar>
bool Tape<Scalar>::claim_grad(NodeId id) {
  Node<Scalar>& n = node(id);
  if (!in_backward_ || !n.needs_grad || n.grad_ready) return false;
  n.grad_ready = true;
  return true;
}

template <typename Scalar>
void Tape<Scalar>::zero_grad_of(Node<Scalar>& n) {
  detail::for_row_blocks(n.grad.rows(), n.grad.cols(), [&](Index first, Index end) {
    n.grad.middleRows(first, end - first).setZero();
  });
  n.grad_ready = true;
}

template <typename Scalar>
void Tape<Scalar>::check_backward_finite(const Node<Scalar>& current) const {
  for (std::size_t k = 0; k < current.inputs.size(); ++k) {
    const Node<Scalar>& input = node(current.inputs[k]);
    if (!input.needs_grad || !input.grad_ready) continue;  // the rule did not write it
    detail::require_finite(current.op, "backward produced",
                           "the gradient of input " + std::to_string(k),
                           node(current.inputs[k]).grad);
  }
  for (const Parameter<Scalar>* parameter : current.parameters) {
    detail::require_finite(current.op, "backward produced",
                           "the gradient of parameter '" + parameter->name + "'", parameter->grad);
  }
}

template <typename Scalar>
Node<Scalar>& Tape<Scalar>::node(NodeId id) {
  ONTONET_CHECK(id.index >= 0 && id.index < size_,
                "node " + std::to_string(id.index) + " is not on the tape");
  return *nodes_[static_cast<std::size_t>(id.index)];
}

template <typename Scalar>
const Node<Scalar>& Tape<Scalar>::node(NodeId id) const {
  ONTONET_CHECK(id.index >= 0 && id.index < size_,
                "node " + std::to_string(id.index) + " is not on the tape");
  return *nodes_[static_cast<std::size_t>(id.index)];
}

template class Tape<float>;
template class Tape<double>;

}  // namespace ontonet
