#include "ontonet/train/data_split.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

// True when the three parts are ascending and together hold 0..n-1 exactly once.
bool is_sorted_partition(const SplitIndices& split, std::size_t n_samples) {
  std::vector<std::size_t> all;
  for (const auto* part : {&split.train, &split.validation, &split.test}) {
    if (!std::is_sorted(part->begin(), part->end())) return false;
    all.insert(all.end(), part->begin(), part->end());
  }
  std::sort(all.begin(), all.end());
  if (all.size() != n_samples) return false;
  for (std::size_t i = 0; i < n_samples; ++i) {
    if (all[i] != i) return false;
  }
  return true;
}

std::string config_error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no ConfigError";
}

TEST(SplitFractions, PartitionsSamplesInTheRequestedSizes) {
  const SplitIndices split = split_fractions(100, {0.8, 0.1, 0.1}, 1);
  EXPECT_TRUE(is_sorted_partition(split, 100));
  EXPECT_EQ(split.train.size(), 80u);
  EXPECT_EQ(split.validation.size(), 10u);
  EXPECT_EQ(split.test.size(), 10u);
}

TEST(SplitFractions, RoundsByLargestRemainder) {
  // 7 samples at 0.8/0.1/0.1: exact sizes 5.6, 0.7, 0.7 -> floors 5, 0, 0; the two samples left
  // go to the largest remainders, validation and test (0.7) before train (0.6).
  const SplitIndices seven = split_fractions(7, {0.8, 0.1, 0.1}, 3);
  EXPECT_EQ(seven.train.size(), 5u);
  EXPECT_EQ(seven.validation.size(), 1u);
  EXPECT_EQ(seven.test.size(), 1u);
  // 0.29 * 100 is 28.999999999999996 in double: it must still count as 29.
  const SplitIndices hundred = split_fractions(100, {0.29, 0.42, 0.29}, 3);
  EXPECT_EQ(hundred.train.size(), 29u);
  EXPECT_EQ(hundred.validation.size(), 42u);
  EXPECT_EQ(hundred.test.size(), 29u);
}

TEST(SplitFractions, SameSeedGivesSameSplitAndOtherSeedAnother) {
  const SplitIndices first = split_fractions(50, {0.6, 0.2, 0.2}, 42);
  const SplitIndices again = split_fractions(50, {0.6, 0.2, 0.2}, 42);
  const SplitIndices other = split_fractions(50, {0.6, 0.2, 0.2}, 43);
  EXPECT_EQ(first.train, again.train);
  EXPECT_EQ(first.validation, again.validation);
  EXPECT_EQ(first.test, again.test);
  EXPECT_NE(first.train, other.train);
  EXPECT_TRUE(is_sorted_partition(other, 50));
}

TEST(SplitFractions, IsTheSameSplitOnEveryStandardLibrary) {
  // Pinned output of mt19937_64(42) through our Fisher-Yates: std::mt19937_64's sequence is fixed
  // by the C++ standard, so any change here means the shuffle or the rounding changed. The same
  // lists come out of an independent pure-Python mt19937_64 (checked against the standard's
  // 10000th-output value) running the draw-below and Fisher-Yates loops of data_split.cpp.
  const SplitIndices split = split_fractions(10, {0.6, 0.2, 0.2}, 42);
  EXPECT_EQ(split.train, (std::vector<std::size_t>{0, 1, 3, 7, 8, 9}));
  EXPECT_EQ(split.validation, (std::vector<std::size_t>{2, 4}));
  EXPECT_EQ(split.test, (std::vector<std::size_t>{5, 6}));
}

TEST(SplitFractions, ZeroFractionLeavesThatPartEmptyOnPurpose) {
  const SplitIndices split = split_fractions(10, {0.9, 0.1, 0.0}, 5);
  EXPECT_EQ(split.train.size(), 9u);
  EXPECT_EQ(split.validation.size(), 1u);
  EXPECT_TRUE(split.test.empty());
}

