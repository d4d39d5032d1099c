#include "ontonet/train/survival_metrics.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>

#include "metric_input_checks.hpp"

namespace ontonet {

namespace {

// Counts of values in 0..size-1 with prefix sums in O(log size) (a Fenwick tree). Node k covers
// the lowbit(k) ranks ending at rank k-1, where lowbit(k) = k & (~k + 1) is k's lowest set bit.
class RankCounts {
 public:
  explicit RankCounts(std::size_t size) : tree_(size + 1, 0) {}

  void add(std::size_t rank) {
    for (std::size_t node = rank + 1; node < tree_.size(); node += node & (~node + 1)) {
      ++tree_[node];
    }
  }

  // Number of added values with rank < `rank`.
  std::int64_t count_below(std::size_t rank) const {
    std::int64_t count = 0;
    for (std::size_t node = rank; node > 0; node -= node & (~node + 1)) count += tree_[node];
    return count;
  }

 private:
  std::vector<std::int64_t> tree_;
};

// Dense 0-based ranks of `values`: equal values share a rank, and ranks have no gaps.
std::vector<std::size_t> dense_ranks(const std::vector<double>& values) {
  std::vector<double> distinct = values;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::size_t> ranks(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    ranks[i] = static_cast<std::size_t>(
        std::lower_bound(distinct.begin(), distinct.end(), values[i]) - distinct.begin());
  }
  return ranks;
}

}  // namespace

double concordance_index(const std::vector<double>& times, const std::vector<int>& events,
                         const std::vector<double>& risk_scores) {
  const std::string metric = "c_index";
  metric_checks::check_same_nonempty_length(metric, times.size(), events.size(), "times",
                                            "events");
  metric_checks::check_same_nonempty_length(metric, times.size(), risk_scores.size(), "times",
                                            "risk_scores");
  metric_checks::check_finite(metric, times, "times");
  metric_checks::check_zero_one(metric, events, "events");
  metric_checks::check_finite(metric, risk_scores, "risk_scores");

  const std::vector<std::size_t> risk_rank = dense_ranks(risk_scores);
  const std::size_t n_ranks = *std::max_element(risk_rank.begin(), risk_rank.end()) + 1;
  std::vector<std::size_t> by_time(times.size());
  std::iota(by_time.begin(), by_time.end(), std::size_t{0});
  std::sort(by_time.begin(), by_time.end(),
            [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });

  // Holds the risk ranks of every event strictly earlier than the time being swept, plus, while
  // the censored samples of a time are compared, the events at that same time.
  RankCounts earlier_events(n_ranks);
  std::int64_t n_events_in_tree = 0;
  std::int64_t n_pairs = 0;
  std::int64_t n_concordant = 0;
  std::int64_t n_risk_ties = 0;
  // Sample j against every event i in the tree: concordant when risk_i > risk_j.
  const auto compare_with_tree = [&](std::size_t j) {
    const std::size_t rank = risk_rank[j];
    const std::int64_t below = earlier_events.count_below(rank);
    const std::int64_t at_or_below = earlier_events.count_below(rank + 1);
    n_pairs += n_events_in_tree;
    n_concordant += n_events_in_tree - at_or_below;
    n_risk_ties += at_or_below - below;
  };

  std::size_t group_begin = 0;
  while (group_begin < by_time.size()) {
    std::size_t group_end = group_begin;
    while (group_end < by_time.size() && times[by_time[group_end]] == times[by_time[group_begin]]) {
      ++group_end;
    }
    // Events at this time meet only earlier events; then they join the tree, so censored samples
    // at this time meet them too.
    for (std::size_t k = group_begin; k < group_end; ++k) {
      if (events[by_time[k]] == 1) compare_with_tree(by_time[k]);
    }
    for (std::size_t k = group_begin; k < group_end; ++k) {
      if (events[by_time[k]] == 1) {
        earlier_events.add(risk_rank[by_time[k]]);
        ++n_events_in_tree;
      }
    }
    for (std::size_t k = group_begin; k < group_end; ++k) {
      if (events[by_time[k]] == 0) compare_with_tree(by_time[k]);
    }
    group_begin = group_end;
  }

  if (n_pairs == 0) return std::numeric_limits<double>::quiet_NaN();
  return (static_cast<double>(n_concordant) + 0.5 * static_cast<double>(n_risk_ties)) /
         static_cast<double>(n_pairs);
}

MetricSet survival_metrics(const std::vector<double>& times, const std::vector<int>& events,
                           const std::vector<double>& risk_scores) {
  return {{"c_index", concordance_index(times, events, risk_scores)}};
}

}  // namespace ontonet
