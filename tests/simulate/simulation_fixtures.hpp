// Ontologies and statistics shared by the simulator's tests: a flat ontology whose leaves are
// clean blocks of genes, ordinary least squares with standard errors, and sample correlations.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <string>
#include <vector>

#include "ontonet/ontology/ontology.hpp"

namespace ontonet::test {

// A root "R" above `n_leaves` leaves "L0", "L1", ..., each directly annotated with its own
// `genes_per_leaf` genes ("L<i>g<j>"). Every gene's block is its leaf. The root holds every gene,
// so with more than 30 (the default --causal-max-genes) only the leaves can be causal.
inline Ontology flat_ontology(std::size_t n_leaves, std::size_t genes_per_leaf) {
  std::vector<Term> terms;
  std::vector<TermEdge> edges;
  std::vector<std::string> genes;
  std::vector<std::vector<GeneIndex>> direct;
  for (std::size_t leaf = 0; leaf < n_leaves; ++leaf) {
    terms.push_back(Term{"L" + std::to_string(leaf), "leaf " + std::to_string(leaf), "", {}, {}});
    edges.push_back({leaf, n_leaves, 0});
    direct.emplace_back();
    for (std::size_t j = 0; j < genes_per_leaf; ++j) {
      direct.back().push_back(static_cast<GeneIndex>(genes.size()));
      genes.push_back("L" + std::to_string(leaf) + "g" + std::to_string(j));
    }
  }
  terms.push_back(Term{"R", "root", "", {}, {}});
  direct.emplace_back();
  return Ontology(std::move(terms), {"is_a"}, edges, std::move(genes), std::move(direct));
}

struct LeastSquares {
  Eigen::VectorXd estimate;
  Eigen::VectorXd standard_error;
  // White's heteroscedasticity-consistent (HC0) standard error, for a misspecified model whose
  // residual variance depends on the regressors (an interaction fitted additively).
  Eigen::VectorXd robust_standard_error;
  double r_squared = 0.0;
};

// y = intercept + x b + e by ordinary least squares; x: [n, p]. The estimates and standard errors
// are of b (the intercept is left out); residual variance RSS / (n - p - 1).
inline LeastSquares least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  const Eigen::Index n = x.rows();
  Eigen::MatrixXd design(n, x.cols() + 1);
  design.col(0).setOnes();
  design.rightCols(x.cols()) = x;
  const Eigen::MatrixXd gram = design.transpose() * design;
  const Eigen::VectorXd coefficients = gram.ldlt().solve(design.transpose() * y);
  const Eigen::VectorXd residual = y - design * coefficients;
  const double residual_variance = residual.squaredNorm() / static_cast<double>(n - design.cols());
  const Eigen::MatrixXd inverse = gram.inverse();
  LeastSquares fit;
  fit.estimate = coefficients.tail(x.cols());
  fit.standard_error = (inverse.diagonal().tail(x.cols()) * residual_variance).cwiseSqrt();
  const Eigen::MatrixXd meat =
      design.transpose() * residual.cwiseProduct(residual).asDiagonal() * design;
  const Eigen::MatrixXd sandwich = inverse * meat * inverse;
  fit.robust_standard_error = sandwich.diagonal().tail(x.cols()).cwiseSqrt();
  const double total = (y.array() - y.mean()).square().sum();
  fit.r_squared = 1.0 - residual.squaredNorm() / total;
  return fit;
}

// Pearson correlation of two columns.
inline double correlation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::ArrayXd da = a.array() - a.mean();
  const Eigen::ArrayXd db = b.array() - b.mean();
  return (da * db).sum() / std::sqrt(da.square().sum() * db.square().sum());
}

}  // namespace ontonet::test
