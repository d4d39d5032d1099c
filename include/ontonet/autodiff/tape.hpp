// A Tape records one forward pass as a list of nodes, one per matrix op, and replays their local
// backward rules in reverse order. Each node owns its forward result (an activation of shape
// [features, batch], row-major: the batch values of one feature are contiguous), a gradient buffer
// of the same shape, the handles of its inputs and the rule that adds its gradient into its inputs'
// gradients and into the grad of the Parameters it uses. Parameters live outside the tape.
//
// Build once, run many: reset() rewinds the tape but keeps every node and its buffers. Nodes are
// reused by recording position, so when a training step records the same sequence of ops with the
// same shapes as the step before, every value, grad and saved buffer is resized to the size it
// already has and nothing is reallocated. A step with different shapes reallocates only the nodes
// whose sizes changed.
//
// A training step reads:
//   tape.reset();
//   NodeId x = tape.input(batch);
//   NodeId loss = ops::mse_loss(tape, ops::sparse_linear(tape, x, pattern, weights), targets);
//   tape.backward(loss);   // weights.grad now holds d loss / d weights (added to what was there)
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

// Op arguments other than the tape are written NonDeduced<Scalar> so that Scalar comes from the
// Tape alone: ops::scale(tape, x, 2.0) works on a Tape<float>, and targets may be Eigen
// expressions.
template <typename T>
struct NonDeducedType {
  using type = T;
};
template <typename T>
using NonDeduced = typename NonDeducedType<T>::type;

// Handle of a node on a Tape: its position in recording order. Valid until the next reset().
struct NodeId {
  Index index = -1;
};

template <typename Scalar>
class Tape;

template <typename Scalar>
struct Node {
  // Adds d loss / d (this op's inputs and parameters) given node.grad = d loss / d node.value.
  // Rules capture at most two pointers, so std::function stores them without a heap allocation.
  using BackwardRule = std::function<void(Tape<Scalar>& tape, const Node& node)>;

  NodeId id;
  const char* op = "";   // op name, used in error messages
  Matrix<Scalar> value;  // forward result, [features, batch]
  CodeMatrix codes;      // an input of integer codes instead (value empty)
  bool holds_codes = false;
  Matrix<Scalar> grad;  // d loss / d value, same shape as value
  std::vector<NodeId> inputs;
  std::vector<Parameter<Scalar>*> parameters;  // whose grad the backward rule adds into
  Matrix<Scalar> saved;                        // op state kept for backward (mask, x_hat, d loss)
  Vector<Scalar> saved_rows;                   // per-feature op state (1 / std of batch norm)
  std::vector<Index> indices;                  // index list of gather/scatter, sort order of Cox
  BackwardRule backward;                       // empty for inputs
  // Whether backward computes d loss / d value: false for an input recorded without grad and for
  // every node computed from such inputs alone (no parameters on the way). Backward neither zeroes
  // nor runs such nodes, and ops skip the gradient of such inputs; their grad is unspecified.
  bool needs_grad = true;
  // Whether grad holds this backward pass's sum so far (Tape::grad, Tape::claim_grad).
  bool grad_ready = false;
};

template <typename Scalar>
class Tape {
 public:
  Tape();

  // Rewinds to an empty recording; node storage stays allocated for the next pass.
  void reset();

  // Records a leaf holding a copy of x. With needs_grad its grad is filled by backward (input
  // attributions); a training step needs no gradient of its data and skips that work.
  NodeId input(const Matrix<Scalar>& x, bool needs_grad = true);
  // The same, moving x in: x is left holding the buffer of the node this reuses (no copy, and
  // no allocation when the caller refills x with the same shape for the next pass).
  NodeId input(Matrix<Scalar>&& x, bool needs_grad);
  // A leaf of integer codes [features, batch], moved in as above, without grad. Only
  // ops::sparse_linear reads it (as a source); recording any other op on it throws Error.
  NodeId input_codes(CodeMatrix&& codes);

  // For op implementations: appends (or reuses) a node with value and grad sized [rows, cols].
  // The op fills node.value and node.saved, sets node.backward and node.parameters, then calls
  // finish(node), which runs the finite check and returns the node's handle. A node needs grad
  // when one of its inputs does or it has parameters.
  Node<Scalar>& record(const char* op, std::initializer_list<NodeId> inputs, Index rows,
                       Index cols);
  Node<Scalar>& record(const char* op, const std::vector<NodeId>& inputs, Index rows, Index cols);
  NodeId finish(Node<Scalar>& node);

  // Back-propagates from a [1, 1] loss node: seeds d loss / d loss = 1 and runs the backward rules
  // from `loss` down to the first node; afterwards every node that needs grad holds its gradient
  // (zero where nothing reached it). A node's grad is zeroed only when a rule first adds into it,
  // or not at all when the first rule to reach it overwrites it whole (claim_grad). Parameter grads
  // are added to, not zeroed: the optimizer's zero_grad owns that.
  void backward(NodeId loss);
  // Same, seeding the output's grad with `output_grad` (same shape as the output): back-propagates
  // sum(output_grad .* output), used by gradient checks and attributions.
  void backward(NodeId output, const Matrix<Scalar>& output_grad);

  const Matrix<Scalar>& value(NodeId id) const { return node(id).value; }
  bool needs_grad(NodeId id) const { return node(id).needs_grad; }
  // Shape of a node's value, or of its codes for a code input.
  Index rows(NodeId id) const;
  Index cols(NodeId id) const;
  const Matrix<Scalar>& grad(NodeId id) const { return node(id).grad; }
  // During backward, the buffer a rule adds into: zeroed on the first access of the pass.
  Matrix<Scalar>& grad(NodeId id);
  // For a backward rule that can write an input's gradient whole in one pass: true when nothing
  // has written it yet in this pass, and then the rule must set every element (overwrite, not
  // add), sparing the zeroing; false when the rule must add into grad(id). Either way the grad
  // counts as written from then on.
  bool claim_grad(NodeId id);
  Node<Scalar>& node(NodeId id);
  const Node<Scalar>& node(NodeId id) const;
  Index size() const { return size_; }

  // Training mode (default): batch norm uses batch statistics, dropout drops. Inference mode:
  // batch norm uses running statistics, dropout is the identity.
  void set_training(bool training) { training_ = training; }
  bool training() const { return training_; }

  // When on, every op's forward value and every gradient its backward writes are scanned for NaN
  // and Inf, and the first one found throws an Error naming the op. On by default in Debug builds.
  void set_check_finite(bool check) { check_finite_ = check; }
  bool check_finite() const { return check_finite_; }

 private:
  void check_backward_finite(const Node<Scalar>& node) const;
  void zero_grad_of(Node<Scalar>& node);

  std::vector<std::unique_ptr<Node<Scalar>>> nodes_;  // unique_ptr: node addresses stay fixed
  Index size_ = 0;
  bool training_ = true;
  bool check_finite_;
  bool in_backward_ = false;
};

}  // namespace ontonet
