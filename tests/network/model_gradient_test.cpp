// Gradient checks of whole compiled models (in double): the tape's gradients of the full training
// loss with respect to every weight, bias, batch-norm parameter and input against central finite
// differences.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>
#include <sstream>

#include "network_fixtures.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/model.hpp"

namespace ontonet {
namespace {

constexpr double kStep = 1e-6;
constexpr double kTolerance = 1e-6;
// Below this size a gradient is compared absolutely: a relative error of a near-zero derivative
// measures only the finite difference's rounding (a bias in front of batch norm has
// derivative exactly 0, its finite difference about 1e-10).
constexpr double kFloor = 1e-3;

double relative_error(double analytic, double numeric) {
  return std::abs(analytic - numeric) / std::max({std::abs(analytic), std::abs(numeric), kFloor});
}

// Central difference of f with respect to *value.
double numeric_derivative(double* value, const std::function<double()>& f) {
  const double saved = *value;
  *value = saved + kStep;
  const double up = f();
  *value = saved - kStep;
  const double down = f();
  *value = saved;
  return (up - down) / (2 * kStep);
}

// Checks every parameter entry and every input of `model` on loss(x, y); returns the number of
// derivatives checked. A dropout seed fixes the masks, so that the loss is one smooth function.
int check_model_gradients(Model<double>& model, Matrix<double> x, const Matrix<double>& y,
                          LossKind kind, std::optional<std::uint64_t> dropout_seed = std::nullopt) {
  Tape<double> tape;
  const auto loss_value = [&] {
    tape.reset();
    const ModelOutputs outputs = model.forward(tape, x, dropout_seed);
    return tape.value(model.loss(tape, outputs, y, kind))(0, 0);
  };
  for (Parameter<double>* p : model.parameters()) p->zero_grad();
  tape.reset();
  const ModelOutputs outputs = model.forward(tape, x, dropout_seed);
  tape.backward(model.loss(tape, outputs, y, kind));
  const Matrix<double> input_grad = tape.grad(outputs.input);
  std::vector<Vector<double>> grads;
  for (Parameter<double>* p : model.parameters()) grads.push_back(p->grad);

  int checked = 0;
  double worst = 0;
  const auto parameters = model.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    for (Index k = 0; k < parameters[i]->size(); ++k) {
      const double numeric = numeric_derivative(&parameters[i]->value[k], loss_value);
      const double error = relative_error(grads[i][k], numeric);
      EXPECT_LT(error, kTolerance) << parameters[i]->name << "[" << k << "]: analytic "
                                   << grads[i][k] << ", numeric " << numeric;
      worst = std::max(worst, error);
      ++checked;
    }
  }
  for (Index k = 0; k < x.size(); ++k) {
    const double numeric = numeric_derivative(&x.data()[k], loss_value);
    EXPECT_LT(relative_error(input_grad.data()[k], numeric), kTolerance) << "input " << k;
    ++checked;
  }
  std::ostringstream text;
  text << std::scientific << worst;
  ::testing::Test::RecordProperty("worst_relative_error", text.str());
  return checked;
}

TEST(ModelGradient, DCellWithAuxiliaryHeadsBatchNormAndDrugBranchMatchesFiniteDifferences) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 3;
  options.extra_branches.push_back({"drug", {"fp0", "fp1", "fp2"}, {3, 2}, {}});
  Model<double> model(
      build_dcell_spec(test::hand_made_ontology(), test::multi_channel_map(), options), 71);
  const Matrix<double> x = test::random_normal<double>(model.spec().n_inputs(), 5, 72);
  const Matrix<double> y = test::random_normal<double>(1, 5, 73);
  EXPECT_GT(check_model_gradients(model, x, y, LossKind::kMse), 300);
}

