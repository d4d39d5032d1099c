// A layer's activation over rows of a [features, batch] buffer, and d loss / d (its input)
// formed from d loss / d (its output) and the output alone (tanh' = 1 - y^2, sigmoid' = y (1 - y),
// relu' = [y > 0]), so a fused layer keeps no pre-activation buffer. Elementwise, so a row gives
// the same values whichever thread computes it.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "ontonet/autodiff/activation.hpp"
#include "ontonet/autodiff/tensor.hpp"
#include "stable_math.hpp"

namespace ontonet::detail {

template <typename Scalar>
void activate_row(Activation activation, Scalar* row, Index n) {
  Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>> values(row, n);
  switch (activation) {
    case Activation::kIdentity:
      return;
    case Activation::kTanh:
      // Eigen's vectorized tanh: a few ulps from std::tanh and many times faster than calling it.
      values = values.tanh();
      return;
    case Activation::kRelu:
      values = values.max(Scalar(0));
      return;
    case Activation::kSigmoid:
      for (Index i = 0; i < n; ++i) row[i] = logistic(row[i]);
      return;
  }
}

// activate_row over the rows [0, n_rows) of a [rows, batch] buffer starting at `rows`. Where every
// row is a whole number of aligned vectors, Eigen's loop over all of them takes for each value
// exactly the step it takes row by row, so the values are the same, and the divisions of several
// rows overlap: a row of 64 floats alone is four vectors, too few to hide their latency.
template <typename Scalar>
void activate_rows(Activation activation, Scalar* rows, Index n_rows, Index batch) {
  constexpr std::uintptr_t kVectorBytes = 64;
  const bool whole_vectors = batch * sizeof(Scalar) % kVectorBytes == 0 &&
                             reinterpret_cast<std::uintptr_t>(rows) % kVectorBytes == 0;
  if (whole_vectors) return activate_row(activation, rows, n_rows * batch);
  for (Index r = 0; r < n_rows; ++r) activate_row(activation, rows + r * batch, batch);
}

// dz = dy * activation'(y) over n values; dz may be dy.
template <typename Scalar>
void activation_grad_row(Activation activation, const Scalar* dy, const Scalar* y, Scalar* dz,
                         Index n) {
  switch (activation) {
    case Activation::kIdentity:
      for (Index i = 0; i < n; ++i) dz[i] = dy[i];
      return;
    case Activation::kTanh:
#pragma omp simd
      for (Index i = 0; i < n; ++i) dz[i] = dy[i] * (Scalar(1) - y[i] * y[i]);
      return;
    case Activation::kRelu:
#pragma omp simd
      for (Index i = 0; i < n; ++i) dz[i] = y[i] > Scalar(0) ? dy[i] : Scalar(0);
      return;
    case Activation::kSigmoid:
#pragma omp simd
      for (Index i = 0; i < n; ++i) dz[i] = dy[i] * y[i] * (Scalar(1) - y[i]);
      return;
  }
}

}  // namespace ontonet::detail
