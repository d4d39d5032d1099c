// How far a method's ranking survives retraining: the same method run on models trained with
// different seeds, compared pairwise by the Spearman correlation of the scores and by the overlap
// of the top k entities. Users have found that importances change between runs; this measures by
// how much, per method and entity kind.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "ontonet/explain/explanation.hpp"

namespace ontonet {

struct MethodStability {
  ExplainMethod method = ExplainMethod::kWeightPaths;
  EntityKind kind = EntityKind::kTerm;
  std::size_t top_k = 20;       // the requested k, or half the entities when that is fewer
  Eigen::MatrixXd spearman;     // [models, models]
  Eigen::MatrixXd top_overlap;  // [models, models], fraction of the top k shared
  double mean_spearman = 0;     // over pairs of models
  double min_spearman = 0;
  double mean_top_overlap = 0;
};

// One entry per method present in every explanation and per kind (genes, terms) that method
// scores; top_k is capped at half the entities of the kind. Requires >= 2 explanations of models
// with the same entities (ConfigError("--model", ...) naming the first mismatch otherwise).
std::vector<MethodStability> rank_stability(const std::vector<Explanation>& explanations,
                                            std::size_t top_k);

// Spearman correlation between every pair of methods of one explanation over the entities of
// `kind` ([methods, methods]; NaN where a method does not score that kind).
Eigen::MatrixXd method_agreement(const Explanation& explanation, EntityKind kind);

}  // namespace ontonet
