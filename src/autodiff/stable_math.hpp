// Scalar functions shared by the activation ops and the losses, in forms that never overflow.
#pragma once

#include <algorithm>
#include <cmath>

namespace ontonet::detail {

// log(1 + exp(v)) as max(v, 0) + log1p(exp(-|v|)): exp only ever sees a value <= 0.
template <typename Scalar>
Scalar stable_softplus(Scalar v) {
  return std::max(v, Scalar(0)) + std::log1p(std::exp(-std::abs(v)));
}

// 1 / (1 + exp(-v)); exp(-v) may overflow to inf, which gives the correct limit 0.
template <typename Scalar>
Scalar logistic(Scalar v) {
  return Scalar(1) / (Scalar(1) + std::exp(-v));
}

}  // namespace ontonet::detail
