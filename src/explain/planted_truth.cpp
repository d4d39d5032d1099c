#include "ontonet/explain/planted_truth.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace ontonet {

namespace {

std::vector<std::size_t> entities_of(const Explanation& explanation, EntityKind kind) {
  std::vector<std::size_t> indices;
  for (std::size_t e = 0; e < explanation.entities.entities.size(); ++e) {
    if (explanation.entities.entities[e].kind == kind) indices.push_back(e);
  }
  return indices;
}

// "input features: a gene's score is ..." -> "input features".
std::string short_rule(const std::string& rule) { return rule.substr(0, rule.find(':')); }

struct ScoredItems {
  std::vector<double> scores;
  std::vector<TruthLabel> labels;

  bool any_scored() const {
    return std::any_of(scores.begin(), scores.end(), [](double v) { return std::isfinite(v); });
  }
};

// Each ontology term's score: the mean over its genes with a finite score (NaN when none has one).
ScoredItems terms_by_gene_mean(const Ontology& ontology, const PlantedTruth& truth,
                               const std::map<std::string, double>& gene_score) {
  ScoredItems terms;
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    double sum = 0;
    std::size_t n = 0;
    for (GeneIndex g : ontology.genes(t)) {
      const auto found = gene_score.find(ontology.gene_symbol(g));
      if (found == gene_score.end()) continue;
      sum += found->second;
      ++n;
    }
    terms.scores.push_back(n > 0 ? sum / static_cast<double>(n)
                                 : std::numeric_limits<double>::quiet_NaN());
    terms.labels.push_back(truth.term_labels[t]);
  }
  return terms;
}

}  // namespace

PlantedTruth planted_truth(const Ontology& ontology, const CausalTruth& truth) {
  PlantedTruth planted;
  std::vector<char> causal_gene(ontology.n_genes(), 0);
  for (const CausalGene& gene : truth.genes) {
    planted.causal_genes.insert(ontology.gene_symbol(gene.gene));
    causal_gene[gene.gene] = 1;
  }
  planted.term_labels.assign(ontology.n_terms(), TruthLabel::kNegative);
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    const std::vector<GeneIndex>& genes = ontology.genes(t);
    if (std::any_of(genes.begin(), genes.end(), [&](GeneIndex g) { return causal_gene[g] != 0; })) {
      planted.term_labels[t] = TruthLabel::kExcluded;
    }
  }
  for (const CausalTerm& term : truth.terms) planted.term_labels[term.term] = TruthLabel::kPositive;
  return planted;
}

std::vector<RecoveryRecord> score_explanation(const Explanation& explanation,
                                              const Ontology& ontology, const PlantedTruth& truth,
                                              const RecoveryRecord& stem) {
  const std::vector<Entity>& entities = explanation.entities.entities;
  const std::vector<std::size_t> genes = entities_of(explanation, EntityKind::kGene);
  const std::vector<std::size_t> terms = entities_of(explanation, EntityKind::kTerm);
  std::vector<RecoveryRecord> records;
  for (const MethodResult& method : explanation.methods) {
    RecoveryRecord record = stem;
    record.method = method.method;
    record.seconds = method.seconds;

    ScoredItems gene_items;
    std::map<std::string, double> gene_score;
    for (std::size_t e : genes) {
      gene_items.scores.push_back(method.scores[e]);
      gene_items.labels.push_back(truth.causal_genes.count(entities[e].id) > 0
                                      ? TruthLabel::kPositive
                                      : TruthLabel::kNegative);
      if (std::isfinite(method.scores[e])) gene_score[entities[e].id] = method.scores[e];
    }
    if (gene_items.any_scored()) {
      record.kind = EntityKind::kGene;
      record.scored_by = short_rule(explanation.entities.gene_rule);
      record.scores = recovery_scores(gene_items.scores, gene_items.labels);
      records.push_back(record);
    }

    ScoredItems term_items;
    if (!terms.empty()) {
      record.scored_by = "term neurons";
      for (std::size_t e : terms) {
        const std::optional<TermIndex> term = ontology.find_term(entities[e].id);
        term_items.scores.push_back(method.scores[e]);
        term_items.labels.push_back(term ? truth.term_labels[*term] : TruthLabel::kExcluded);
      }
    } else {
      record.scored_by = "mean of its genes";
      term_items = terms_by_gene_mean(ontology, truth, gene_score);
    }
    if (term_items.any_scored()) {
      record.kind = EntityKind::kTerm;
      record.scores = recovery_scores(term_items.scores, term_items.labels);
      records.push_back(record);
    }
  }
  return records;
}

}  // namespace ontonet
