#include "ontonet/ontology/ontology_summary.hpp"

#include <gtest/gtest.h>

#include "hand_made_records.hpp"

namespace ontonet {
namespace {

using test::annotation_at;
using test::dag_records;

TEST(OntologySummary, ReportsSizeShapeLargestTermsAndDropsAsJson) {
  OntologyRecords records =
      dag_records({"A", "B", "C", "D", "E"}, {{"B", "A"}, {"C", "A"}, {"D", "B"}});
  records.edges.back().relation = "part_of";
  records.annotations = {annotation_at("D", "G1"), annotation_at("D", "G2"),
                         annotation_at("C", "G3"), annotation_at("B", "G1"),
                         annotation_at("Z", "G9")};
  records.dropped["obsolete terms"] = 4;
  BuildReport build_report;
  const Ontology ontology = build_ontology(records, {}, build_report);
  FilterReport filter_report;
  const Ontology filtered = apply_filter(ontology, OntologyFilter{}, filter_report);

  const nlohmann::json json = to_json(summarize(filtered, build_report, &filter_report));
  EXPECT_EQ(json.at("n_terms"), 4);  // E has no genes and is pruned
  EXPECT_EQ(json.at("n_genes"), 3);
  EXPECT_EQ(json.at("n_direct_annotations"), 4);
  EXPECT_EQ(json.at("edges_by_relation").at("is_a"), 2);
  EXPECT_EQ(json.at("edges_by_relation").at("part_of"), 1);
  EXPECT_EQ(json.at("roots"), nlohmann::json::array({"A"}));
  EXPECT_EQ(json.at("height_histogram"), nlohmann::json::array({2, 1, 1}));
  ASSERT_EQ(json.at("largest_terms").size(), 4u);
  EXPECT_EQ(json.at("largest_terms")[0].at("id"), "A");
  EXPECT_EQ(json.at("largest_terms")[0].at("n_genes"), 3);
  EXPECT_EQ(json.at("largest_terms")[1].at("id"), "B");
  EXPECT_EQ(json.at("dropped").at("obsolete terms"), 4);
  EXPECT_EQ(json.at("dropped").at("annotations to terms not in the ontology"), 1);
  EXPECT_EQ(json.at("dropped").at("terms with no genes"), 1);
  EXPECT_EQ(json.at("notes").back(), "kept 4 of 5 terms and 3 of 3 genes");
}

TEST(OntologySummary, ShowsAtMostTenLargestTermsWithoutAFilterReport) {
  std::vector<std::string> ids;
  for (int i = 0; i < 15; ++i) ids.push_back("T" + std::to_string(i));
  OntologyRecords records = dag_records(ids, {});
  for (int i = 0; i < 15; ++i) {
    for (int g = 0; g <= i; ++g)
      records.annotations.push_back(annotation_at(ids[i], "G" + std::to_string(g)));
  }
  BuildReport report;
  const OntologySummary summary = summarize(build_ontology(records, {}, report), report, nullptr);
  ASSERT_EQ(summary.largest_terms.size(), kLargestTermsShown);
  EXPECT_EQ(summary.largest_terms.front().id, "T14");
  EXPECT_EQ(summary.largest_terms.back().id, "T5");
  EXPECT_EQ(summary.roots.size(), 15u);
  EXPECT_EQ(summary.n_direct_annotations, 120u);
}

}  // namespace
}  // namespace ontonet
