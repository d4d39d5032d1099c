// How similar two importance rankings of the same entities (terms, genes) are: the figures behind
// the method-agreement heat maps and the seed-stability tables of the explanations. Each score
// vector holds one score per entity, higher meaning more important, in the same entity order.
//
// A method can fail to score an entity (RLIPP is NaN when its denominator vanishes), so
// non-finite scores are allowed: every non-finite value (NaN, +inf, -inf) ranks below every finite
// score and ties with the other non-finite values. An entity one method could not score thus counts
// as unimportant for that method, instead of poisoning the whole comparison with NaN.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace ontonet {

// Spearman correlation of two score vectors: Pearson's correlation of their average ranks (ties
// share the mean of the ranks they span, as scipy.stats.spearmanr does), non-finite scores
// ranking lowest. NaN when either vector is constant after that (all equal, or all non-finite) or
// holds fewer than 2 entities. Requires a.size() == b.size() (checked: InternalError).
double rank_correlation(const std::vector<double>& a, const std::vector<double>& b);

// |top_k(a) ∩ top_k(b)| / k, where top_k takes the k highest scores, ties broken by the lower
// entity index, non-finite scores ranking lowest. k is clamped to the number of entities; NaN when
// that leaves k = 0. Requires a.size() == b.size() (checked: InternalError).
double top_k_overlap(const std::vector<double>& a, const std::vector<double>& b, std::size_t k);

// Pairwise matrices over n score vectors (methods or seeds), all of one size (checked:
// InternalError): [n, n], symmetric, entry (i, j) comparing scores[i] with scores[j]. The diagonal
// is each vector compared with itself: 1, except NaN where the comparison is undefined (a constant
// vector's rank correlation, k clamped to 0), so a failed method shows as a NaN row and column.
Eigen::MatrixXd rank_correlation_matrix(const std::vector<std::vector<double>>& scores);
Eigen::MatrixXd top_k_overlap_matrix(const std::vector<std::vector<double>>& scores, std::size_t k);

}  // namespace ontonet
