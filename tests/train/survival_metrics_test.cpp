#include "ontonet/train/survival_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

// The pair rule of survival_metrics.hpp written out over all O(n²) pairs.
double concordance_by_all_pairs(const std::vector<double>& times, const std::vector<int>& events,
                                const std::vector<double>& risk) {
  double pairs = 0.0;
  double score = 0.0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    for (std::size_t j = 0; j < times.size(); ++j) {
      const bool comparable =
          events[i] == 1 && (times[i] < times[j] || (times[i] == times[j] && events[j] == 0));
      if (!comparable) continue;
      pairs += 1.0;
      score += risk[i] > risk[j] ? 1.0 : (risk[i] == risk[j] ? 0.5 : 0.0);
    }
  }
  return score / pairs;
}

// Seven samples A..G as (time, event, risk):
//   A (1, 1, 0.9)  B (2, 0, 0.5)  C (3, 1, 0.4)  D (3, 0, 0.2)  E (4, 1, 0.6)  F (5, 0, 0.6)
//   G (4, 1, 0.1)
// Comparable pairs (first sample had the event, earlier, or at the same time as a censoring):
//   A vs B C D E F G: 6 pairs, A's risk 0.9 is highest -> 6 concordant.
//   C vs D (same time, D censored): 0.4 > 0.2 concordant; vs E, F (0.6): discordant;
//     vs G (0.1): concordant -> 4 pairs, 2 concordant.
//   E vs F: equal risk -> 1/2; E vs G: both events at time 4 -> not comparable.
//   G vs F: 0.1 < 0.6 -> discordant.  B, D, F are censored and start no pair.
// c = (6 + 2 + 0.5 + 0) / 12 = 17/24.
const std::vector<double> kTimes = {1, 2, 3, 3, 4, 5, 4};
const std::vector<int> kEvents = {1, 0, 1, 0, 1, 0, 1};
const std::vector<double> kRisk = {0.9, 0.5, 0.4, 0.2, 0.6, 0.6, 0.1};

TEST(ConcordanceIndex, MatchesHandExampleWithCensoringAndTies) {
  EXPECT_DOUBLE_EQ(concordance_index(kTimes, kEvents, kRisk), 17.0 / 24.0);
  const MetricSet metrics = survival_metrics(kTimes, kEvents, kRisk);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_DOUBLE_EQ(metrics.at("c_index"), 17.0 / 24.0);
}

TEST(ConcordanceIndex, IsOneForRisksOrderedLikeTimesAndZeroWhenReversed) {
  const std::vector<double> times = {5, 1, 3, 2, 4};
  const std::vector<int> events = {1, 1, 0, 1, 1};
  const std::vector<double> risk = {0.0, 4.0, 2.0, 3.0, 1.0};  // earlier time, higher risk
  EXPECT_DOUBLE_EQ(concordance_index(times, events, risk), 1.0);
  EXPECT_DOUBLE_EQ(concordance_index(times, events, {4.0, 0.0, 2.0, 1.0, 3.0}), 0.0);
  EXPECT_DOUBLE_EQ(concordance_index(times, events, {7.0, 7.0, 7.0, 7.0, 7.0}), 0.5);
}

TEST(ConcordanceIndex, MatchesLifelinesPairRulesOnRandomTiedData) {
  // Reference: a port of lifelines.utils.concordance_index's sweep (events at a time join the
  // sorted list before the censored samples of that time are compared), run as
  //   random.Random(11); t = randint(1, 8), e = randint(0, 1), r = randint(0, 9) / 10 for 25
  //   samples; concordance(t, [-x for x in r], e)
  const std::vector<double> t = {8, 8, 8, 4, 3, 8, 3, 2, 8, 5, 3, 2, 1,
                                 7, 8, 3, 1, 2, 1, 1, 4, 4, 1, 8, 6};
  const std::vector<int> e = {1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1,
                              0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0};
  const std::vector<double> r = {0.3, 0.3, 0.0, 0.7, 0.6, 0.6, 0.6, 0.1, 0.9, 0.3, 0.4, 0.5, 0.1,
                                 0.4, 0.5, 0.0, 0.6, 0.1, 0.2, 0.3, 0.1, 0.0, 0.0, 0.7, 0.7};
  EXPECT_NEAR(concordance_index(t, e, r), 0.3825503355704698, 1e-12);
  EXPECT_NEAR(concordance_index(t, e, r), concordance_by_all_pairs(t, e, r), 1e-12);
}

TEST(ConcordanceIndex, SweepAgreesWithAllPairsOnLargerRandomData) {
  std::mt19937_64 generator(2024);
  std::uniform_int_distribution<int> time_draw(1, 40);
  std::uniform_int_distribution<int> risk_draw(0, 50);
  std::bernoulli_distribution event_draw(0.6);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<double> times;
    std::vector<int> events;
    std::vector<double> risk;
    for (int i = 0; i < 400; ++i) {
      times.push_back(time_draw(generator));
      events.push_back(event_draw(generator) ? 1 : 0);
      risk.push_back(risk_draw(generator) * 0.1);
    }
    EXPECT_NEAR(concordance_index(times, events, risk),
                concordance_by_all_pairs(times, events, risk), 1e-12)
        << "trial " << trial;
  }
}

TEST(ConcordanceIndex, IsNaNWithoutComparablePairs) {
  EXPECT_TRUE(std::isnan(concordance_index({1, 2, 3}, {0, 0, 0}, {0.1, 0.2, 0.3})));
  // Two events at the same time are not comparable either.
  EXPECT_TRUE(std::isnan(concordance_index({2, 2}, {1, 1}, {0.1, 0.2})));
  EXPECT_TRUE(std::isnan(concordance_index({4}, {1}, {0.5})));
}

TEST(ConcordanceIndex, RejectsMalformedInput) {
  EXPECT_THROW(concordance_index({1, 2}, {1}, {0.1, 0.2}), Error);
  EXPECT_THROW(concordance_index({1, 2}, {1, 0}, {0.1}), Error);
  EXPECT_THROW(concordance_index({}, {}, {}), Error);
  EXPECT_THROW(concordance_index({1, 2}, {1, 2}, {0.1, 0.2}), Error);
  EXPECT_THROW(concordance_index({1, NAN}, {1, 0}, {0.1, 0.2}), Error);
  EXPECT_THROW(concordance_index({1, 2}, {1, 0}, {0.1, INFINITY}), Error);
}

}  // namespace
}  // namespace ontonet
