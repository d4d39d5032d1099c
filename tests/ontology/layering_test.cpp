#include "ontonet/ontology/layering.hpp"

#include <gtest/gtest.h>

#include "hand_made_records.hpp"
#include "ontonet/ontology/ontology_builder.hpp"

namespace ontonet {
namespace {

using test::dag_records;

// R has a long branch R <- L1 <- L2 <- L3 and a short one R <- S <- L3, and a leaf X under R;
// L3 hangs under both, so its depth follows the long branch.
Ontology unequal_branches() {
  OntologyRecords records =
      dag_records({"R", "L1", "L2", "L3", "S", "X"},
                  {{"L1", "R"}, {"L2", "L1"}, {"L3", "L2"}, {"S", "R"}, {"L3", "S"}, {"X", "R"}});
  BuildReport report;
  return build_ontology(records, {}, report);
}

TEST(Layering, HeightIsTheLongestPathDownToALeaf) {
  const Ontology ontology = unequal_branches();
  auto height = [&](const char* id) { return ontology.height(*ontology.find_term(id)); };
  EXPECT_EQ(height("L3"), 0u);
  EXPECT_EQ(height("X"), 0u);
  EXPECT_EQ(height("S"), 1u);
  EXPECT_EQ(height("L2"), 1u);
  EXPECT_EQ(height("L1"), 2u);
  EXPECT_EQ(height("R"), 3u);
}

TEST(Layering, DepthIsTheLongestPathUpToARoot) {
  const Ontology ontology = unequal_branches();
  auto depth = [&](const char* id) { return ontology.depth(*ontology.find_term(id)); };
  EXPECT_EQ(depth("R"), 0u);
  EXPECT_EQ(depth("S"), 1u);
  EXPECT_EQ(depth("X"), 1u);
  EXPECT_EQ(depth("L2"), 2u);
  EXPECT_EQ(depth("L3"), 3u);
}

TEST(Layering, HistogramCountsTermsPerHeight) {
  const Ontology ontology = unequal_branches();
  EXPECT_EQ(height_histogram(ontology.heights()), (std::vector<std::size_t>{2, 2, 1, 1}));
  EXPECT_TRUE(height_histogram({}).empty());
}

TEST(Layering, EveryTermIsHigherThanItsChildren) {
  const Ontology ontology = unequal_branches();
  for (const TermEdge& edge : ontology.edges()) {
    EXPECT_GT(ontology.height(edge.parent), ontology.height(edge.child));
    EXPECT_LT(ontology.depth(edge.parent), ontology.depth(edge.child));
  }
}

}  // namespace
}  // namespace ontonet
