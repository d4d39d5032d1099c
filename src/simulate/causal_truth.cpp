#include "ontonet/simulate/causal_truth.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// The term and all its ancestors.
std::set<TermIndex> term_and_ancestors(const Ontology& ontology, TermIndex term) {
  std::set<TermIndex> found{term};
  std::vector<TermIndex> pending{term};
  while (!pending.empty()) {
    const TermIndex t = pending.back();
    pending.pop_back();
    for (TermIndex parent : ontology.parents(t)) {
      if (found.insert(parent).second) pending.push_back(parent);
    }
  }
  return found;
}

std::string size_range_text(const SimulationOptions& o) {
  return "between " + std::to_string(std::max(o.causal_min_genes, o.causal_genes_per_term)) +
         " and " + std::to_string(o.causal_max_genes) +
         " genes (--causal-min-genes, --causal-max-genes, --causal-genes-per-term)";
}

// The depth-first search of the header over `candidates` (term indices in the drawn order).
class CausalTermSearch {
 public:
  CausalTermSearch(const Ontology& ontology, std::vector<TermIndex> candidates, std::size_t wanted,
                   std::size_t per_term)
      : ontology_(ontology),
        candidates_(std::move(candidates)),
        wanted_(wanted),
        per_term_(per_term) {}

  // True when `wanted` terms were found; they are then chosen().
  bool run() { return extend(0); }
  const std::vector<TermIndex>& chosen() const { return chosen_; }
  bool ran_out_of_steps() const { return steps_ > kCausalSearchSteps; }

  // The genes of `term` in no other chosen term.
  std::vector<GeneIndex> own_genes(TermIndex term) const {
    std::vector<GeneIndex> own;
    for (GeneIndex gene : ontology_.genes(term)) {
      if (cover_.at(gene) == 1) own.push_back(gene);
    }
    return own;
  }

 private:
  const std::set<TermIndex>& lineage(TermIndex term) {
    auto found = lineages_.find(term);
    if (found == lineages_.end()) {
      found = lineages_.emplace(term, term_and_ancestors(ontology_, term)).first;
    }
    return found->second;
  }

  bool nested_with_chosen(TermIndex term) {
    const std::set<TermIndex>& up = lineage(term);
    for (TermIndex taken : chosen_) {
      if (up.count(taken) > 0 || lineage(taken).count(term) > 0) return true;
    }
    return false;
  }

  bool every_chosen_keeps_enough_own_genes() const {
    for (TermIndex taken : chosen_) {
      std::size_t own = 0;
      for (GeneIndex gene : ontology_.genes(taken)) own += cover_.at(gene) == 1 ? 1 : 0;
      if (own < per_term_) return false;
    }
    return true;
  }

  void cover(TermIndex term, int change) {
    for (GeneIndex gene : ontology_.genes(term)) cover_[gene] += change;
  }

  bool extend(std::size_t from) {
    if (chosen_.size() == wanted_) return true;
    for (std::size_t c = from; c < candidates_.size(); ++c) {
      if (candidates_.size() - c < wanted_ - chosen_.size()) return false;
      if (++steps_ > kCausalSearchSteps) return false;
      const TermIndex term = candidates_[c];
      if (nested_with_chosen(term)) continue;
      chosen_.push_back(term);
      cover(term, 1);
      if (every_chosen_keeps_enough_own_genes() && extend(c + 1)) return true;
      if (ran_out_of_steps()) return false;
      cover(term, -1);
      chosen_.pop_back();
    }
    return false;
  }

  const Ontology& ontology_;
  std::vector<TermIndex> candidates_;
  std::size_t wanted_;
  std::size_t per_term_;
  std::vector<TermIndex> chosen_;
  std::map<GeneIndex, int> cover_;  // gene -> number of chosen terms holding it
  std::map<TermIndex, std::set<TermIndex>> lineages_;
  std::size_t steps_ = 0;
};

}  // namespace

CausalTruth choose_causal_truth(const Ontology& ontology, const SimulationOptions& options,
                                RandomStream& random) {
  const std::size_t per_term = options.causal_genes_per_term;
  std::vector<TermIndex> eligible;
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    const std::size_t size = ontology.genes(t).size();
    if (size >= options.causal_min_genes && size <= options.causal_max_genes && size >= per_term) {
      eligible.push_back(t);
    }
  }
  CausalTruth truth;
  truth.n_eligible_terms = eligible.size();
  if (eligible.size() < options.causal_terms) {
    throw ConfigError("--causal-terms",
                      "asks for " + std::to_string(options.causal_terms) + " causal terms, but " +
                          std::to_string(eligible.size()) + " of the ontology's " +
                          std::to_string(ontology.n_terms()) + " terms have " +
                          size_range_text(options));
  }
  // Fisher-Yates from the back, as shuffle_in_place.
  for (std::size_t i = eligible.size(); i > 1; --i) {
    std::swap(eligible[i - 1], eligible[random.below(i)]);
  }

  CausalTermSearch search(ontology, eligible, options.causal_terms, per_term);
  if (!search.run()) {
    const std::string terms = std::to_string(options.causal_terms);
    throw ConfigError(
        "--causal-terms",
        "asks for " + terms + " causal terms, but " +
            (search.ran_out_of_steps()
                 ? "none were found within " + std::to_string(kCausalSearchSteps) + " search steps"
                 : "no " + terms + " of the " + std::to_string(eligible.size()) + " terms with " +
                       size_range_text(options) +
                       " are free of nesting (none an ancestor of another) with " +
                       std::to_string(per_term) +
                       " genes of their own each (genes in no other causal term)") +
            "; ask for fewer terms or causal genes per term, or widen the size range");
  }

  for (TermIndex term : search.chosen()) {
    std::vector<GeneIndex> own = search.own_genes(term);
    // A partial Fisher-Yates draw of per_term genes, then kept in gene order.
    for (std::size_t i = 0; i < per_term; ++i) {
      const std::size_t pick = i + static_cast<std::size_t>(random.below(own.size() - i));
      std::swap(own[i], own[pick]);
    }
    std::vector<GeneIndex> picked(own.begin(), own.begin() + static_cast<std::ptrdiff_t>(per_term));
    std::sort(picked.begin(), picked.end());
    CausalTerm causal_term;
    causal_term.term = term;
    for (GeneIndex gene : picked) {
      causal_term.genes.push_back(truth.genes.size());
      truth.genes.push_back({gene, truth.terms.size(), 0.0});
    }
    truth.terms.push_back(std::move(causal_term));
  }
  for (CausalGene& gene : truth.genes) gene.beta = random.normal();
  return truth;
}

}  // namespace ontonet
