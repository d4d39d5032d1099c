// Checks shared by the autodiff ops: shape errors and the NaN/Inf scan. Every message starts with
// the op's name so a failure deep inside a network points at the layer that caused it.
#pragma once

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/core/error.hpp"

#include <cmath>
#include <string>

namespace ontonet::detail {

// "[3 x 4]"
inline std::string shape_string(Index rows, Index cols) {
  return "[" + std::to_string(rows) + " x " + std::to_string(cols) + "]";
}

[[noreturn]] inline void throw_op_error(const char* op, const std::string& message) {
  throw Error(std::string(op) + ": " + message);
}

template <typename A, typename B>
void require_same_shape(const char* op, const char* a_name, const A& a, const char* b_name,
                        const B& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    throw_op_error(op, std::string(a_name) + " is " + shape_string(a.rows(), a.cols()) + ", " +
                              b_name + " is " + shape_string(b.rows(), b.cols()));
  }
}

// Throws "<op>: <stage> a non-finite value (nan) in <what> at [row, col]" for the first NaN/Inf.
template <typename Derived>
void require_finite(const char* op, const char* stage, const std::string& what,
                    const Eigen::DenseBase<Derived>& values) {
  if (values.allFinite()) return;
  for (Index r = 0; r < values.rows(); ++r) {
    for (Index c = 0; c < values.cols(); ++c) {
      const auto v = values(r, c);
      if (std::isfinite(v)) continue;
      throw Error(std::string(op) + ": " + stage + " a non-finite value (" +
                  (std::isnan(v) ? "nan" : "inf") + ") in " + what + " at " + "[" +
                  std::to_string(r) + ", " + std::to_string(c) + "]");
    }
  }
}

}  // namespace ontonet::detail
