#include "ontonet/autodiff/tape.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "ontonet/autodiff/losses.hpp"
#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/ops_dropout.hpp"
#include "ontonet/autodiff/ops_linear.hpp"
#include "ontonet/autodiff/ops_normalization.hpp"
#include "ontonet/autodiff/ops_structure.hpp"
#include "ontonet/core/error.hpp"
#include "random_fixtures.hpp"

namespace ontonet {
namespace {

// A small visible-network-like model: sparse layer, batch norm, tanh, dropout, dense head.
struct TinyModel {
  explicit TinyModel(std::mt19937_64& rng)
      : pattern(test::random_pattern(6, 10, 0.3, rng)),
        sparse(test::random_sparse_weights<float>(pattern, rng)),
        norm("bn", 6),
        head("head", 1, 6, 6),
        bias("bias", 1, 1, 1) {
    head.value = test::random_matrix<float>(6, 1, rng);
  }

  NodeId loss(Tape<float>& tape, const Matrix<float>& x, const Matrix<float>& y) {
    NodeId h = ops::sparse_linear(tape, tape.input(x), pattern, sparse);
    h = ops::dropout(tape, ops::tanh(tape, ops::batch_norm(tape, h, norm)), 0.2f, std::uint64_t{3});
    const NodeId logits = ops::bias_add(tape, ops::dense_linear(tape, h, head), bias);
    return ops::add(tape, ops::bce_with_logits_loss(tape, logits, y),
                    ops::l1_activation_penalty(tape, h, 1e-3f));
  }

  SparsePattern pattern;
  Parameter<float> sparse;
  BatchNorm<float> norm;
  Parameter<float> head;
  Parameter<float> bias;
};

TEST(Tape, TrainingStepFillsEveryParameterGradient) {
  std::mt19937_64 rng(1);
  TinyModel model(rng);
  const Matrix<float> x = test::random_matrix<float>(10, 8, rng);
  const Matrix<float> y = (test::random_matrix<float>(1, 8, rng).array() > 0).cast<float>();
  Tape<float> tape;
  tape.backward(model.loss(tape, x, y));
  for (const Parameter<float>* p :
       {&model.sparse, &model.head, &model.bias, &model.norm.gamma, &model.norm.beta}) {
    EXPECT_GT(p->grad.cwiseAbs().maxCoeff(), 0.0f) << p->name;
  }
}

TEST(Tape, SecondStepWithSameShapesReusesEveryNodeBuffer) {
  std::mt19937_64 rng(2);
  TinyModel model(rng);
  const Matrix<float> y = Matrix<float>::Ones(1, 8);
  Tape<float> tape;
  tape.backward(model.loss(tape, test::random_matrix<float>(10, 8, rng), y));
  const Index n_nodes = tape.size();
  std::vector<const float*> buffers;
  for (Index i = 0; i < n_nodes; ++i) {
    const Node<float>& node = tape.node(NodeId{i});
    buffers.insert(buffers.end(), {node.value.data(), node.grad.data(), node.saved.data(),
                                   node.saved_rows.data()});
  }

  tape.reset();
  EXPECT_EQ(tape.size(), 0);
  tape.backward(model.loss(tape, test::random_matrix<float>(10, 8, rng), y));
  ASSERT_EQ(tape.size(), n_nodes);
  for (Index i = 0; i < n_nodes; ++i) {
    const Node<float>& node = tape.node(NodeId{i});
    const std::size_t at = static_cast<std::size_t>(4 * i);
    EXPECT_EQ(node.value.data(), buffers[at]) << "value of node " << i << " (" << node.op << ")";
    EXPECT_EQ(node.grad.data(), buffers[at + 1]) << "grad of node " << i << " (" << node.op << ")";
    EXPECT_EQ(node.saved.data(), buffers[at + 2])
        << "saved of node " << i << " (" << node.op << ")";
    EXPECT_EQ(node.saved_rows.data(), buffers[at + 3]) << "saved_rows of node " << i;
  }
}

TEST(Tape, BackwardAddsIntoParameterGradsInsteadOfOverwriting) {
  Parameter<double> w("w", 1, 1, 1);
  w.value << 2.0;
  Tape<double> tape;
  const Matrix<double> x = Matrix<double>::Constant(1, 1, 3.0);
  for (int step = 0; step < 2; ++step) {
    tape.reset();
    tape.backward(ops::dense_linear(tape, tape.input(x), w));
  }
  EXPECT_EQ(w.grad[0], 6.0);  // 3 from each of the two steps
}

TEST(Tape, BackwardRejectsNonScalarLoss) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(2, 1));
  try {
    tape.backward(x);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "backward: the loss must be [1 x 1], got [2 x 1]");
  }
}

TEST(Tape, NanInForwardNamesTheOp) {
  Tape<double> tape;
  tape.set_check_finite(true);
  const NodeId x = tape.input(Matrix<double>::Zero(2, 2));
  try {
    ops::scale(tape, x, std::numeric_limits<double>::infinity());  // 0 * inf = nan
    FAIL() << "expected a non-finite error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "scale: forward produced a non-finite value (nan) in its output at [0, 0]");
  }
}

TEST(Tape, InfInBackwardNamesTheOpAndInput) {
  Tape<double> tape;
  tape.set_check_finite(true);
  const NodeId x = tape.input(Matrix<double>::Ones(1, 2));
  const NodeId y = ops::sigmoid(tape, x);
  Matrix<double> seed(1, 2);
  seed << 1.0, std::numeric_limits<double>::infinity();
  try {
    tape.backward(y, seed);
    FAIL() << "expected a non-finite error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "sigmoid: backward produced a non-finite value (inf) in the gradient of input 0 "
                 "at [0, 1]");
  }
}

