#include "ontonet/core/seeded_shuffle.hpp"

#include <utility>

namespace ontonet {

// Draws below 2^64 mod bound are rejected, so the accepted range is a whole number of copies of
// [0, bound).
std::uint64_t draw_below(std::mt19937_64& generator, std::uint64_t bound) {
  const std::uint64_t rejected_below = (std::uint64_t{0} - bound) % bound;
  while (true) {
    const std::uint64_t draw = generator();
    if (draw >= rejected_below) return draw % bound;
  }
}

void shuffle_in_place(std::vector<std::size_t>& indices, std::mt19937_64& generator) {
  for (std::size_t i = indices.size(); i > 1; --i) {
    const std::size_t pick = static_cast<std::size_t>(draw_below(generator, i));
    std::swap(indices[i - 1], indices[pick]);
  }
}

}  // namespace ontonet
