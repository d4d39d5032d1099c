// What an explanation scores: the input features, the genes and the ontology terms of a network,
// each tied to the neurons whose attributions add up to its score and to the neurons a knockout or
// a permutation replaces. Term scores come from the term's own neurons. Gene scores come from the
// gene's neurons when the network has a gene layer (GenNet), and otherwise from the gene's input
// features summed (DrugCell, where features feed terms directly); gene_rule says which.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ontonet/network/network_spec.hpp"

namespace ontonet {

enum class EntityKind { kFeature, kGene, kTerm };

const char* entity_kind_name(EntityKind kind);  // "feature", "gene", "term"

struct Entity {
  EntityKind kind = EntityKind::kFeature;
  std::string id;    // feature ID, gene symbol, term ID
  std::string name;  // term name when known, else empty
  Index level = 0;   // stage of the entity's neurons in the network (features and unwired genes 0)
  std::vector<Index> neurons;           // attribution adds up over these, sorted
  std::vector<Index> replaced_neurons;  // what knockout and permutation replace, sorted
  std::vector<Index> input_neurons;     // terms: the neurons feeding the term (RLIPP), sorted
};

struct EntityNaming {
  std::map<std::string, std::string> term_names;  // term ID -> name
  // Feature ID -> the genes it feeds, for networks without gene neurons (features missing here
  // belong to no gene).
  std::map<std::string, std::vector<std::string>> feature_genes;
};

struct NetworkEntities {
  std::vector<Entity> entities;  // features (spec order), then genes, then terms (spec order)
  std::string gene_rule;         // how gene scores are formed, for the output files
};

NetworkEntities network_entities(const NetworkSpec& spec, const EntityNaming& naming);

}  // namespace ontonet
