// Seeded random matrices and sparse patterns for the autodiff tests, and the dense matrix a
// pattern plus weights stands for (the reference the sparse kernels are checked against).
#pragma once

#include "ontonet/autodiff/sparse_pattern.hpp"
#include "ontonet/autodiff/tensor.hpp"

#include <random>
#include <vector>

namespace ontonet::test {

// Entries uniform in [low, high), or in [-high, -low] u [low, high] when `away_from_zero` (keeps
// ReLU-like kinks out of reach of the finite-difference step).
template <typename Scalar = double>
Matrix<Scalar> random_matrix(Index rows, Index cols, std::mt19937_64& rng, double low = -1.0,
                             double high = 1.0, bool away_from_zero = false) {
  std::uniform_real_distribution<double> uniform(low, high);
  std::bernoulli_distribution negative(0.5);
  Matrix<Scalar> m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) {
    const double v = uniform(rng);
    m.data()[i] = static_cast<Scalar>(away_from_zero && negative(rng) ? -v : v);
  }
  return m;
}

// Each entry is present with probability `density`; at least one entry overall.
inline SparsePattern random_pattern(Index rows, Index cols, double density, std::mt19937_64& rng) {
  std::bernoulli_distribution present(density);
  std::vector<Index> offsets{0};
  std::vector<Index> columns;
  for (Index r = 0; r < rows; ++r) {
    for (Index c = 0; c < cols; ++c) {
      if (present(rng) || (r == rows - 1 && c == cols - 1 && columns.empty())) columns.push_back(c);
    }
    offsets.push_back(static_cast<Index>(columns.size()));
  }
  return SparsePattern(rows, cols, offsets, columns);
}

template <typename Scalar>
Parameter<Scalar> random_sparse_weights(const SparsePattern& pattern, std::mt19937_64& rng) {
  Parameter<Scalar> weights("w", pattern.rows(), pattern.cols(), pattern.nnz());
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (Index k = 0; k < weights.size(); ++k) weights.value[k] = static_cast<Scalar>(uniform(rng));
  return weights;
}

// The dense [rows, cols] matrix with weights at the pattern's entries and zeros elsewhere.
template <typename Scalar>
Matrix<Scalar> densify(const SparsePattern& pattern, const Vector<Scalar>& weights) {
  Matrix<Scalar> dense = Matrix<Scalar>::Zero(pattern.rows(), pattern.cols());
  for (Index r = 0; r < pattern.rows(); ++r) {
    for (Index k = pattern.row_offsets()[r]; k < pattern.row_offsets()[r + 1]; ++k) {
      dense(r, pattern.col_indices()[k]) = weights[k];
    }
  }
  return dense;
}

}  // namespace ontonet::test
