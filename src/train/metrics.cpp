#include "ontonet/train/metrics.hpp"

#include <algorithm>
#include <numeric>

namespace ontonet {

std::vector<double> average_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });

  std::vector<double> ranks(values.size());
  std::size_t group_begin = 0;
  while (group_begin < order.size()) {
    std::size_t group_end = group_begin + 1;
    while (group_end < order.size() && values[order[group_end]] == values[order[group_begin]]) {
      ++group_end;
    }
    // Positions group_begin..group_end-1 hold 1-based ranks group_begin+1..group_end; their mean:
    const double shared_rank = 0.5 * static_cast<double>(group_begin + 1 + group_end);
    for (std::size_t k = group_begin; k < group_end; ++k) ranks[order[k]] = shared_rank;
    group_begin = group_end;
  }
  return ranks;
}

}  // namespace ontonet
