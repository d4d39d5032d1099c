#include "ontonet/explain/stability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "ontonet/core/error.hpp"
#include "ontonet/explain/rank_agreement.hpp"

namespace ontonet {

namespace {

std::vector<double> scores_of_kind(const Explanation& explanation, const MethodResult& method,
                                   EntityKind kind) {
  std::vector<double> scores;
  const std::vector<Entity>& entities = explanation.entities.entities;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind == kind) scores.push_back(method.scores[e]);
  }
  return scores;
}

bool scores_any(const std::vector<double>& scores) {
  return std::any_of(scores.begin(), scores.end(), [](double s) { return std::isfinite(s); });
}

const MethodResult* find_method(const Explanation& explanation, ExplainMethod method) {
  for (const MethodResult& result : explanation.methods) {
    if (result.method == method) return &result;
  }
  return nullptr;
}

void check_same_entities(const std::vector<Explanation>& explanations) {
  const std::vector<Entity>& first = explanations.front().entities.entities;
  for (const Explanation& other : explanations) {
    const std::vector<Entity>& entities = other.entities.entities;
    bool same = entities.size() == first.size();
    for (std::size_t e = 0; same && e < first.size(); ++e) {
      same = entities[e].kind == first[e].kind && entities[e].id == first[e].id;
    }
    if (!same) {
      throw ConfigError("--model", other.model + " does not have the genes and terms of " +
                                       explanations.front().model +
                                       ": stability compares models of one network");
    }
  }
}

// Mean and minimum over the pairs i < j; NaN entries are skipped.
std::pair<double, double> pair_mean_min(const Eigen::MatrixXd& matrix) {
  double sum = 0;
  double minimum = std::numeric_limits<double>::infinity();
  int count = 0;
  for (Index i = 0; i < matrix.rows(); ++i) {
    for (Index j = i + 1; j < matrix.cols(); ++j) {
      if (!std::isfinite(matrix(i, j))) continue;
      sum += matrix(i, j);
      minimum = std::min(minimum, matrix(i, j));
      ++count;
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return count == 0 ? std::make_pair(nan, nan) : std::make_pair(sum / count, minimum);
}

}  // namespace

std::vector<MethodStability> rank_stability(const std::vector<Explanation>& explanations,
                                            std::size_t top_k) {
  if (explanations.size() < 2) {
    throw ConfigError("--model", "rank stability needs models from at least 2 seeds");
  }
  check_same_entities(explanations);
  std::vector<MethodStability> result;
  for (const MethodResult& first : explanations.front().methods) {
    for (EntityKind kind : {EntityKind::kGene, EntityKind::kTerm}) {
      std::vector<std::vector<double>> scores;
      for (const Explanation& explanation : explanations) {
        const MethodResult* method = find_method(explanation, first.method);
        if (method == nullptr) break;
        scores.push_back(scores_of_kind(explanation, *method, kind));
      }
      if (scores.size() != explanations.size() || !scores_any(scores.front())) continue;
      MethodStability stability;
      stability.method = first.method;
      stability.kind = kind;
      // A top k that holds half the entities or more would overlap by construction.
      stability.top_k = std::max<std::size_t>(1, std::min(top_k, scores.front().size() / 2));
      stability.spearman = rank_correlation_matrix(scores);
      stability.top_overlap = top_k_overlap_matrix(scores, stability.top_k);
      std::tie(stability.mean_spearman, stability.min_spearman) = pair_mean_min(stability.spearman);
      stability.mean_top_overlap = pair_mean_min(stability.top_overlap).first;
      result.push_back(std::move(stability));
    }
  }
  return result;
}

Eigen::MatrixXd method_agreement(const Explanation& explanation, EntityKind kind) {
  std::vector<std::vector<double>> scores;
  for (const MethodResult& method : explanation.methods) {
    scores.push_back(scores_of_kind(explanation, method, kind));
  }
  return rank_correlation_matrix(scores);
}

}  // namespace ontonet
