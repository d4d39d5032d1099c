// A shuffle that gives the same order on every platform for the same seed: std::mt19937_64's
// output is fixed by the standard, but std::shuffle and std::uniform_int_distribution are
// implementation-defined and differ between standard libraries, so ontonet draws its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace ontonet {

// Uniform in [0, bound) without modulo bias. Requires bound >= 1.
std::uint64_t draw_below(std::mt19937_64& generator, std::uint64_t bound);

// Fisher-Yates: position i takes a uniform pick among positions 0..i, from the back.
void shuffle_in_place(std::vector<std::size_t>& indices, std::mt19937_64& generator);

}  // namespace ontonet
