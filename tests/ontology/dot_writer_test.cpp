#include "ontonet/ontology/dot_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "hand_made_records.hpp"
#include "ontonet/ontology/ontology_builder.hpp"

namespace ontonet {
namespace {

using test::annotation_at;
using test::edge_at;
using test::term_at;

Ontology small_ontology() {
  OntologyRecords records;
  records.terms = {term_at("GO:1", 1, "root process"), term_at("GO:2", 2, "say \"hi\""),
                   term_at("GO:3", 3, "leaf"), term_at("GO:4", 4, "other")};
  records.edges = {edge_at("GO:2", "GO:1", 5, "is_a"), edge_at("GO:3", "GO:2", 6, "part_of"),
                   edge_at("GO:4", "GO:1", 7, "is_a")};
  records.annotations = {annotation_at("GO:3", "G1"), annotation_at("GO:4", "G2")};
  BuildReport report;
  return build_ontology(records, {}, report);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

TEST(DotWriter, DrawsEveryTermAndEdgeWithGeneCountsAndRelationStyles) {
  std::ostringstream out;
  write_dot(out, small_ontology());
  const std::string dot = out.str();
  EXPECT_EQ(dot.rfind("digraph ontology {", 0), 0u);
  EXPECT_NE(dot.find("\"GO:1\" [label=\"GO:1\\nroot process\\n2 genes\"];"), std::string::npos);
  EXPECT_NE(dot.find("\"GO:2\" [label=\"GO:2\\nsay \\\"hi\\\"\\n1 genes\"];"), std::string::npos);
  EXPECT_NE(dot.find("\"GO:3\" -> \"GO:2\" [label=\"part_of\", style=dashed];"), std::string::npos);
  EXPECT_NE(dot.find("\"GO:2\" -> \"GO:1\" [label=\"is_a\", style=solid];"), std::string::npos);
  EXPECT_EQ(count_of(dot, " -> "), 3u);
  EXPECT_EQ(count_of(dot, "[label="), 7u);
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST(DotWriter, DrawsOnlyTheSubtreeBelowATerm) {
  const Ontology ontology = small_ontology();
  std::ostringstream out;
  write_dot(out, ontology, *ontology.find_term("GO:2"));
  const std::string dot = out.str();
  EXPECT_NE(dot.find("\"GO:2\" [label="), std::string::npos);
  EXPECT_NE(dot.find("\"GO:3\" [label="), std::string::npos);
  EXPECT_EQ(dot.find("\"GO:1\" [label="), std::string::npos);
  EXPECT_EQ(dot.find("\"GO:4\""), std::string::npos);
  EXPECT_EQ(count_of(dot, " -> "), 1u);
}

}  // namespace
}  // namespace ontonet
