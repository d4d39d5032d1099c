#include "ontonet/ontology/ontology_builder.hpp"

#include <gtest/gtest.h>

#include <string>

#include "hand_made_records.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::annotation_at;
using test::dag_records;
using test::edge_at;
using test::term_at;

std::string ids_of(const Ontology& ontology, const std::vector<TermIndex>& terms) {
  std::string text;
  for (const TermIndex term : terms) text += (text.empty() ? "" : " ") + ontology.term(term).id;
  return text;
}

// The message of the InputError that building `records` throws, or "" when it does not throw.
std::string build_error(const OntologyRecords& records, const OntologyBuildOptions& options = {}) {
  BuildReport report;
  try {
    build_ontology(records, options, report);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(OntologyBuilder, BuildsDiamondWithChildrenAndParents) {
  // D is_a B, D is_a C, B is_a A, C is_a A.
  OntologyRecords records =
      dag_records({"A", "B", "C", "D"}, {{"B", "A"}, {"C", "A"}, {"D", "B"}, {"D", "C"}});
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  ASSERT_EQ(ontology.n_terms(), 4u);
  EXPECT_EQ(ontology.n_edges(), 4u);
  const TermIndex a = *ontology.find_term("A");
  const TermIndex d = *ontology.find_term("D");
  EXPECT_EQ(ids_of(ontology, ontology.children(a)), "B C");
  EXPECT_EQ(ids_of(ontology, ontology.parents(d)), "B C");
  EXPECT_EQ(ids_of(ontology, ontology.roots()), "A");
  EXPECT_EQ(ids_of(ontology, ontology.leaves()), "D");
  EXPECT_EQ(report.roots, std::vector<std::string>{"A"});
  // Children first: D before B and C, which come before A.
  const auto& order = ontology.children_first_order();
  EXPECT_EQ(order.front(), d);
  EXPECT_EQ(order.back(), a);
  EXPECT_EQ(boost::num_edges(ontology.graph()), 4u);
}

TEST(OntologyBuilder, KeepsTermFieldsAndResolvesAltIds) {
  OntologyRecords records;
  TermRecord parent = term_at("GO:1", 1, "biological_process");
  parent.name_space = "biological_process";
  TermRecord child = term_at("GO:2", 8, "child process");
  child.alt_ids = {"GO:20", "GO:21"};
  records.terms = {parent, child};
  records.edges = {edge_at("GO:21", "GO:1", 9, "part_of")};
  records.annotations = {annotation_at("GO:20", "TP53")};
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  const TermIndex found = *ontology.find_term("GO:20");
  EXPECT_EQ(ontology.term(found).id, "GO:2");
  EXPECT_EQ(ontology.term(found).name, "child process");
  EXPECT_EQ(ontology.term(found).location.line, 8u);
  EXPECT_EQ(ontology.term(*ontology.find_term("GO:1")).name_space, "biological_process");
  EXPECT_FALSE(ontology.find_term("GO:3").has_value());
  EXPECT_EQ(ontology.edge_counts_by_relation(),
            (std::map<std::string, std::size_t>{{"part_of", 1}}));
  ASSERT_EQ(ontology.direct_genes(found).size(), 1u);
  EXPECT_EQ(ontology.gene_symbol(ontology.direct_genes(found)[0]), "TP53");
}

TEST(OntologyBuilder, RejectsDuplicateTermIdNamingBothLines) {
  OntologyRecords records = dag_records({"GO:1", "GO:2"}, {});
  records.terms.push_back(term_at("GO:1", 12));
  EXPECT_EQ(build_error(records),
            "hand.obo:12: duplicate term ID GO:1 (first declared at hand.obo:1)");
}

TEST(OntologyBuilder, RejectsAltIdThatIsAnotherTermsId) {
  OntologyRecords records = dag_records({"GO:1"}, {});
  TermRecord second = term_at("GO:2", 4);
  second.alt_ids = {"GO:1"};
  records.terms.push_back(second);
  EXPECT_EQ(build_error(records),
            "hand.obo:4: alt_id GO:1 of GO:2 is already used (first declared at hand.obo:1)");
}

TEST(OntologyBuilder, RejectsCycleAndPrintsPath) {
  // Lines 1-4 declare the terms, the edges sit on lines 5-8; C -> A on line 7 closes the cycle.
  OntologyRecords records =
      dag_records({"A", "B", "C", "D"}, {{"A", "B"}, {"B", "C"}, {"C", "A"}, {"D", "A"}});
  BuildReport report;
  try {
    build_ontology(records, {}, report);
    FAIL() << "a cycle must be rejected";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), "hand.obo:7: cycle: A -> B -> C -> A");
    EXPECT_EQ(error.line(), 7u);
    EXPECT_EQ(error.file(), "hand.obo");
  }
}

