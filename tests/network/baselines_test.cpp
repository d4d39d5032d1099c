#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "network_fixtures.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"

namespace ontonet {
namespace {

NetworkSpec drugcell_spec() {
  const Ontology& ontology = test::drugcell_ontology();
  return build_dcell_spec(ontology, test::gene_identity_map(ontology.gene_symbols()),
                          drugcell_preset());
}

std::vector<Index> in_degrees(const NetworkSpec& spec) {
  std::vector<Index> degrees(static_cast<std::size_t>(spec.n_neurons()), 0);
  for (const NeuronEdge& edge : spec.edges) ++degrees[static_cast<std::size_t>(edge.to)];
  return degrees;
}

TEST(DenseBaseline, SameWidthMlpHasOneHiddenLayerPerTrunkStage) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.neurons_per_term = 3;
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  const DenseMlpShape shape = same_width_mlp(spec, {});
  // Stage 1: 6 genes x 2; stage 2: C, D, E x 3; stage 3: A, B x 3; stage 4: R x 3.
  EXPECT_EQ(shape.hidden_widths, (std::vector<Index>{12, 9, 6, 3}));
  EXPECT_EQ(shape.n_inputs, 14);
  EXPECT_EQ(shape.n_outputs, 1);
  const DenseMlp<float> mlp(shape, 1);
  EXPECT_EQ(mlp.n_parameters(), count_trainable_parameters(shape));
  EXPECT_EQ(count_trainable_parameters(shape), 14 * 12 + 12 + 12 * 9 + 9 + 9 * 6 + 6 + 6 * 3 + 3 + 3 + 1);
}

TEST(DenseBaseline, EqualParameterMlpIsWithinOnePercentOfDrugCell) {
  const NetworkSpec spec = drugcell_spec();
  const LayerSettings hidden{Activation::kTanh, true, NormOrder::kActivationThenNorm};
  const DenseMlpShape shape = equal_parameter_mlp(spec, hidden);
  const Index constrained = count_trainable_parameters(spec);
  const Index dense = count_trainable_parameters(shape);
  RecordProperty("constrained_parameters", std::to_string(constrained));
  RecordProperty("dense_parameters", std::to_string(dense));
  EXPECT_EQ(shape.hidden_widths.size(), same_width_mlp(spec, hidden).hidden_widths.size());
  EXPECT_LT(std::abs(static_cast<double>(dense - constrained)) / static_cast<double>(constrained),
            0.01);
  const DenseMlp<float> mlp(shape, 2);
  EXPECT_EQ(mlp.n_parameters(), dense);
}

TEST(DenseBaseline, ForwardGivesOneRowPerOutput) {
  const DenseMlpShape shape{5, {4, 3}, 2, {Activation::kTanh, true, NormOrder::kActivationThenNorm}};
  DenseMlp<double> mlp(shape, 3);
  Tape<double> tape;
  const NodeId y = mlp.forward(tape, tape.input(test::random_normal<double>(5, 4, 4)));
  EXPECT_EQ(tape.value(y).rows(), 2);
  EXPECT_EQ(tape.value(y).cols(), 4);
  EXPECT_EQ(mlp.parameters().size(), 2u * 3u + 2u * 2u);  // weights, biases; 2 batch norms
}

TEST(ShuffledWiring, KeepsEveryInDegreeAndRedrawsSources) {
  const NetworkSpec spec = drugcell_spec();
  const NetworkSpec shuffled = shuffled_wiring(spec, 7);
  EXPECT_NO_THROW(validate_network_spec(shuffled));  // sorted, distinct, climbing stages
  EXPECT_EQ(in_degrees(shuffled), in_degrees(spec));
  ASSERT_EQ(shuffled.edges.size(), spec.edges.size());
  std::size_t changed = 0;
  std::size_t changed_outside_terms = 0;
  for (std::size_t e = 0; e < spec.edges.size(); ++e) {
    if (spec.edges[e] == shuffled.edges[e]) continue;
    ++changed;
    if (spec.block_of_neuron(spec.edges[e].to).kind != NeuronKind::kTerm) ++changed_outside_terms;
  }
  EXPECT_GT(static_cast<double>(changed), 0.5 * static_cast<double>(spec.edges.size()));
  EXPECT_EQ(changed_outside_terms, 0u);  // output and auxiliary heads keep their wiring
  EXPECT_EQ(shuffled_wiring(spec, 7).edges, shuffled.edges);
  EXPECT_NE(shuffled_wiring(spec, 8).edges, shuffled.edges);
}

TEST(ShuffledWiring, DrawsOnlyFromLowerStagesAndTheKindsTheLevelUsed) {
  GenNetOptions options;
  options.extra_branches.push_back({"cov", {"age", "sex"}, {2}, {}});
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const NetworkSpec shuffled = shuffled_wiring(spec, seed);
    EXPECT_EQ(in_degrees(shuffled), in_degrees(spec));
    for (const NeuronEdge& edge : shuffled.edges) {
      const NeuronBlock& to = shuffled.block_of_neuron(edge.to);
      const NeuronBlock& from = shuffled.block_of_neuron(edge.from);
      if (to.kind == NeuronKind::kGene) {
        // Genetic inputs only: neither the covariates nor the SNP outside every gene.
        EXPECT_EQ(from.kind, NeuronKind::kInput);
        EXPECT_TRUE(from.entity != "age" && from.entity != "sex" && from.entity != "snp_elsewhere");
      }
      if (to.kind == NeuronKind::kTerm) {
        EXPECT_TRUE(from.kind == NeuronKind::kGene || from.kind == NeuronKind::kTerm);
        EXPECT_LT(from.stage, to.stage);
        if (to.stage == 2) {
          EXPECT_EQ(from.kind, NeuronKind::kGene);  // height-0 terms
        }
      }
    }
  }
}

}  // namespace
}  // namespace ontonet