TEST(SplitFractions, RejectsBadFractionsAndNamesTheEmptyPart) {
  EXPECT_EQ(config_error_of([] { split_fractions(10, {0.8, 0.1, 0.2}, 1); }),
            "split.fractions must sum to 1, got 0.800000 + 0.100000 + 0.200000 = 1.100000");
  EXPECT_EQ(config_error_of([] { split_fractions(10, {1.2, -0.1, -0.1}, 1); }),
            "split.fractions must be finite and >= 0, but validation is -0.100000");
  EXPECT_EQ(config_error_of([] { split_fractions(10, {0.5, NAN, 0.5}, 1); }),
            "split.fractions must be finite and >= 0, but validation is nan");
  EXPECT_EQ(config_error_of([] { split_fractions(10, {0.0, 0.5, 0.5}, 1); }),
            "split.fractions must give train a fraction > 0");
  // 5 samples at 0.9/0.05/0.05: exact 4.5, 0.25, 0.25 -> 4, 0, 0 and the leftover goes to train.
  EXPECT_EQ(config_error_of([] { split_fractions(5, {0.9, 0.05, 0.05}, 1); }),
            "split.fractions leave the validation split empty: 0.050000 of 5 samples rounds to "
            "none; use a larger fraction or set it to 0");
  EXPECT_NE(config_error_of([] { split_fractions(0, {0.8, 0.1, 0.1}, 1); }).find("train split"),
            std::string::npos);
}

TEST(SplitFractionsStratified, KeepsEachClassWithinOneSampleOfItsFraction) {
  // Classes of 53, 31 and 16 samples with arbitrary label values, interleaved.
  std::vector<int> labels;
  for (int i = 0; i < 100; ++i) labels.push_back(i % 7 == 0 ? -4 : (i % 3 == 0 ? 9 : 2));
  std::map<int, double> class_size;
  for (int label : labels) class_size[label] += 1.0;

  const SplitFractions fractions{0.7, 0.15, 0.15};
  const SplitIndices split = split_fractions_stratified(labels, fractions, 11);
  EXPECT_TRUE(is_sorted_partition(split, labels.size()));
  const std::vector<std::pair<const std::vector<std::size_t>*, double>> parts = {
      {&split.train, fractions.train},
      {&split.validation, fractions.validation},
      {&split.test, fractions.test}};
  for (const auto& [part, fraction] : parts) {
    std::map<int, double> in_part;
    for (std::size_t sample : *part) in_part[labels[sample]] += 1.0;
    for (const auto& [label, size] : class_size) {
      EXPECT_LE(std::abs(in_part[label] - fraction * size), 1.0)
          << "class " << label << " with fraction " << fraction;
    }
  }
}

TEST(SplitFractionsStratified, IsDeterministicForASeed) {
  std::vector<int> labels(60);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int>(i % 4);
  const SplitFractions fractions{0.5, 0.25, 0.25};
  const SplitIndices first = split_fractions_stratified(labels, fractions, 8);
  const SplitIndices again = split_fractions_stratified(labels, fractions, 8);
  const SplitIndices other = split_fractions_stratified(labels, fractions, 9);
  EXPECT_EQ(first.train, again.train);
  EXPECT_EQ(first.validation, again.validation);
  EXPECT_EQ(first.test, again.test);
  EXPECT_NE(first.train, other.train);
}

TEST(SplitFractionsStratified, NamesAPartLeftEmptyOverAllClasses) {
  // Three classes of one sample each: each rounds to train, leaving validation empty.
  EXPECT_NE(config_error_of([] { split_fractions_stratified({0, 1, 2}, {0.8, 0.1, 0.1}, 1); })
                .find("leave the validation split empty"),
            std::string::npos);
  EXPECT_NE(config_error_of([] { split_fractions_stratified({0, 1}, {0.8, 0.3, 0.1}, 1); })
                .find("must sum to 1"),
            std::string::npos);
}

TEST(SplitFromColumn, AssignsEachSampleToItsNamedPart) {
  const std::vector<DataSplit> parts = {DataSplit::kTest, DataSplit::kTrain, DataSplit::kTrain,
                                        DataSplit::kValidation, DataSplit::kTrain};
  const SplitIndices split = split_from_column(parts);
  EXPECT_EQ(split.train, (std::vector<std::size_t>{1, 2, 4}));
  EXPECT_EQ(split.validation, (std::vector<std::size_t>{3}));
  EXPECT_EQ(split.test, (std::vector<std::size_t>{0}));
}

TEST(SplitFromColumn, RequiresATrainSampleButAllowsNoTestSample) {
  EXPECT_EQ(config_error_of([] { split_from_column({DataSplit::kTest, DataSplit::kValidation}); }),
            "split.column assigns no sample to train (2 samples)");
  EXPECT_TRUE(split_from_column({DataSplit::kTrain, DataSplit::kValidation}).test.empty());
}

}  // namespace
}  // namespace ontonet