TEST(ModelGradient, DCellWithNormBeforeActivationAndOneLayerHeadsMatchesFiniteDifferences) {
  DCellOptions options = dcell_preset();
  options.min_neurons_per_term = 2;
  options.neurons_per_gene_ratio = 0.5;
  options.term_layer.norm_order = NormOrder::kNormThenActivation;
  options.n_outputs = 2;
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 81);
  const Matrix<double> x = test::random_normal<double>(6, 4, 82);
  const Matrix<double> y = test::random_normal<double>(2, 4, 83);
  EXPECT_GT(check_model_gradients(model, x, y, LossKind::kMse), 100);
}

TEST(ModelGradient, DCellWithDropoutMatchesFiniteDifferencesUnderAFixedMask) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 3;
  options.term_layer.dropout = 0.4;
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 61);
  const Matrix<double> x = test::random_normal<double>(6, 5, 62);
  const Matrix<double> y = test::random_normal<double>(1, 5, 63);
  EXPECT_GT(check_model_gradients(model, x, y, LossKind::kMse, 64), 100);
}

TEST(ModelGradient, GenNetWithSeveralNeuronsPerGeneAndTermMatchesFiniteDifferences) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.neurons_per_term = 2;
  Model<double> model(
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options), 91);
  const Matrix<double> x = test::random_normal<double>(model.spec().n_inputs(), 3, 92);
  const Matrix<double> y = test::random_binary<double>(1, 3, 93);
  EXPECT_GT(check_model_gradients(model, x, y, LossKind::kBceWithLogits), 100);
}

TEST(ModelGradient, ThreeClassSoftmaxWithPerHeadLossesMatchesFiniteDifferences) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 2;
  options.n_outputs = 3;
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 101);
  const Matrix<double> x = test::random_normal<double>(6, 5, 102);
  Matrix<double> classes(1, 5);
  classes << 0, 2, 1, 2, 0;
  EXPECT_GT(check_model_gradients(model, x, classes, LossKind::kSoftmaxCrossEntropy), 100);
}

TEST(ModelGradient, CoxWithPerHeadRiskSetsMatchesFiniteDifferences) {
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 2;
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 111);
  const Matrix<double> x = test::random_normal<double>(6, 6, 112);
  Matrix<double> survival(2, 6);
  survival << 5.0, 3.0, 8.0, 3.0, 1.0, 9.0,  // times, one tie
      1, 0, 1, 1, 1, 0;                      // events
  EXPECT_GT(check_model_gradients(model, x, survival, LossKind::kCox), 100);
}

// The per-head losses add up as documented: main + weight * sum of each head's own loss.
TEST(ModelLoss, SoftmaxHeadsAreScoredOneHeadAtATime) {
  DCellOptions options = dcell_preset();
  options.neurons_per_gene_ratio = 0;
  options.neurons_per_term = 2;
  options.n_outputs = 3;
  const Ontology ontology = test::hand_made_ontology();
  Model<double> model(
      build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()), options), 121);
  const Matrix<double> x = test::random_normal<double>(6, 4, 122);
  Matrix<double> classes(1, 4);
  classes << 2, 0, 1, 1;
  Tape<double> tape;
  const ModelOutputs outputs = model.forward(tape, x);
  const double total =
      tape.value(model.loss(tape, outputs, classes, LossKind::kSoftmaxCrossEntropy))(0, 0);
  const auto cross_entropy = [&](const Matrix<double>& logits) {
    double sum = 0;
    for (Index b = 0; b < logits.cols(); ++b) {
      const double log_norm = std::log(logits.col(b).array().exp().sum());
      sum += log_norm - logits(static_cast<Index>(classes(0, b)), b);
    }
    return sum / static_cast<double>(logits.cols());
  };
  const Matrix<double>& heads = tape.value(outputs.auxiliary);
  double expected = cross_entropy(tape.value(outputs.output));
  for (Index h = 0; h < heads.rows() / 3; ++h) {
    expected += 0.3 * cross_entropy(heads.middleRows(3 * h, 3));
  }
  EXPECT_NEAR(total, expected, 1e-12);
}

}  // namespace
}  // namespace ontonet
