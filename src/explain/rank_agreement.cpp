// Agreement between importance rankings (see rank_agreement.hpp).
#include "ontonet/explain/rank_agreement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "ontonet/core/error.hpp"
#include "ontonet/train/metrics.hpp"
#include "ontonet/train/regression_metrics.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_same_size(std::size_t a, std::size_t b) {
  ONTONET_CHECK(a == b, "rank agreement: score vectors differ in size (" + std::to_string(a) +
                            " vs " + std::to_string(b) + ")");
}

// Average ranks with every non-finite score tied below the lowest finite one. average_ranks
// cannot take NaN but orders -inf correctly and ties -inf with -inf.
std::vector<double> ranks_non_finite_lowest(const std::vector<double>& scores) {
  std::vector<double> lowered(scores);
  for (double& score : lowered) {
    if (!std::isfinite(score)) score = -std::numeric_limits<double>::infinity();
  }
  return average_ranks(lowered);
}

double correlation_of_ranks(const std::vector<double>& ranks_a,
                            const std::vector<double>& ranks_b) {
  if (ranks_a.size() < 2) return kNaN;
  return pearson_correlation(ranks_a, ranks_b);  // NaN when either is constant
}

// Entity indices, most important first: finite scores descending, then non-finite ones, ties by
// the lower index.
std::vector<std::size_t> importance_order(const std::vector<double>& scores) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    const bool finite_i = std::isfinite(scores[i]);
    const bool finite_j = std::isfinite(scores[j]);
    if (finite_i != finite_j) return finite_i;
    if (finite_i && scores[i] != scores[j]) return scores[i] > scores[j];
    return i < j;
  });
  return order;
}

// in_top[i]: whether entity i is among the first k of `order`.
std::vector<char> top_k_members(const std::vector<std::size_t>& order, std::size_t k) {
  std::vector<char> in_top(order.size(), 0);
  for (std::size_t position = 0; position < k; ++position) in_top[order[position]] = 1;
  return in_top;
}

double overlap_of_members(const std::vector<char>& in_top_a, const std::vector<char>& in_top_b,
                          std::size_t k) {
  if (k == 0) return kNaN;
  std::size_t shared = 0;
  for (std::size_t i = 0; i < in_top_a.size(); ++i) shared += in_top_a[i] && in_top_b[i];
  return static_cast<double>(shared) / static_cast<double>(k);
}

void check_all_same_size(const std::vector<std::vector<double>>& scores) {
  for (const std::vector<double>& vector : scores) check_same_size(vector.size(), scores[0].size());
}

}  // namespace

double rank_correlation(const std::vector<double>& a, const std::vector<double>& b) {
  check_same_size(a.size(), b.size());
  return correlation_of_ranks(ranks_non_finite_lowest(a), ranks_non_finite_lowest(b));
}

double top_k_overlap(const std::vector<double>& a, const std::vector<double>& b, std::size_t k) {
  check_same_size(a.size(), b.size());
  k = std::min(k, a.size());
  return overlap_of_members(top_k_members(importance_order(a), k),
                            top_k_members(importance_order(b), k), k);
}

Eigen::MatrixXd rank_correlation_matrix(const std::vector<std::vector<double>>& scores) {
  const Eigen::Index n = static_cast<Eigen::Index>(scores.size());
  Eigen::MatrixXd matrix(n, n);
  if (n == 0) return matrix;
  check_all_same_size(scores);
  // Each vector is ranked once, not once per pair.
  std::vector<std::vector<double>> ranks;
  for (const std::vector<double>& vector : scores) ranks.push_back(ranks_non_finite_lowest(vector));
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::vector<double>& ranks_i = ranks[static_cast<std::size_t>(i)];
    const double self = correlation_of_ranks(ranks_i, ranks_i);
    matrix(i, i) = std::isnan(self) ? kNaN : 1.0;  // exactly 1, not 1 - rounding
    for (Eigen::Index j = i + 1; j < n; ++j) {
      matrix(i, j) = matrix(j, i) =
          correlation_of_ranks(ranks_i, ranks[static_cast<std::size_t>(j)]);
    }
  }
  return matrix;
}

Eigen::MatrixXd top_k_overlap_matrix(const std::vector<std::vector<double>>& scores,
                                     std::size_t k) {
  const Eigen::Index n = static_cast<Eigen::Index>(scores.size());
  Eigen::MatrixXd matrix(n, n);
  if (n == 0) return matrix;
  check_all_same_size(scores);
  k = std::min(k, scores[0].size());
  std::vector<std::vector<char>> members;
  for (const std::vector<double>& vector : scores) {
    members.push_back(top_k_members(importance_order(vector), k));
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::vector<char>& members_i = members[static_cast<std::size_t>(i)];
    matrix(i, i) = overlap_of_members(members_i, members_i, k);
    for (Eigen::Index j = i + 1; j < n; ++j) {
      matrix(i, j) = matrix(j, i) =
          overlap_of_members(members_i, members[static_cast<std::size_t>(j)], k);
    }
  }
  return matrix;
}

}  // namespace ontonet
