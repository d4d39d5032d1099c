// Test objective shared by the optimizer tests: f(w) = 1/2 * sum_i a_i * (w_i - c_i)^2, whose
// gradient a_i * (w_i - c_i) is written into the parameter's grad, as a backward pass would.
#pragma once

#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet::test {

template <typename Scalar>
Parameter<Scalar> parameter_with_values(const std::vector<Scalar>& values) {
  const Index n = static_cast<Index>(values.size());
  Parameter<Scalar> parameter("w", n, 1, n);
  for (Index i = 0; i < n; ++i) parameter.value[i] = values[static_cast<std::size_t>(i)];
  return parameter;
}

template <typename Scalar>
struct QuadraticObjective {
  std::vector<Scalar> curvature;  // a
  std::vector<Scalar> minimum;    // c

  // Sets grad to the gradient at the current value (overwrites, like zero_grad + backward).
  void write_gradient(Parameter<Scalar>& w) const {
    for (Index i = 0; i < w.size(); ++i) {
      const auto k = static_cast<std::size_t>(i);
      w.grad[i] = curvature[k] * (w.value[i] - minimum[k]);
    }
  }

  Scalar max_distance_to_minimum(const Parameter<Scalar>& w) const {
    Scalar distance = 0;
    for (Index i = 0; i < w.size(); ++i) {
      const Scalar d = w.value[i] - minimum[static_cast<std::size_t>(i)];
      distance = d < 0 ? (-d > distance ? -d : distance) : (d > distance ? d : distance);
    }
    return distance;
  }
};

}  // namespace ontonet::test
