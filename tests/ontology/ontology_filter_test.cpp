#include "ontonet/ontology/ontology_filter.hpp"

#include <gtest/gtest.h>

#include <set>

#include "hand_made_records.hpp"
#include "ontonet/ontology/ontology_builder.hpp"

namespace ontonet {
namespace {

using test::annotation_at;
using test::dag_records;
using test::edge_at;

Ontology build(const OntologyRecords& records) {
  BuildReport report;
  return build_ontology(records, {}, report);
}

// Every edge as "child->parent:relation", sorted.
std::set<std::string> edge_set(const Ontology& ontology) {
  std::set<std::string> edges;
  for (const TermEdge& edge : ontology.edges()) {
    edges.insert(ontology.term(edge.child).id + "->" + ontology.term(edge.parent).id + ":" +
                 ontology.relation_name(edge.relation));
  }
  return edges;
}

std::set<std::string> gene_set(const Ontology& ontology, const std::vector<GeneIndex>& genes) {
  std::set<std::string> result;
  for (const GeneIndex gene : genes) result.insert(ontology.gene_symbol(gene));
  return result;
}

std::set<std::string> term_ids(const Ontology& ontology) {
  std::set<std::string> ids;
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) ids.insert(ontology.term(term).id);
  return ids;
}

TEST(OntologyFilter, DropsAnnotationsToGenesOutsideTheGeneList) {
  OntologyRecords records = dag_records({"A", "B"}, {{"B", "A"}});
  records.annotations = {annotation_at("B", "G1"), annotation_at("B", "G2"),
                         annotation_at("A", "G3"), annotation_at("A", "G1")};
  OntologyFilter filter;
  filter.gene_universe = std::vector<std::string>{"G1", "G3", "G9"};
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(report.dropped.at("annotations to genes not in the gene list"), 1u);
  EXPECT_EQ(filtered.n_genes(), 2u);
  EXPECT_FALSE(filtered.find_gene("G2").has_value());
  EXPECT_EQ(gene_set(filtered, filtered.genes(*filtered.find_term("A"))),
            (std::set<std::string>{"G1", "G3"}));
  EXPECT_EQ(report.notes.front(), "1 of 3 genes in the gene list are not annotated to any term");
}

TEST(OntologyFilter, RemovesSmallTermsAndMovesTheirGenesUp) {
  // A has children B (2 genes with its child C) and D (3 genes).
  OntologyRecords records = dag_records({"A", "B", "C", "D"}, {{"B", "A"}, {"C", "B"}, {"D", "A"}});
  records.annotations = {annotation_at("B", "G1"), annotation_at("C", "G2"),
                         annotation_at("D", "G3"), annotation_at("D", "G4"),
                         annotation_at("D", "G5")};
  OntologyFilter filter;
  filter.min_genes = 3;
  FilterReport report;
  const Ontology original = build(records);
  const Ontology filtered = apply_filter(original, filter, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"A", "D"}));
  EXPECT_EQ(edge_set(filtered), (std::set<std::string>{"D->A:is_a"}));
  EXPECT_EQ(report.dropped.at("terms with fewer than min_genes genes"), 2u);
  const TermIndex a = *filtered.find_term("A");
  EXPECT_EQ(gene_set(filtered, filtered.direct_genes(a)), (std::set<std::string>{"G1", "G2"}));
  EXPECT_EQ(filtered.genes(a).size(), original.genes(*original.find_term("A")).size());
}

TEST(OntologyFilter, RemovesLargeTermsAndReconnectsTheirChildren) {
  // R -> {M1, M2}; M1 -> {C1, C2}; M2 -> {C2, C3}. With max_genes = 3, R (6 genes) and M1
  // (4 genes) go; M2 (2 genes) stays. C1 and C2 lose M1 and R, so C1 becomes a root and C2 keeps
  // only M2.
  OntologyRecords records = dag_records(
      {"R", "M1", "M2", "C1", "C2", "C3"},
      {{"M1", "R"}, {"M2", "R"}, {"C1", "M1"}, {"C2", "M1"}, {"C2", "M2"}, {"C3", "M2"}});
  records.annotations = {annotation_at("C1", "G1"), annotation_at("C1", "G2"),
                         annotation_at("C2", "G3"), annotation_at("C3", "G4"),
                         annotation_at("M1", "G5"), annotation_at("R", "G6")};
  OntologyFilter filter;
  filter.max_genes = 3;
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"M2", "C1", "C2", "C3"}));
  EXPECT_EQ(edge_set(filtered), (std::set<std::string>{"C2->M2:is_a", "C3->M2:is_a"}));
  EXPECT_EQ(report.dropped.at("terms with more than max_genes genes"), 2u);
  // G5 (on M1) moved to R, then R had no parent left: G5 and G6 are lost.
  EXPECT_EQ(report.dropped.at("annotations to removed terms with no remaining parent"), 2u);
  EXPECT_FALSE(filtered.find_gene("G5").has_value());
  EXPECT_EQ(gene_set(filtered, filtered.genes(*filtered.find_term("M2"))),
            (std::set<std::string>{"G3", "G4"}));
}