TEST(OntologyBuilder, RejectsSelfLoopAsCycle) {
  OntologyRecords records = dag_records({"A", "B"}, {{"B", "A"}, {"B", "B"}});
  EXPECT_EQ(build_error(records), "hand.obo:4: cycle: B -> B");
}

TEST(OntologyBuilder, FindsCycleAtTheEndOfAVeryDeepChain) {
  // 100,000 terms in one chain: a recursive search would overflow the stack.
  constexpr std::size_t kDepth = 100000;
  OntologyRecords records;
  for (std::size_t i = 0; i < kDepth; ++i)
    records.terms.push_back(term_at("T" + std::to_string(i), i + 1));
  for (std::size_t i = 0; i + 1 < kDepth; ++i) {
    records.edges.push_back(
        edge_at("T" + std::to_string(i), "T" + std::to_string(i + 1), kDepth + i + 1));
  }
  BuildReport report;
  const Ontology chain = build_ontology(records, {}, report);
  EXPECT_EQ(chain.height(*chain.find_term("T" + std::to_string(kDepth - 1))), kDepth - 1);

  records.edges.push_back(
      edge_at("T" + std::to_string(kDepth - 1), "T" + std::to_string(kDepth - 3), 999999));
  const std::string last = "T" + std::to_string(kDepth - 1);
  const std::string before_last = "T" + std::to_string(kDepth - 2);
  const std::string third_last = "T" + std::to_string(kDepth - 3);
  EXPECT_EQ(build_error(records), "hand.obo:999999: cycle: " + third_last + " -> " + before_last +
                                      " -> " + last + " -> " + third_last);
}

TEST(OntologyBuilder, RejectsEdgeToUndeclaredParentWithLine) {
  OntologyRecords records = dag_records({"A", "B"}, {{"B", "A"}, {"B", "Z"}});
  EXPECT_EQ(build_error(records), "hand.obo:4: edge B -> Z names undeclared term Z");
}

TEST(OntologyBuilder, DropsAndCountsDanglingEdgesWhenAsked) {
  OntologyRecords records = dag_records({"A", "B"}, {{"B", "A"}, {"B", "Z"}, {"Y", "A"}});
  OntologyBuildOptions options;
  options.drop_dangling_edges = true;
  BuildReport report;
  const Ontology ontology = build_ontology(records, options, report);
  EXPECT_EQ(ontology.n_edges(), 1u);
  EXPECT_EQ(report.dropped.at("edges naming terms not in the ontology"), 2u);
}

TEST(OntologyBuilder, CollapsesRepeatedEdgesKeepingTheFirstRelation) {
  OntologyRecords records = dag_records({"A", "B"}, {});
  records.edges = {edge_at("B", "A", 3, "part_of"), edge_at("B", "A", 4, "is_a"),
                   edge_at("B", "A", 5, "part_of")};
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  ASSERT_EQ(ontology.n_edges(), 1u);
  EXPECT_EQ(ontology.relation_name(ontology.edges()[0].relation), "part_of");
  EXPECT_EQ(report.dropped.at("repeated edges (same child and parent)"), 2u);
}

