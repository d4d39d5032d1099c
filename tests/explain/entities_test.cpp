// network_entities: which neurons each feature, gene and term of a network adds up over, which it
// replaces under knockout and permutation, and which feed a term (RLIPP), on hand-made specs and
// on the style builders' GenNet and DrugCell specs.
#include "ontonet/explain/entities.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "hand_networks.hpp"

namespace ontonet {
namespace {

using Neurons = std::vector<Index>;

const Entity& find_entity(const NetworkEntities& entities, EntityKind kind, const std::string& id) {
  for (const Entity& entity : entities.entities) {
    if (entity.kind == kind && entity.id == id) return entity;
  }
  ADD_FAILURE() << "no " << entity_kind_name(kind) << " " << id;
  static const Entity none;
  return none;
}

// The neurons of the spec's block of `kind` named `entity`.
Neurons block_neurons(const NetworkSpec& spec, NeuronKind kind, const std::string& entity) {
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind != kind || block.entity != entity) continue;
    Neurons neurons;
    for (Index unit = 0; unit < block.n_neurons; ++unit)
      neurons.push_back(block.first_neuron + unit);
    return neurons;
  }
  ADD_FAILURE() << "no block " << entity;
  return {};
}

Neurons joined(std::initializer_list<Neurons> parts) {
  Neurons all;
  for (const Neurons& part : parts) all.insert(all.end(), part.begin(), part.end());
  std::sort(all.begin(), all.end());
  return all;
}

TEST(NetworkEntities, KindNames) {
  EXPECT_STREQ(entity_kind_name(EntityKind::kFeature), "feature");
  EXPECT_STREQ(entity_kind_name(EntityKind::kGene), "gene");
  EXPECT_STREQ(entity_kind_name(EntityKind::kTerm), "term");
}

// The hand GenNet net: features s1..s4 (0..3), genes gA (4) <- s1, s2; gB (5) <- s2, s3;
// gC (6) <- s4; term T (7) <- gA, gB; output (8). A gene is its gene neuron, and knocking it out
// replaces the features that feed it; feature_genes is not consulted when genes have neurons.
TEST(NetworkEntities, GenNetGenesAreTheirGeneNeuronsAndReplaceTheirFeatures) {
  const Model<float> model = test::gennet_hand_net();
  EntityNaming naming;
  naming.term_names["T"] = "a hand-made term";
  naming.feature_genes["s1"] = {"gZ"};
  const NetworkEntities result = network_entities(model.spec(), naming);
  EXPECT_NE(result.gene_rule.find("gene neurons"), std::string::npos) << result.gene_rule;

  ASSERT_EQ(result.entities.size(), 8u);
  const char* feature_ids[] = {"s1", "s2", "s3", "s4"};
  for (Index f = 0; f < 4; ++f) {
    const Entity& feature = result.entities[static_cast<std::size_t>(f)];
    EXPECT_EQ(feature.kind, EntityKind::kFeature);
    EXPECT_EQ(feature.id, feature_ids[f]);
    EXPECT_EQ(feature.level, 0);
    EXPECT_EQ(feature.neurons, Neurons{f});
    EXPECT_EQ(feature.replaced_neurons, Neurons{f});
    EXPECT_TRUE(feature.input_neurons.empty());
  }
  const Entity& gene_a = result.entities[4];
  EXPECT_EQ(gene_a.kind, EntityKind::kGene);
  EXPECT_EQ(gene_a.id, "gA");
  EXPECT_EQ(gene_a.level, 1);
  EXPECT_EQ(gene_a.neurons, Neurons{4});
  EXPECT_EQ(gene_a.replaced_neurons, (Neurons{0, 1}));
  EXPECT_EQ(result.entities[5].id, "gB");
  EXPECT_EQ(result.entities[5].replaced_neurons, (Neurons{1, 2}));
  EXPECT_EQ(result.entities[6].id, "gC");
  EXPECT_EQ(result.entities[6].neurons, Neurons{6});
  EXPECT_EQ(result.entities[6].replaced_neurons, Neurons{3});

  const Entity& term = result.entities[7];
  EXPECT_EQ(term.kind, EntityKind::kTerm);
  EXPECT_EQ(term.id, "T");
  EXPECT_EQ(term.name, "a hand-made term");
  EXPECT_EQ(term.level, 2);
  EXPECT_EQ(term.neurons, Neurons{7});
  EXPECT_EQ(term.replaced_neurons, Neurons{7});
  EXPECT_EQ(term.input_neurons, (Neurons{4, 5}));
  // No entity for the output block or for feature_genes' gZ.
  for (const Entity& entity : result.entities) EXPECT_NE(entity.id, "gZ");
}