TEST(OntologyFilter, CollapsesARedundantParentIntoItsOnlyChild) {
  // P's only child is C and P adds no gene of its own, so C takes P's place under R1 and R2.
  // C already had R2 as a parent: that edge stays once, with its own relation.
  OntologyRecords records = dag_records({"R1", "R2", "P", "C", "X"}, {});
  records.edges = {edge_at("P", "R1", 6, "is_a"), edge_at("P", "R2", 7, "is_a"),
                   edge_at("C", "P", 8, "part_of"), edge_at("C", "R2", 9, "regulates"),
                   edge_at("X", "R1", 10, "is_a")};
  records.annotations = {annotation_at("C", "G1"), annotation_at("C", "G2"),
                         annotation_at("X", "G3"), annotation_at("R2", "G4")};
  OntologyFilter filter;
  filter.collapse_redundant = true;
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"R1", "R2", "C", "X"}));
  EXPECT_EQ(edge_set(filtered),
            (std::set<std::string>{"C->R1:part_of", "C->R2:regulates", "X->R1:is_a"}));
  EXPECT_EQ(report.dropped.at("redundant terms (same genes as their only child)"), 1u);
}

TEST(OntologyFilter, KeepsAParentThatAddsGenesOfItsOwn) {
  OntologyRecords records = dag_records({"P", "C"}, {{"C", "P"}});
  records.annotations = {annotation_at("C", "G1"), annotation_at("P", "G2")};
  OntologyFilter filter;
  filter.collapse_redundant = true;
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(filtered.n_terms(), 2u);
  EXPECT_EQ(report.dropped.count("redundant terms (same genes as their only child)"), 0u);
}

TEST(OntologyFilter, RepeatsCollapseWhenAParentIsLeftWithOneChild) {
  // G has children P and C; P's only child is C. Once P collapses, G's only child is C, with the
  // same genes, so G collapses too and C ends up a root.
  OntologyRecords records = dag_records({"G", "P", "C"}, {{"P", "G"}, {"C", "G"}, {"C", "P"}});
  records.annotations = {annotation_at("C", "G1")};
  OntologyFilter filter;
  filter.collapse_redundant = true;
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"C"}));
  EXPECT_TRUE(filtered.edges().empty());
  EXPECT_EQ(report.dropped.at("redundant terms (same genes as their only child)"), 2u);
}

TEST(OntologyFilter, PrunesTermsWithoutGenes) {
  OntologyRecords records = dag_records({"A", "B", "E", "F"}, {{"B", "A"}, {"E", "A"}, {"F", "E"}});
  records.annotations = {annotation_at("B", "G1")};
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), OntologyFilter{}, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"A", "B"}));
  EXPECT_EQ(report.dropped.at("terms with no genes"), 2u);

  OntologyFilter keep_empty;
  keep_empty.prune_empty = false;
  FilterReport keep_report;
  EXPECT_EQ(apply_filter(build(records), keep_empty, keep_report).n_terms(), 4u);
  EXPECT_TRUE(keep_report.dropped.empty());
}

TEST(OntologyFilter, PrunesTermsLeftEmptyByTheGeneList) {
  OntologyRecords records = dag_records({"A", "B", "C"}, {{"B", "A"}, {"C", "A"}});
  records.annotations = {annotation_at("B", "G1"), annotation_at("C", "G2")};
  OntologyFilter filter;
  filter.gene_universe = std::vector<std::string>{"G1"};
  FilterReport report;
  const Ontology filtered = apply_filter(build(records), filter, report);
  EXPECT_EQ(term_ids(filtered), (std::set<std::string>{"A", "B"}));
  EXPECT_EQ(report.dropped.at("terms with no genes"), 1u);
  EXPECT_EQ(report.notes.back(), "kept 2 of 3 terms and 1 of 2 genes");
}

}  // namespace
}  // namespace ontonet
