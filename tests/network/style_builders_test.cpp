#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

#include "network_fixtures.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"

namespace ontonet {
namespace {

const NeuronBlock& find_block(const NetworkSpec& spec, NeuronKind kind, const std::string& entity) {
  const auto found =
      std::find_if(spec.blocks.begin(), spec.blocks.end(),
                   [&](const NeuronBlock& b) { return b.kind == kind && b.entity == entity; });
  EXPECT_NE(found, spec.blocks.end()) << entity;
  return *found;
}

// Entities of the blocks feeding any neuron of `block`, as "kind:entity".
std::set<std::string> sources_of(const NetworkSpec& spec, const NeuronBlock& block) {
  std::set<std::string> sources;
  for (const NeuronEdge& edge : spec.edges) {
    if (edge.to < block.first_neuron || edge.to >= block.first_neuron + block.n_neurons) continue;
    const NeuronBlock& source = spec.block_of_neuron(edge.from);
    sources.insert(std::string(neuron_kind_name(source.kind)) + ":" + source.entity);
  }
  return sources;
}

Index in_degree(const NetworkSpec& spec, Index neuron) {
  return std::count_if(spec.edges.begin(), spec.edges.end(),
                       [&](const NeuronEdge& e) { return e.to == neuron; });
}

TEST(GenNetStyle, WiresFeaturesGenesDirectAnnotationsAndTermsAcrossHeights) {
  GenNetOptions options;
  options.neurons_per_gene = 2;
  options.neurons_per_term = 3;
  SpecBuildReport report;
  const NetworkSpec spec =
      build_gennet_spec(test::hand_made_ontology(), test::multi_channel_map(), options, &report);
  EXPECT_NO_THROW(validate_network_spec(spec));
  EXPECT_EQ(spec.n_inputs(), 14);
  EXPECT_EQ(report.features_without_genes, 1);  // snp_elsewhere
  EXPECT_EQ(report.genes_without_features, 0);

  const NeuronBlock& g3 = find_block(spec, NeuronKind::kGene, "g3");
  EXPECT_EQ(g3.n_neurons, 2);
  EXPECT_EQ(g3.stage, 1);
  EXPECT_EQ(sources_of(spec, g3),
            (std::set<std::string>{"input:g3_mut", "input:g3_del", "input:snp34"}));
  // Direct annotations only: A gets g5 and its children, not C's genes g1 and g2.
  const NeuronBlock& a = find_block(spec, NeuronKind::kTerm, "A");
  EXPECT_EQ(a.stage, 3);
  EXPECT_EQ(sources_of(spec, a), (std::set<std::string>{"gene:g5", "term:C", "term:D"}));
  // R (height 2) takes E (height 0) directly, with no copy neuron in between.
  const NeuronBlock& r = find_block(spec, NeuronKind::kTerm, "R");
  EXPECT_EQ(r.stage, 4);
  EXPECT_EQ(sources_of(spec, r), (std::set<std::string>{"term:A", "term:B", "term:E"}));
  const NeuronLabel label = spec.label(a.first_neuron + 2);
  EXPECT_EQ(label.kind, NeuronKind::kTerm);
  EXPECT_EQ(label.entity, "A");
  EXPECT_EQ(label.unit, 2);
  // Every neuron of A sees every neuron of g5, C and D: 2 + 3 + 3.
  EXPECT_EQ(in_degree(spec, a.first_neuron + 2), 8);

  const NeuronBlock& output = find_block(spec, NeuronKind::kOutput, "output");
  EXPECT_EQ(output.stage, 5);
  EXPECT_EQ(output.settings.activation, Activation::kIdentity);
  EXPECT_EQ(sources_of(spec, output), (std::set<std::string>{"term:R"}));
  EXPECT_EQ(r.settings.activation, Activation::kTanh);
  EXPECT_FALSE(r.settings.batch_norm);
}

TEST(GenNetStyle, WithoutTermsFeedsEveryMappedGeneToTheOutput) {
  const NetworkSpec spec =
      build_gennet_spec(Ontology(), test::multi_channel_map(), GenNetOptions{});
  EXPECT_NO_THROW(validate_network_spec(spec));
  const NeuronBlock& g3 = find_block(spec, NeuronKind::kGene, "g3");
  EXPECT_EQ(sources_of(spec, g3),
            (std::set<std::string>{"input:g3_mut", "input:g3_del", "input:snp34"}));
  // Six hand-made genes and the gene only snp_elsewhere names; no term.
  EXPECT_EQ(std::count_if(spec.blocks.begin(), spec.blocks.end(),
                          [](const NeuronBlock& b) { return b.kind == NeuronKind::kGene; }),
            7);
  EXPECT_EQ(sources_of(spec, find_block(spec, NeuronKind::kOutput, "output")),
            (std::set<std::string>{"gene:g1", "gene:g2", "gene:g3", "gene:g4", "gene:g5", "gene:g6",
                                   "gene:unknown_gene"}));
}

TEST(DCellStyle, FeedsTermsFromChildrenAndEveryChannelOfDirectGenes) {
  const DCellOptions options = drugcell_preset();
  const NetworkSpec spec =
      build_dcell_spec(test::hand_made_ontology(), test::multi_channel_map(), options);
  EXPECT_NO_THROW(validate_network_spec(spec));
  const NeuronBlock& d = find_block(spec, NeuronKind::kTerm, "D");
  EXPECT_EQ(d.stage, 1);
  EXPECT_EQ(d.n_neurons, 6);
  EXPECT_TRUE(d.settings.batch_norm);
  EXPECT_EQ(sources_of(spec, d),
            (std::set<std::string>{"input:g3_mut", "input:g3_del", "input:g4_mut", "input:g4_del",
                                   "input:snp34"}));
  // snp34 feeds two of D's genes but is one edge per neuron: 5 sources.
  EXPECT_EQ(in_degree(spec, d.first_neuron), 5);
  const NeuronBlock& a = find_block(spec, NeuronKind::kTerm, "A");
  EXPECT_EQ(a.stage, 2);
  EXPECT_EQ(sources_of(spec, a),
            (std::set<std::string>{"input:g5_mut", "input:g5_del", "term:C", "term:D"}));
  EXPECT_EQ(in_degree(spec, a.first_neuron), 2 + 6 + 6);
}

TEST(DCellStyle, AddsTwoLayerAuxiliaryHeadPerTermAboveTheOutput) {
  const NetworkSpec spec = build_dcell_spec(
      test::hand_made_ontology(), test::gene_identity_map({"g1", "g2", "g3", "g4", "g5", "g6"}),
      drugcell_preset());
  EXPECT_DOUBLE_EQ(spec.aux_loss_weight, 0.2);
  const NeuronBlock& output = find_block(spec, NeuronKind::kOutput, "output");
  for (const char* term : {"C", "D", "E", "A", "B", "R"}) {
    const NeuronBlock& hidden = find_block(spec, NeuronKind::kAuxiliaryHidden, term);
    const NeuronBlock& head = find_block(spec, NeuronKind::kAuxiliaryOutput, term);
    EXPECT_EQ(hidden.stage, output.stage + 1);
    EXPECT_EQ(head.stage, output.stage + 2);
    EXPECT_EQ(hidden.settings.activation, Activation::kTanh);
    EXPECT_EQ(head.settings.activation, Activation::kIdentity);
    EXPECT_EQ(sources_of(spec, hidden), (std::set<std::string>{std::string("term:") + term}));
    EXPECT_EQ(sources_of(spec, head),
              (std::set<std::string>{std::string("auxiliary_hidden:") + term}));
  }
}

TEST(DCellStyle, SizesTermsByTheDCellRuleOnPropagatedGenes) {
  DCellOptions options = dcell_preset();
  options.min_neurons_per_term = 2;
  options.neurons_per_gene_ratio = 0.5;
  const NetworkSpec spec =
      build_dcell_spec(test::hand_made_ontology(),
                       test::gene_identity_map({"g1", "g2", "g3", "g4", "g5", "g6"}), options);
  // R holds all 6 genes: ceil(0.5 * 6) = 3; C holds 2: max(2, 1) = 2; A holds g1..g5: 3.
  EXPECT_EQ(find_block(spec, NeuronKind::kTerm, "R").n_neurons, 3);
  EXPECT_EQ(find_block(spec, NeuronKind::kTerm, "C").n_neurons, 2);
  EXPECT_EQ(find_block(spec, NeuronKind::kTerm, "A").n_neurons, 3);
  EXPECT_DOUBLE_EQ(spec.aux_loss_weight, 0.3);
  options.max_neurons_per_term = 2;
  EXPECT_EQ(dcell_term_width(options, 100), 2);
}

TEST(DCellStyle, JoinsExtraBranchWithRootsAtTheOutput) {
  DCellOptions options = drugcell_preset();
  options.extra_branches.push_back({"drug", {"fp0", "fp1", "fp2"}, {4, 2}, {}});
  const NetworkSpec spec =
      build_dcell_spec(test::hand_made_ontology(),
                       test::gene_identity_map({"g1", "g2", "g3", "g4", "g5", "g6"}), options);
  EXPECT_EQ(spec.n_inputs(), 9);
  EXPECT_EQ(spec.blocks[6].entity, "fp0");  // branch columns follow the input map's
  const NeuronBlock& layer1 = find_block(spec, NeuronKind::kExtraBranch, "drug/1");
  EXPECT_EQ(sources_of(spec, layer1),
            (std::set<std::string>{"input:fp0", "input:fp1", "input:fp2"}));
  const NeuronBlock& layer2 = find_block(spec, NeuronKind::kExtraBranch, "drug/2");
  EXPECT_EQ(layer2.stage, 2);
  EXPECT_EQ(sources_of(spec, find_block(spec, NeuronKind::kOutput, "output")),
            (std::set<std::string>{"term:R", "extra_branch:drug/2"}));
}

TEST(StyleBuilders, RejectBadOptionsAndRepeatedFeatures) {
  const Ontology ontology = test::hand_made_ontology();
  GenNetOptions gennet;
  gennet.neurons_per_term = 0;
  EXPECT_THROW(build_gennet_spec(ontology, test::multi_channel_map(), gennet), ConfigError);
  InputMap repeated = test::gene_identity_map({"g1", "g1"});
  EXPECT_THROW(build_dcell_spec(ontology, repeated, drugcell_preset()), ConfigError);
  DCellOptions clash = drugcell_preset();
  clash.extra_branches.push_back({"drug", {"g1"}, {2}, {}});
  EXPECT_THROW(build_dcell_spec(ontology, test::gene_identity_map({"g1"}), clash), ConfigError);
}

TEST(StyleBuilders, RejectTheRepeatAScanInMapOrderMeetsFirstAmongManyFeatures) {
  // Enough features that the ID index probes past collisions. s48000 is repeated first in map
  // order (at 20,000), but a scan meets the copy of s30000 (at 40,000) before the second s48000.
  InputMap map;
  for (int f = 0; f < 50000; ++f) {
    map.feature_ids.push_back("s" + std::to_string(f));
    map.feature_genes.push_back({"g" + std::to_string(1 + f % 6)});
  }
  map.feature_ids[20000] = "s48000";
  map.feature_ids[40000] = "s30000";
  for (const bool dcell : {false, true}) {
    try {
      if (dcell) {
        build_dcell_spec(test::hand_made_ontology(), map, drugcell_preset());
      } else {
        build_gennet_spec(test::hand_made_ontology(), map, GenNetOptions{});
      }
      FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), "input_map.feature_ids");
      EXPECT_NE(std::string(error.what()).find("feature ID 's30000' appears twice"),
                std::string::npos)
          << error.what();
    }
  }
}

TEST(StyleBuilders, DrugCellOntologyGivesOneTermBlockPerTermInLevelOrder) {
  const Ontology& ontology = test::drugcell_ontology();
  const NetworkSpec spec = build_dcell_spec(
      ontology, test::gene_identity_map(ontology.gene_symbols()), drugcell_preset());
  EXPECT_NO_THROW(validate_network_spec(spec));
  EXPECT_EQ(spec.n_inputs(), 3008);
  const auto n_terms =
      std::count_if(spec.blocks.begin(), spec.blocks.end(),
                    [](const NeuronBlock& b) { return b.kind == NeuronKind::kTerm; });
  EXPECT_EQ(static_cast<std::size_t>(n_terms), ontology.n_terms());
  EXPECT_EQ(spec.n_neurons(), 3008 + 6 * static_cast<Index>(ontology.n_terms()) +
                                  2 * static_cast<Index>(ontology.n_terms()) + 1);
}

}  // namespace
}  // namespace ontonet
