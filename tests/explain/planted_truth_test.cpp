// Scoring explanations against a planted truth on the hand-made ontology: which terms are
// positives, negatives or left out, and each method's records for a network with term neurons and
// for one without (the dense baseline, whose terms take the mean of their genes' scores).
#include "ontonet/explain/planted_truth.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../network/network_fixtures.hpp"

namespace ontonet {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Terms C D E A B R (indices 0-5); true-path genes: C {g1, g2}, D {g3, g4}, E {g2, g6},
// A {g1..g5}, B {g3, g4, g6}, R all. C is causal through g1.
CausalTruth c_through_g1() {
  CausalTruth truth;
  truth.terms.push_back({0, {0}});
  truth.genes.push_back({0, 0, 1.0});
  return truth;
}

Explanation explanation_of(const std::vector<std::string>& ids, EntityKind first_terms_after,
                           std::size_t n_genes) {
  Explanation explanation;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Entity entity;
    entity.kind = i < n_genes ? EntityKind::kGene : first_terms_after;
    entity.id = ids[i];
    explanation.entities.entities.push_back(entity);
  }
  explanation.entities.gene_rule = "input features: a gene's score is the sum of its features'";
  return explanation;
}

MethodResult method(ExplainMethod kind, std::vector<double> scores) {
  MethodResult result;
  result.method = kind;
  result.scores = std::move(scores);
  result.seconds = 0.5;
  return result;
}

TEST(PlantedTruth, CausalTermsArePositivesAndTermsHoldingTheirGenesAreLeftOut) {
  const Ontology ontology = test::hand_made_ontology();
  const PlantedTruth truth = planted_truth(ontology, c_through_g1());
  EXPECT_EQ(truth.causal_genes, (std::set<std::string>{"g1"}));
  const std::vector<TruthLabel> expected{TruthLabel::kPositive, TruthLabel::kNegative,
                                         TruthLabel::kNegative, TruthLabel::kExcluded,
                                         TruthLabel::kNegative, TruthLabel::kExcluded};
  EXPECT_EQ(truth.term_labels, expected);
}

TEST(PlantedTruth, ScoresTermNeuronsWithoutTheExcludedAncestors) {
  const Ontology ontology = test::hand_made_ontology();
  const PlantedTruth truth = planted_truth(ontology, c_through_g1());
  Explanation explanation = explanation_of(
      {"g1", "g2", "g3", "g4", "g5", "g6", "C", "D", "E", "A", "B", "R"}, EntityKind::kTerm, 6);
  // The ancestors A and R outscore C, but they are not scored; among C, D, E, B, C is first.
  explanation.methods.push_back(
      method(ExplainMethod::kSaliency, {5, 1, 2, 0, 0, 0, 3, 1, 2, 10, 0, 20}));
  // RLIPP scores terms only: no gene record. g1 ranks second of six genes on the other method.
  explanation.methods.push_back(
      method(ExplainMethod::kRlipp, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, 0.1, 0.3, 0.2, 0, 0, 0}));
  RecoveryRecord stem;
  stem.scenario = "additive";
  stem.model = "ontology";
  stem.seed = 3;
  const std::vector<RecoveryRecord> records = score_explanation(explanation, ontology, truth, stem);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].kind, EntityKind::kGene);
  EXPECT_EQ(records[0].scored_by, "input features");
  EXPECT_EQ(records[0].scenario, "additive");
  EXPECT_EQ(records[0].seed, 3u);
  EXPECT_DOUBLE_EQ(records[0].seconds, 0.5);
  EXPECT_EQ(records[0].scores.positives, 1u);
  EXPECT_EQ(records[0].scores.negatives, 5u);
  EXPECT_DOUBLE_EQ(records[0].scores.auroc, 1.0);
  EXPECT_EQ(records[1].kind, EntityKind::kTerm);
  EXPECT_EQ(records[1].scored_by, "term neurons");
  EXPECT_EQ(records[1].scores.negatives, 3u);  // D, E, B
  EXPECT_DOUBLE_EQ(records[1].scores.auroc, 1.0);
  EXPECT_EQ(records[2].method, ExplainMethod::kRlipp);
  EXPECT_EQ(records[2].kind, EntityKind::kTerm);
  EXPECT_DOUBLE_EQ(records[2].scores.auroc, 1.0 / 3.0);  // C (0.1) beats only B (0)
}

TEST(PlantedTruth, ANetworkWithoutTermsScoresEachTermByItsGenesMean) {
  const Ontology ontology = test::hand_made_ontology();
  const PlantedTruth truth = planted_truth(ontology, c_through_g1());
  Explanation explanation =
      explanation_of({"g1", "g2", "g3", "g4", "g5", "g6"}, EntityKind::kTerm, 6);
  // Means: C (4 + 2) / 2 = 3, D 0, E 2 (g6 unscored), B 0 (g6 unscored): C first.
  explanation.methods.push_back(method(ExplainMethod::kKnockout, {4, 2, 0, 0, 1, kNaN}));
  // C's mean (2 + 1) / 2 = 1.5 beats D's 0 only: E (1 + 9) / 2 = 5, B (0 + 0 + 9) / 3 = 3.
  explanation.methods.push_back(method(ExplainMethod::kSaliency, {2, 1, 0, 0, 0, 9}));
  const std::vector<RecoveryRecord> records = score_explanation(explanation, ontology, truth, {});
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].scored_by, "mean of its genes");
  EXPECT_DOUBLE_EQ(records[1].scores.auroc, 1.0);
  EXPECT_EQ(records[1].scores.negatives, 3u);
  EXPECT_DOUBLE_EQ(records[3].scores.auroc, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(records[2].scores.auroc, 0.8);  // g1 (2) below g6 (9), above the other four
}

}  // namespace
}  // namespace ontonet
