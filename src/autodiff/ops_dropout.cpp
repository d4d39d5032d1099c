#include "ontonet/autodiff/ops_dropout.hpp"

#include "op_checks.hpp"

#include <string>

namespace ontonet::ops {

namespace {

// A uniform draw in [0, 1) from the top 53 bits: unlike std::uniform_real_distribution, its
// result is the same with every standard library.
double uniform_01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace

template <typename Scalar>
NodeId dropout(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> drop_probability, std::mt19937_64& rng) {
  const char* op = "dropout";
  if (!(drop_probability >= Scalar(0) && drop_probability < Scalar(1))) {
    detail::throw_op_error(op, "drop probability must be in [0, 1), got " +
                                      std::to_string(drop_probability));
  }
  const Matrix<Scalar>& x_value = tape.value(x);
  // x: [n, batch] -> y: [n, batch]; saved = mask / (1 - p) in training mode
  Node<Scalar>& y = tape.record(op, {x}, x_value.rows(), x_value.cols());
  const bool identity = !tape.training();
  if (identity) {
    y.value = x_value;
  } else {
    const double keep = 1.0 - static_cast<double>(drop_probability);
    const Scalar kept_scale = Scalar(1.0 / keep);
    y.saved.resize(x_value.rows(), x_value.cols());
    for (Index i = 0; i < y.saved.size(); ++i) {
      y.saved.data()[i] = uniform_01(rng) < keep ? kept_scale : Scalar(0);
    }
    y.value = x_value.cwiseProduct(y.saved);
  }
  y.backward = [identity](Tape<Scalar>& t, const Node<Scalar>& node) {
    if (identity) {
      t.grad(node.inputs[0]) += node.grad;
    } else {
      t.grad(node.inputs[0]) += node.grad.cwiseProduct(node.saved);
    }
  };
  return tape.finish(y);
}

template <typename Scalar>
NodeId dropout(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> drop_probability, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  return dropout(tape, x, drop_probability, rng);
}

#define ONTONET_INSTANTIATE_DROPOUT(Scalar)                                              \
  template NodeId dropout<Scalar>(Tape<Scalar>&, NodeId, Scalar, std::mt19937_64&);     \
  template NodeId dropout<Scalar>(Tape<Scalar>&, NodeId, Scalar, std::uint64_t);

ONTONET_INSTANTIATE_DROPOUT(float)
ONTONET_INSTANTIATE_DROPOUT(double)

}  // namespace ontonet::ops