// Without gene neurons (the tanh net: x1, x2 feed H1 and H2 directly), a gene is the set of input
// features that name it in EntityNaming::feature_genes: x1 -> G1, x2 -> G1 and G2. Genes come in
// name order, after the features and before the terms; a term without a name has an empty one.
TEST(NetworkEntities, DrugCellGenesAreTheirInputFeaturesSummed) {
  const Model<float> model = test::tanh_net();
  EntityNaming naming;
  naming.feature_genes["x2"] = {"G2", "G1"};
  naming.feature_genes["x1"] = {"G1"};
  naming.feature_genes["not_a_feature"] = {"G3"};
  naming.term_names["H2"] = "second hidden";
  const NetworkEntities result = network_entities(model.spec(), naming);
  EXPECT_NE(result.gene_rule.find("sum over the input features"), std::string::npos)
      << result.gene_rule;

  ASSERT_EQ(result.entities.size(), 6u);
  EXPECT_EQ(result.entities[0].id, "x1");
  EXPECT_EQ(result.entities[1].id, "x2");
  const Entity& g1 = result.entities[2];
  EXPECT_EQ(g1.kind, EntityKind::kGene);
  EXPECT_EQ(g1.id, "G1");
  EXPECT_EQ(g1.level, 0);
  EXPECT_EQ(g1.neurons, (Neurons{0, 1}));
  EXPECT_EQ(g1.replaced_neurons, (Neurons{0, 1}));
  const Entity& g2 = result.entities[3];
  EXPECT_EQ(g2.id, "G2");
  EXPECT_EQ(g2.neurons, Neurons{1});
  const Entity& h1 = result.entities[4];
  EXPECT_EQ(h1.kind, EntityKind::kTerm);
  EXPECT_EQ(h1.id, "H1");
  EXPECT_EQ(h1.name, "");
  EXPECT_EQ(h1.level, 1);
  EXPECT_EQ(h1.input_neurons, (Neurons{0, 1}));
  EXPECT_EQ(result.entities[5].name, "second hidden");
}

// DrugCell on the hand-made ontology with two channels per gene and two SNPs: genes gather every
// channel naming them (g3: g3_mut, g3_del and snp34), terms are their own neurons, and a term is
// fed by its children's neurons and its direct genes' features. Auxiliary heads are no entities.
TEST(NetworkEntities, DrugCellSpecFromTheBuilder) {
  const Ontology ontology = test::hand_made_ontology();
  const InputMap map = test::multi_channel_map();
  DCellOptions options = drugcell_preset();
  options.neurons_per_term = 2;
  const NetworkSpec spec = build_dcell_spec(ontology, map, options);
  EntityNaming naming;
  for (std::size_t f = 0; f < map.feature_ids.size(); ++f) {
    naming.feature_genes[map.feature_ids[f]] = map.feature_genes[f];
  }
  const NetworkEntities result = network_entities(spec, naming);
  // 14 features; genes g1..g6 and unknown_gene (named by snp_elsewhere); terms C D E A B R.
  ASSERT_EQ(result.entities.size(), 14u + 7u + 6u);
  EXPECT_EQ(find_entity(result, EntityKind::kGene, "g1").neurons, (Neurons{0, 1}));
  EXPECT_EQ(find_entity(result, EntityKind::kGene, "g3").neurons, (Neurons{4, 5, 12}));
  EXPECT_EQ(find_entity(result, EntityKind::kGene, "g4").replaced_neurons, (Neurons{6, 7, 12}));
  EXPECT_EQ(find_entity(result, EntityKind::kGene, "unknown_gene").neurons, Neurons{13});

  const Entity& a = find_entity(result, EntityKind::kTerm, "A");
  EXPECT_EQ(a.neurons, block_neurons(spec, NeuronKind::kTerm, "A"));
  EXPECT_EQ(a.neurons.size(), 2u);
  EXPECT_EQ(a.replaced_neurons, a.neurons);
  EXPECT_EQ(a.level, 2);  // height 1
  // A's children C and D, and its direct gene g5's channels (features 8, 9).
  EXPECT_EQ(a.input_neurons, joined({block_neurons(spec, NeuronKind::kTerm, "C"),
                                     block_neurons(spec, NeuronKind::kTerm, "D"),
                                     {8, 9}}));
  // R: children A, B, E; no direct gene.
  const Entity& r = find_entity(result, EntityKind::kTerm, "R");
  EXPECT_EQ(r.level, 3);
  EXPECT_EQ(r.input_neurons, joined({block_neurons(spec, NeuronKind::kTerm, "A"),
                                     block_neurons(spec, NeuronKind::kTerm, "B"),
                                     block_neurons(spec, NeuronKind::kTerm, "E")}));
  // C: direct genes g1 and g2 only.
  EXPECT_EQ(find_entity(result, EntityKind::kTerm, "C").input_neurons, (Neurons{0, 1, 2, 3}));
  // Every term's level is its block's stage.
  for (const Entity& entity : result.entities) {
    if (entity.kind != EntityKind::kTerm) continue;
    EXPECT_EQ(entity.level, spec.block_of_neuron(entity.neurons.front()).stage) << entity.id;
  }
}

// GenNet from the builder, two neurons per gene: a gene is its block's neurons and replaces every
// feature that feeds it; unknown_gene is not in the ontology, so it has no neuron and no entity.
TEST(NetworkEntities, GenNetSpecFromTheBuilder) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  const NetworkEntities result = network_entities(spec, EntityNaming{});
  ASSERT_EQ(result.entities.size(), 14u + 6u + 6u);
  const Entity& g3 = find_entity(result, EntityKind::kGene, "g3");
  EXPECT_EQ(g3.neurons, block_neurons(spec, NeuronKind::kGene, "g3"));
  EXPECT_EQ(g3.neurons.size(), 2u);
  EXPECT_EQ(g3.replaced_neurons, (Neurons{4, 5, 12}));
  EXPECT_EQ(g3.level, 1);
  EXPECT_EQ(find_entity(result, EntityKind::kGene, "g6").replaced_neurons, (Neurons{10, 11}));
  for (const Entity& entity : result.entities) EXPECT_NE(entity.id, "unknown_gene");
  // Term C is fed by the neurons of its genes g1 and g2.
  EXPECT_EQ(find_entity(result, EntityKind::kTerm, "C").input_neurons,
            joined({block_neurons(spec, NeuronKind::kGene, "g1"),
                    block_neurons(spec, NeuronKind::kGene, "g2")}));
}

}  // namespace
}  // namespace ontonet
