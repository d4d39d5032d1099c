// Gradient checks of whole compiled models (in double): the tape's gradients of the full training
// loss with respect to every weight, bias, batch-norm parameter and input against central finite
// differences.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
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
// derivatives checked.
int check_model_gradients(Model<double>& model, Matrix<double> x, const Matrix<double>& y,
                          LossKind kind) {
  Tape<double> tape;
  const auto loss_value = [&] {
    tape.reset();
    const ModelOutputs outputs = model.forward(tape, x);
    return tape.value(model.loss(tape, outputs, y, kind))(0, 0);
  };
  for (Parameter<double>* p : model.parameters()) p->zero_grad();
  tape.reset();
  const ModelOutputs outputs = model.forward(tape, x);
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
  Model<double> model(build_dcell_spec(test::hand_made_ontology(), test::multi_channel_map(), options),
                      71);
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

TEST(ModelGradient, GenNetWithSeveralNeuronsPerGeneAndTermMatchesFiniteDifferences) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.neurons_per_term = 2;
  Model<double> model(build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options),
                      91);
  const Matrix<double> x = test::random_normal<double>(model.spec().n_inputs(), 3, 92);
  const Matrix<double> y = test::random_binary<double>(1, 3, 93);
  EXPECT_GT(check_model_gradients(model, x, y, LossKind::kBceWithLogits), 100);
}

}  // namespace
}  // namespace ontonet
