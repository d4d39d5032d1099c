// The finite-difference gradient checker of the autodiff tests (after flashlight's
// jacobianTestImpl): a graph is built from leaf inputs and Parameters, its output is projected
// onto a fixed random direction R to give the scalar L = sum(R .* output), and the gradients that
// Tape::backward computes for every input entry and every parameter entry are compared with the
// central differences (L(v + h) - L(v - h)) / 2h, all in double.
#pragma once

#include "ontonet/autodiff/tape.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace ontonet::test {

using GraphBuilder = std::function<NodeId(Tape<double>& tape, const std::vector<NodeId>& inputs)>;

struct GradientCheckReport {
  double max_error = 0;   // largest |analytic - numeric| / max(1e-3, |analytic|, |numeric|)
  std::string worst;      // where it happened, for the failure message
  Index n_checked = 0;    // entries compared
};

// Requires the builder to give the same graph on every call (seed any randomness inside it).
inline GradientCheckReport check_gradients(const GraphBuilder& build,
                                           std::vector<Matrix<double>> inputs,
                                           const std::vector<Parameter<double>*>& parameters,
                                           double step = 1e-5) {
  Tape<double> tape;
  tape.set_check_finite(true);
  std::vector<NodeId> ids(inputs.size());
  auto forward = [&]() {
    tape.reset();
    for (std::size_t i = 0; i < inputs.size(); ++i) ids[i] = tape.input(inputs[i]);
    return build(tape, ids);
  };

  NodeId output = forward();
  std::mt19937_64 rng(1234);
  std::uniform_real_distribution<double> uniform(0.5, 1.5);
  Matrix<double> direction(tape.value(output).rows(), tape.value(output).cols());
  for (Index i = 0; i < direction.size(); ++i) {
    direction.data()[i] = uniform(rng) * (i % 2 == 0 ? 1.0 : -1.0);
  }
  auto projected = [&]() { return direction.cwiseProduct(tape.value(forward())).sum(); };

  for (Parameter<double>* parameter : parameters) parameter->zero_grad();
  tape.backward(output, direction);
  std::vector<Matrix<double>> input_grads;
  for (NodeId id : ids) input_grads.push_back(tape.grad(id));

  GradientCheckReport report;
  auto compare = [&](double& entry, double analytic, const std::string& where) {
    const double saved = entry;
    entry = saved + step;
    const double plus = projected();
    entry = saved - step;
    const double minus = projected();
    entry = saved;
    const double numeric = (plus - minus) / (2 * step);
    const double error =
        std::abs(analytic - numeric) / std::max({1e-3, std::abs(analytic), std::abs(numeric)});
    ++report.n_checked;
    if (error > report.max_error) {
      report.max_error = error;
      report.worst = where + ": analytic " + std::to_string(analytic) + ", numeric " +
                     std::to_string(numeric);
    }
  };
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (Index e = 0; e < inputs[i].size(); ++e) {
      compare(inputs[i].data()[e], input_grads[i].data()[e],
              "input " + std::to_string(i) + " entry " + std::to_string(e));
    }
  }
  for (Parameter<double>* parameter : parameters) {
    const Vector<double> analytic = parameter->grad;
    for (Index e = 0; e < parameter->size(); ++e) {
      compare(parameter->value[e], analytic[e],
              "parameter '" + parameter->name + "' entry " + std::to_string(e));
    }
  }
  return report;
}

}  // namespace ontonet::test
