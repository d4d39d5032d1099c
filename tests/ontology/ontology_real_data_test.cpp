// The ontology stage on real files from ../shared/data, read by the io stage's readers. The
// expected figures were counted independently from the raw files (a short Python script over the
// tab-separated and OBO text), not by ontonet.
#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.hpp"
#include "ontonet/io/gaf_reader.hpp"
#include "ontonet/io/obo_reader.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/ontology/ontology_filter.hpp"
#include "ontonet/ontology/ontology_summary.hpp"

namespace ontonet {
namespace {

// The true-path rule, checked edge by edge: a parent holds every gene of each child.
void expect_parents_hold_child_genes(const Ontology& ontology) {
  for (const TermEdge& edge : ontology.edges()) {
    const auto& child = ontology.genes(edge.child);
    const auto& parent = ontology.genes(edge.parent);
    ASSERT_TRUE(std::includes(parent.begin(), parent.end(), child.begin(), child.end()))
        << ontology.term(edge.child).id << " -> " << ontology.term(edge.parent).id;
  }
}

TEST(OntologyRealData, BuildsTheDrugCellOntology) {
  const OntologyRecords records =
      read_parent_child_type(test::shared_data("drugcell/drugcell_ont.txt"));
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  const OntologySummary summary = summarize(ontology, report, nullptr);
  EXPECT_EQ(summary.n_terms, 2086u);
  EXPECT_EQ(summary.n_genes, 3008u);
  EXPECT_EQ(summary.n_direct_annotations, 59753u);
  EXPECT_EQ(summary.edges_by_relation, (std::map<std::string, std::size_t>{{"default", 3167}}));
  EXPECT_EQ(summary.roots, std::vector<std::string>{"GO:0008150"});
  EXPECT_EQ(summary.height_histogram, (std::vector<std::size_t>{1364, 357, 183, 115, 66, 1}));
  ASSERT_GE(summary.largest_terms.size(), 3u);
  EXPECT_EQ(summary.largest_terms[0].n_genes, 3008u);
  EXPECT_EQ(summary.largest_terms[1].id, "GO:0007165");
  EXPECT_EQ(summary.largest_terms[1].n_genes, 1397u);
  EXPECT_EQ(summary.largest_terms[2].id, "GO:0006464");
  EXPECT_EQ(summary.largest_terms[2].n_genes, 938u);
  expect_parents_hold_child_genes(ontology);

  // DrugCell already kept only terms of at least 10 genes, so this filter removes nothing.
  OntologyFilter filter;
  filter.min_genes = 10;
  FilterReport filter_report;
  const Ontology filtered = apply_filter(ontology, filter, filter_report);
  EXPECT_EQ(filtered.n_terms(), 2086u);
  EXPECT_EQ(filtered.n_edges(), 3167u);
  EXPECT_TRUE(filter_report.dropped.empty());
}

TEST(OntologyRealData, BuildsTheGoDnaRepairSlice) {
  OntologyRecords records = read_obo(test::shared_data("go-slice/go-slice.obo"));
  records.merge(read_gaf(test::shared_data("go-slice/go-slice.gaf")));
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  EXPECT_EQ(ontology.n_terms(), 94u);
  EXPECT_EQ(ontology.edge_counts_by_relation(),
            (std::map<std::string, std::size_t>{{"is_a", 77}, {"part_of", 31}}));
  EXPECT_EQ(report.roots, std::vector<std::string>{"GO:0006281"});
  EXPECT_EQ(ontology.n_direct_annotations(), 842u);
  const TermIndex root = *ontology.find_term("GO:0006281");
  EXPECT_EQ(ontology.genes(root).size(), 498u);
  EXPECT_EQ(ontology.height(root), 7u);
  expect_parents_hold_child_genes(ontology);
}

}  // namespace
}  // namespace ontonet
