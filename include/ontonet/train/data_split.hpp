// A partition of samples 0..n-1 into train, validation and test sets, made from fractions and a
// seed, from fractions within each class (stratified), or from an explicit per-sample column.
// Seeded splits are bitwise reproducible on every platform: they draw from std::mt19937_64, whose
// output the C++ standard fixes, through our own Fisher-Yates shuffle and bounded draw, because
// std::shuffle and std::uniform_int_distribution are implementation-defined and differ between
// standard libraries. Each split lists its sample indices in ascending order.
#pragma once

#include "ontonet/io/data_split.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ontonet {

struct SplitFractions {
  double train = 0.8;
  double validation = 0.1;
  double test = 0.1;
};

struct SplitIndices {
  std::vector<std::size_t> train;
  std::vector<std::size_t> validation;
  std::vector<std::size_t> test;
};

// Split sizes for n samples: each part gets floor(fraction * n) and the samples left over go one
// each to the parts with the largest fractional remainders (ties to train, then validation, then
// test). So sizes add up to n and each is within one sample of fraction * n.
// Throws ConfigError "split.fractions ..." unless fractions are finite, >= 0 and sum to 1 (within
// 1e-6), and when a part with a positive fraction would get no sample (naming that part). A part
// with fraction exactly 0 is empty by request; train must have a positive fraction.
SplitIndices split_fractions(std::size_t n_samples, const SplitFractions& fractions,
                          std::uint64_t seed);

// As split_fractions, but the samples of each class (equal values of class_labels) are split in
// the given fractions separately, with the rounding above applied per class: every class then
// has, in every part, within one sample of its fraction of that class. The emptiness check
// applies to the parts as a whole, not to each class.
SplitIndices split_fractions_stratified(const std::vector<int>& class_labels,
                                     const SplitFractions& fractions, std::uint64_t seed);

// The split a split column assigns (io/data_split.hpp parses it): sample i goes to parts[i]. Throws ConfigError
// "split.column ..." when no sample is assigned to train; validation and test may be empty.
SplitIndices split_from_column(const std::vector<DataSplit>& parts);


}  // namespace ontonet