TEST(Tape, NonFiniteParameterGradientNamesTheParameter) {
  Parameter<double> w("layer1.w", 1, 1, 1);
  w.value << 1.0;
  Tape<double> tape;
  tape.set_check_finite(true);
  const NodeId x = tape.input(Matrix<double>::Constant(1, 1, std::numeric_limits<double>::max()));
  const NodeId y = ops::dense_linear(tape, x, w);
  try {
    tape.backward(y, Matrix<double>::Constant(1, 1, 10.0));  // max * 10 overflows in dW
    FAIL() << "expected a non-finite error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dense_linear: backward produced"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("parameter 'layer1.w'"), std::string::npos) << e.what();
  }
}

TEST(Tape, CheckFiniteOffLetsNanThrough) {
  Tape<double> tape;
  tape.set_check_finite(false);
  const NodeId x = tape.input(Matrix<double>::Zero(1, 1));
  const NodeId y = ops::scale(tape, x, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(tape.value(y)(0, 0)));
}

TEST(Tape, RejectsNodeFromBeyondTheRecording) {
  Tape<double> tape;
  const NodeId x = tape.input(Matrix<double>::Zero(1, 1));
  const NodeId y = ops::scale(tape, x, 2.0);
  tape.reset();
  const NodeId x_again = tape.input(Matrix<double>::Zero(1, 1));
  EXPECT_EQ(x_again.index, x.index);
  EXPECT_THROW(ops::scale(tape, y, 2.0), InternalError);
}

// A hidden node h read by a sparse layer (which overwrites the grad of a source it reaches
// first) and by a scale op (which adds), in both recording orders, and over two passes on the
// same tape (the second must not see the first's values): the grad of h and of x equal the ones
// of the same graph with h read twice through ops that add.
TEST(Tape, AGradientOverwrittenByItsFirstWriterSumsEveryPath) {
  std::mt19937_64 rng(5);
  const SparsePattern pattern = test::random_pattern(4, 6, 0.5, rng);
  Parameter<double> w = test::random_sparse_weights<double>(pattern, rng);
  Parameter<double> head("head", 4, 6, 24);
  head.value = test::random_matrix(24, 1, rng);
  for (const bool sparse_last : {true, false}) {
    SCOPED_TRACE(sparse_last ? "sparse layer recorded last" : "sparse layer recorded first");
    Tape<double> tape;
    for (int pass = 0; pass < 2; ++pass) {
      const Matrix<double> x = test::random_matrix(6, 3, rng);
      const Matrix<double> dy = test::random_matrix(4, 3, rng);
      const auto run = [&](bool through_dense) {
        tape.reset();
        const NodeId x_node = tape.input(x);
        const NodeId h = ops::tanh(tape, x_node);
        const auto layer = [&] {
          return through_dense ? ops::dense_linear(tape, h, head)
                               : ops::sparse_linear(tape, std::vector<NodeId>{h}, pattern, w);
        };
        const auto other = [&] { return ops::slice_rows(tape, ops::scale(tape, h, 0.5), 0, 4); };
        const NodeId first = sparse_last ? other() : layer();
        const NodeId second = sparse_last ? layer() : other();
        tape.backward(ops::add(tape, first, second), dy);
        return std::pair<Matrix<double>, Matrix<double>>{tape.grad(h), tape.grad(x_node)};
      };
      head.value = test::densify(pattern, w.value).reshaped<Eigen::RowMajor>();
      const auto [expected_h, expected_x] = run(true);
      const auto [got_h, got_x] = run(false);
      EXPECT_LT((got_h - expected_h).cwiseAbs().maxCoeff(), 1e-12) << "pass " << pass;
      EXPECT_LT((got_x - expected_x).cwiseAbs().maxCoeff(), 1e-12) << "pass " << pass;
    }
  }
}

// After backward every node that needs grad holds its gradient, zero where nothing reached it: a
// source the sparse layer does not read, and a node recorded after the output.
TEST(Tape, GradsNothingReachedAreZeroAfterBackward) {
  SparsePattern pattern(1, 3, {0, 1}, {0});  // reads column 0 of segment 0 only
  pattern.set_column_segments({0, 1, 3});
  Parameter<double> w("w", 1, 3, 1);
  w.value << 2.0;
  Tape<double> tape;
  for (int pass = 0; pass < 2; ++pass) {
    tape.reset();
    const NodeId read = tape.input(Matrix<double>::Constant(1, 2, 1.0));
    const NodeId unread = tape.input(Matrix<double>::Constant(2, 2, 1.0));
    const NodeId y = ops::sparse_linear(tape, {read, unread}, pattern, w);
    const NodeId after = ops::scale(tape, unread, 3.0);
    tape.grad(unread).setConstant(7.0);  // stale values from an earlier use of the buffers
    tape.grad(after).setConstant(7.0);
    tape.backward(y, Matrix<double>::Constant(1, 2, 1.0));
    EXPECT_EQ(tape.grad(read), Matrix<double>::Constant(1, 2, 2.0));
    EXPECT_EQ(tape.grad(unread), Matrix<double>::Zero(2, 2));
    EXPECT_EQ(tape.grad(after), Matrix<double>::Zero(2, 2));
  }
}

}  // namespace
}  // namespace ontonet
