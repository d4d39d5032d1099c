// Metrics of a survival model that gives each sample a risk score, higher risk meaning an earlier
// event. Each sample has a follow-up time and an event flag: 1 when the event was observed at that
// time, 0 when the sample was censored (still event-free when last seen). Functions throw
// ontonet::Error on malformed input; undefined values are NaN (see metrics.hpp).
#pragma once

#include <vector>

#include "ontonet/train/metrics.hpp"

namespace ontonet {

// Harrell's concordance index: among comparable pairs, the fraction the risk scores order
// correctly, a tie in risk counting one half. Pairs follow lifelines' concordance_index, so
// c_index(t, e, risk) equals lifelines.utils.concordance_index(t, -risk, e):
//   - (i, j) is comparable when i had the event and either t_i < t_j, or t_i == t_j and j was
//     censored (a sample censored at the event time was still at risk then);
//   - two events at the same time, and any pair of censored samples, are not comparable;
//   - a comparable pair is concordant when risk_i > risk_j.
// O(n log n): samples are swept in time order while a Fenwick tree counts the risk ranks of the
// earlier events. NaN when no pair is comparable (e.g. no event at all). Requires equal non-zero
// lengths, finite times and risks, and events of 0 or 1.
double concordance_index(const std::vector<double>& times, const std::vector<int>& events,
                         const std::vector<double>& risk_scores);

// {"c_index"}.
MetricSet survival_metrics(const std::vector<double>& times, const std::vector<int>& events,
                           const std::vector<double>& risk_scores);

}  // namespace ontonet
