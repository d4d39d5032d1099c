#include "ontonet/ontology/propagation.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "hand_made_records.hpp"
#include "ontonet/ontology/ontology_builder.hpp"

namespace ontonet {
namespace {

using test::annotation_at;
using test::dag_records;

std::set<std::string> symbols(const Ontology& ontology, const std::vector<GeneIndex>& genes) {
  std::set<std::string> result;
  for (const GeneIndex gene : genes) result.insert(ontology.gene_symbol(gene));
  return result;
}

TEST(Propagation, CountsAGeneReachedThroughBothSidesOfADiamondOnce) {
  OntologyRecords records =
      dag_records({"A", "B", "C", "D"}, {{"B", "A"}, {"C", "A"}, {"D", "B"}, {"D", "C"}});
  records.annotations = {annotation_at("D", "G1"), annotation_at("B", "G2"),
                         annotation_at("C", "G3"), annotation_at("A", "G1")};
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  const TermIndex a = *ontology.find_term("A");
  EXPECT_EQ(ontology.genes(a).size(), 3u);
  EXPECT_EQ(symbols(ontology, ontology.genes(a)), (std::set<std::string>{"G1", "G2", "G3"}));
  EXPECT_EQ(symbols(ontology, ontology.genes(*ontology.find_term("B"))),
            (std::set<std::string>{"G1", "G2"}));
  EXPECT_EQ(symbols(ontology, ontology.genes(*ontology.find_term("D"))),
            (std::set<std::string>{"G1"}));
  EXPECT_EQ(symbols(ontology, ontology.direct_genes(a)), (std::set<std::string>{"G1"}));
  EXPECT_TRUE(std::is_sorted(ontology.genes(a).begin(), ontology.genes(a).end()));
}

TEST(Propagation, PassesGenesUpAChain) {
  OntologyRecords records = dag_records({"A", "B", "C"}, {{"B", "A"}, {"C", "B"}});
  records.annotations = {annotation_at("C", "G1")};
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  for (const char* id : {"A", "B", "C"}) {
    EXPECT_EQ(ontology.genes(*ontology.find_term(id)).size(), 1u) << id;
  }
  EXPECT_TRUE(ontology.direct_genes(*ontology.find_term("A")).empty());
}

// Random DAGs: an edge may only go from a higher to a lower term index, so every graph is
// acyclic. Propagation must equal, term by term, the union of direct genes over every term
// reachable by walking down children, computed here by a plain graph search.
TEST(Propagation, EqualsBruteForceReachabilityOnRandomDags) {
  std::mt19937 random(20240611);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n_terms = 1 + random() % 60;
    const std::size_t n_genes = 1 + random() % 40;
    std::vector<std::string> ids;
    for (std::size_t t = 0; t < n_terms; ++t) ids.push_back("T" + std::to_string(t));
    std::vector<std::pair<std::string, std::string>> edges;
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    const double edge_probability = coin(random) * 0.3;
    for (std::size_t child = 1; child < n_terms; ++child) {
      for (std::size_t parent = 0; parent < child; ++parent) {
        if (coin(random) < edge_probability) edges.emplace_back(ids[child], ids[parent]);
      }
    }
    OntologyRecords records = dag_records(ids, edges);
    const std::size_t n_annotations = random() % (3 * n_terms);
    for (std::size_t i = 0; i < n_annotations; ++i) {
      records.annotations.push_back(
          annotation_at(ids[random() % n_terms], "G" + std::to_string(random() % n_genes)));
    }
    BuildReport report;
    const Ontology ontology = build_ontology(records, {}, report);

    for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
      std::vector<bool> reached(ontology.n_terms(), false);
      std::vector<TermIndex> to_visit{term};
      reached[term] = true;
      std::set<GeneIndex> expected;
      while (!to_visit.empty()) {
        const TermIndex next = to_visit.back();
        to_visit.pop_back();
        expected.insert(ontology.direct_genes(next).begin(), ontology.direct_genes(next).end());
        for (const TermIndex child : ontology.children(next)) {
          if (!reached[child]) {
            reached[child] = true;
            to_visit.push_back(child);
          }
        }
      }
      const std::vector<GeneIndex> expected_sorted(expected.begin(), expected.end());
      ASSERT_EQ(ontology.genes(term), expected_sorted) << "trial " << trial << " term " << term;
    }
  }
}

TEST(Propagation, WorksOnTheGraphDirectly) {
  TermGraph graph(3);
  boost::add_edge(1, 0, graph);
  boost::add_edge(2, 0, graph);
  const auto order = children_first_order(graph);
  ASSERT_TRUE(order.has_value());
  const auto genes = propagate_genes(graph, *order, {{}, {0, 2}, {2, 1}}, 3);
  EXPECT_EQ(genes[0], (std::vector<GeneIndex>{0, 1, 2}));
  EXPECT_EQ(genes[2], (std::vector<GeneIndex>{1, 2}));
}

}  // namespace
}  // namespace ontonet
