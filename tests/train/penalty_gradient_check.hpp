// Central finite-difference check of a penalty's gradient, for the regularizer tests (double only).
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet::test {

// Computes the analytic gradient by zeroing w.grad and calling add_penalty_and_gradient(), then the
// central difference (P(w + h e_i) - P(w - h e_i)) / 2h of the returned penalty for each entry, and
// returns ||numeric - analytic|| / ||analytic||. Leaves w.value as it found it.
inline double relative_gradient_error(Parameter<double>& w,
                                      const std::function<double()>& add_penalty_and_gradient,
                                      double step = 1e-6) {
  w.grad.setZero();
  add_penalty_and_gradient();
  const Vector<double> analytic = w.grad;
  Vector<double> numeric(w.size());
  for (Index i = 0; i < w.size(); ++i) {
    const double original = w.value[i];
    w.value[i] = original + step;
    const double above = add_penalty_and_gradient();
    w.value[i] = original - step;
    const double below = add_penalty_and_gradient();
    w.value[i] = original;
    numeric[i] = (above - below) / (2.0 * step);
  }
  w.grad = analytic;
  // Plain loops: GCC 12 warns (falsely) about Eigen's AVX-512 norm reduction here.
  double error_squared = 0.0;
  double analytic_squared = 0.0;
  for (Index i = 0; i < w.size(); ++i) {
    error_squared += (numeric[i] - analytic[i]) * (numeric[i] - analytic[i]);
    analytic_squared += analytic[i] * analytic[i];
  }
  return std::sqrt(error_squared) / std::max(std::sqrt(analytic_squared), 1e-300);
}

}  // namespace ontonet::test
