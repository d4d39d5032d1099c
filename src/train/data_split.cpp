#include "ontonet/train/data_split.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>

#include "ontonet/core/error.hpp"
#include "ontonet/core/seeded_shuffle.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kNumParts = 3;
constexpr std::array<const char*, kNumParts> kPartNames = {"train", "validation", "test"};

using PartSizes = std::array<std::size_t, kNumParts>;

std::array<double, kNumParts> as_array(const SplitFractions& fractions) {
  return {fractions.train, fractions.validation, fractions.test};
}

void check_fractions(const SplitFractions& fractions) {
  const std::array<double, kNumParts> values = as_array(fractions);
  double sum = 0.0;
  for (std::size_t part = 0; part < kNumParts; ++part) {
    if (!(std::isfinite(values[part]) && values[part] >= 0.0)) {
      throw ConfigError("split.fractions", std::string("must be finite and >= 0, but ") +
                                               kPartNames[part] + " is " +
                                               std::to_string(values[part]));
    }
    sum += values[part];
  }
  if (std::abs(sum - 1.0) > 1e-6) {
    throw ConfigError("split.fractions", "must sum to 1, got " + std::to_string(values[0]) + " + " +
                                             std::to_string(values[1]) + " + " +
                                             std::to_string(values[2]) + " = " +
                                             std::to_string(sum));
  }
  if (values[0] == 0.0) throw ConfigError("split.fractions", "must give train a fraction > 0");
}

// Largest-remainder rounding of fraction * n_samples (see data_split.hpp).
PartSizes part_sizes(std::size_t n_samples, const SplitFractions& fractions) {
  const std::array<double, kNumParts> values = as_array(fractions);
  const double sum = values[0] + values[1] + values[2];
  PartSizes sizes{};
  std::array<double, kNumParts> remainders{};
  std::size_t assigned = 0;
  for (std::size_t part = 0; part < kNumParts; ++part) {
    const double exact = values[part] / sum * static_cast<double>(n_samples);
    // The epsilon keeps a product like 0.29 * 100 = 28.999999999999996 from losing its integer.
    const double whole = std::floor(exact + 1e-9);
    sizes[part] = static_cast<std::size_t>(whole);
    remainders[part] = exact - whole;
    assigned += sizes[part];
  }
  ONTONET_CHECK(assigned <= n_samples, "split sizes exceed the number of samples");
  std::array<std::size_t, kNumParts> by_remainder = {0, 1, 2};
  std::stable_sort(by_remainder.begin(), by_remainder.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; assigned < n_samples; ++k, ++assigned) ++sizes[by_remainder[k]];
  return sizes;
}

void check_no_part_rounded_away(const PartSizes& sizes, const SplitFractions& fractions,
                                std::size_t n_samples) {
  const std::array<double, kNumParts> values = as_array(fractions);
  for (std::size_t part = 0; part < kNumParts; ++part) {
    if (values[part] > 0.0 && sizes[part] == 0) {
      throw ConfigError("split.fractions",
                        std::string("leave the ") + kPartNames[part] + " split empty: " +
                            std::to_string(values[part]) + " of " + std::to_string(n_samples) +
                            " samples rounds to none; use a larger fraction or set it to 0");
    }
  }
}

// Deals `shuffled` out in order: the first sizes[0] to train, the next sizes[1] to validation,
// the rest to test.
void deal(const std::vector<std::size_t>& shuffled, const PartSizes& sizes, SplitIndices& split) {
  const auto train_end = shuffled.begin() + static_cast<std::ptrdiff_t>(sizes[0]);
  const auto validation_end = train_end + static_cast<std::ptrdiff_t>(sizes[1]);
  split.train.insert(split.train.end(), shuffled.begin(), train_end);
  split.validation.insert(split.validation.end(), train_end, validation_end);
  split.test.insert(split.test.end(), validation_end, shuffled.end());
}

void sort_parts(SplitIndices& split) {
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.validation.begin(), split.validation.end());
  std::sort(split.test.begin(), split.test.end());
}

}  // namespace

SplitIndices split_fractions(std::size_t n_samples, const SplitFractions& fractions,
                             std::uint64_t seed) {
  check_fractions(fractions);
  const PartSizes sizes = part_sizes(n_samples, fractions);
  check_no_part_rounded_away(sizes, fractions, n_samples);

  std::vector<std::size_t> order(n_samples);
  for (std::size_t i = 0; i < n_samples; ++i) order[i] = i;
  std::mt19937_64 generator(seed);
  shuffle_in_place(order, generator);

  SplitIndices split;
  deal(order, sizes, split);
  sort_parts(split);
  return split;
}

SplitIndices split_fractions_stratified(const std::vector<int>& class_labels,
                                        const SplitFractions& fractions, std::uint64_t seed) {
  check_fractions(fractions);
  std::map<int, std::vector<std::size_t>> samples_of_class;
  for (std::size_t i = 0; i < class_labels.size(); ++i) {
    samples_of_class[class_labels[i]].push_back(i);
  }

  // One generator shuffles the classes in ascending label order, so the result depends only on
  // the labels and the seed.
  std::mt19937_64 generator(seed);
  SplitIndices split;
  for (auto& [label, samples] : samples_of_class) {
    shuffle_in_place(samples, generator);
    deal(samples, part_sizes(samples.size(), fractions), split);
  }
  check_no_part_rounded_away({split.train.size(), split.validation.size(), split.test.size()},
                             fractions, class_labels.size());
  sort_parts(split);
  return split;
}

SplitIndices split_from_column(const std::vector<DataSplit>& parts) {
  SplitIndices split;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    switch (parts[i]) {
      case DataSplit::kTrain:
        split.train.push_back(i);
        break;
      case DataSplit::kValidation:
        split.validation.push_back(i);
        break;
      case DataSplit::kTest:
        split.test.push_back(i);
        break;
    }
  }
  if (split.train.empty()) {
    throw ConfigError("split.column",
                      "assigns no sample to train (" + std::to_string(parts.size()) + " samples)");
  }
  return split;
}

}  // namespace ontonet
