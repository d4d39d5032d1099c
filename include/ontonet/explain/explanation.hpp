// Everything one `ontonet explain` run found about one model: the entities it scored, the methods'
// results over them, and how the cohort and baseline were chosen, as the report writes it.
// Rankings are per entity kind (terms among terms, genes among genes), highest score first.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ontonet/explain/attribution.hpp"
#include "ontonet/explain/entities.hpp"

namespace ontonet {

struct Explanation {
  std::string model;                    // the model file explained
  std::string samples;                  // which samples, e.g. "test split (333 samples)"
  std::string baseline;                 // how the baseline input was chosen
  std::string output;                   // which output unit, e.g. "output 0 (prediction)"
  std::vector<std::string> sample_ids;  // the explained samples, in per-sample matrix order
  NetworkEntities entities;
  // Term hierarchy as the network wires it: (parent, child) entity indices, child's neurons feeding
  // the parent's.
  std::vector<std::pair<std::size_t, std::size_t>> term_edges;
  std::vector<MethodResult> methods;
};

// The entities of `kind` with a finite score, most important first (ties: entity order).
std::vector<std::size_t> ranked_entities(const Explanation& explanation, const MethodResult& method,
                                         EntityKind kind);

// rank[e] = 1 + position of entity e in ranked_entities for its kind; 0 when not ranked.
std::vector<std::size_t> entity_ranks(const Explanation& explanation, const MethodResult& method);

// (parent, child) pairs of term entities: the child term's neurons feed the parent's.
std::vector<std::pair<std::size_t, std::size_t>> term_edges(const std::vector<Entity>& entities);

}  // namespace ontonet
