// The numeric types of the autodiff stage. Activations are matrices of shape [features, batch],
// stored row-major, so the batch values of one feature are contiguous: a sparse product then
// streams each input row once as a contiguous vector, and the weight gradient of one nonzero is a
// dot product of two contiguous rows. Scalar is float for training and double for gradient checks.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <utility>

namespace ontonet {

using Index = Eigen::Index;

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

// Small integer inputs in the activation layout [features, batch]: genotype dosages 0/1/2,
// mutation bits. A model's first layer reads them directly, moving a quarter of float's bytes,
// which is what bounds a layer over hundreds of thousands of SNPs.
using CodeMatrix = Eigen::Matrix<std::int8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One source of a sparse layer: the rows of a float activation or of integer codes (one is null).
template <typename Scalar>
struct SourceRows {
  const Scalar* values = nullptr;
  const std::int8_t* codes = nullptr;
};

// A trainable block of numbers with its own gradient buffer. Storage is flat; the owner of the
// parameter says what the entries mean: a dense weight is row-major [rows, cols]; a sparse weight
// holds the nonzeros of a [rows, cols] CSR matrix in CSR order; a bias is [rows, 1].
template <typename Scalar>
struct Parameter {
  Parameter() = default;
  Parameter(std::string parameter_name, Index n_rows, Index n_cols, Index n_values)
      : name(std::move(parameter_name)),
        value(Vector<Scalar>::Zero(n_values)),
        grad(Vector<Scalar>::Zero(n_values)),
        rows(n_rows),
        cols(n_cols) {}

  void zero_grad() { grad.setZero(); }
  Index size() const { return value.size(); }

  std::string name;
  Vector<Scalar> value;
  Vector<Scalar> grad;  // accumulated by backward passes; same size as value
  Index rows = 0;
  Index cols = 0;
};

}  // namespace ontonet
