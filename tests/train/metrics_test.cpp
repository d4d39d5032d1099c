#include "ontonet/train/metrics.hpp"

#include <gtest/gtest.h>

namespace ontonet {
namespace {

TEST(AverageRanks, RanksDistinctValuesFromOne) {
  EXPECT_EQ(average_ranks({30.0, 10.0, 20.0}), (std::vector<double>{3.0, 1.0, 2.0}));
}

TEST(AverageRanks, TiedValuesShareTheMeanOfTheirRanks) {
  // 20 and 20 span ranks 2 and 3 -> 2.5 each; the three 5s span 1..3 -> 2 each.
  EXPECT_EQ(average_ranks({10.0, 20.0, 20.0, 30.0}), (std::vector<double>{1.0, 2.5, 2.5, 4.0}));
  EXPECT_EQ(average_ranks({5.0, 5.0, 5.0}), (std::vector<double>{2.0, 2.0, 2.0}));
}

TEST(AverageRanks, EmptyInputGivesNoRanks) { EXPECT_TRUE(average_ranks({}).empty()); }

}  // namespace
}  // namespace ontonet