TEST(OntologyBuilder, CountsAnnotationsToUnknownTermsWithoutFailing) {
  OntologyRecords records = dag_records({"A", "B"}, {{"B", "A"}});
  records.annotations = {annotation_at("B", "G1", 1), annotation_at("X", "G2", 2),
                         annotation_at("Y", "G1", 3), annotation_at("B", "G1", 4)};
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  EXPECT_EQ(report.dropped.at("annotations to terms not in the ontology"), 2u);
  EXPECT_EQ(report.dropped.at("repeated annotations (same gene and term)"), 1u);
  // G2 only appears with an unknown term, so it is not interned.
  EXPECT_EQ(ontology.n_genes(), 1u);
  EXPECT_FALSE(ontology.find_gene("G2").has_value());
  EXPECT_EQ(ontology.n_direct_annotations(), 1u);
}

TEST(OntologyBuilder, ListsSeveralRootsWhenNotJoined) {
  OntologyRecords records = dag_records({"R1", "R2", "C"}, {{"C", "R1"}});
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  EXPECT_EQ(report.roots, (std::vector<std::string>{"R1", "R2"}));
  EXPECT_EQ(ontology.n_terms(), 3u);
  ASSERT_FALSE(report.notes.empty());
  EXPECT_EQ(report.notes.back(), "2 roots; join_roots would join them under one synthetic root");
}

TEST(OntologyBuilder, JoinsSeveralRootsUnderSyntheticRoot) {
  OntologyRecords records = dag_records({"R1", "R2", "C"}, {{"C", "R1"}});
  OntologyBuildOptions options;
  options.join_roots = true;
  options.synthetic_root_id = "TOP";
  BuildReport report;
  const Ontology ontology = build_ontology(records, options, report);
  ASSERT_EQ(ontology.n_terms(), 4u);
  const TermIndex top = *ontology.find_term("TOP");
  EXPECT_EQ(ids_of(ontology, ontology.children(top)), "R1 R2");
  EXPECT_EQ(ids_of(ontology, ontology.roots()), "TOP");
  EXPECT_EQ(report.roots, std::vector<std::string>{"TOP"});
  EXPECT_EQ(ontology.edge_counts_by_relation().at(kSyntheticRootRelation), 2u);
  EXPECT_EQ(ontology.depth(*ontology.find_term("C")), 2u);
  ASSERT_FALSE(report.notes.empty());
  EXPECT_EQ(report.notes.back(), "joined 2 roots under synthetic root TOP: R1, R2");
}

TEST(OntologyBuilder, LeavesASingleRootAloneWhenJoining) {
  OntologyRecords records = dag_records({"R", "C"}, {{"C", "R"}});
  OntologyBuildOptions options;
  options.join_roots = true;
  BuildReport report;
  const Ontology ontology = build_ontology(records, options, report);
  EXPECT_EQ(ontology.n_terms(), 2u);
  EXPECT_FALSE(ontology.find_term("ROOT").has_value());
}

TEST(OntologyBuilder, RejectsSyntheticRootIdThatIsATerm) {
  OntologyRecords records = dag_records({"ROOT", "R2"}, {});
  OntologyBuildOptions options;
  options.join_roots = true;
  BuildReport report;
  EXPECT_THROW(build_ontology(records, options, report), ConfigError);
}

TEST(OntologyBuilder, MergesReaderDropCountsAndNotes) {
  OntologyRecords records = dag_records({"A"}, {});
  records.dropped["obsolete terms"] = 3;
  records.dropped["annotations to terms not in the ontology"] = 1;
  records.notes.push_back("unknown relation 'foo' ignored (2 lines)");
  records.annotations = {annotation_at("Q", "G")};
  BuildReport report;
  build_ontology(records, {}, report);
  EXPECT_EQ(report.dropped.at("obsolete terms"), 3u);
  EXPECT_EQ(report.dropped.at("annotations to terms not in the ontology"), 2u);
  EXPECT_EQ(report.notes.front(), "unknown relation 'foo' ignored (2 lines)");
}

}  // namespace
}  // namespace ontonet
