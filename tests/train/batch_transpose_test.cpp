#include "ontonet/train/batch_transpose.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <random>
#include <vector>

namespace ontonet {
namespace {

// Samples [n_samples, n_features] and the expected [n_features, n_samples] layout, element by
// element.
template <typename Element>
void expect_transposed(Index n_samples, Index n_features, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(-100, 100);
  std::vector<std::vector<Element>> samples(static_cast<std::size_t>(n_samples));
  std::vector<const Element*> pointers;
  for (auto& sample : samples) {
    for (Index f = 0; f < n_features; ++f) sample.push_back(static_cast<Element>(value(rng)));
    pointers.push_back(sample.data());
  }
  std::vector<Element> out(static_cast<std::size_t>(n_samples * n_features));
  transpose_batch(pointers, n_features, out.data());
  for (Index f = 0; f < n_features; ++f) {
    for (Index j = 0; j < n_samples; ++j) {
      ASSERT_EQ(out[static_cast<std::size_t>(f * n_samples + j)],
                samples[static_cast<std::size_t>(j)][static_cast<std::size_t>(f)])
          << n_samples << " x " << n_features << " at feature " << f << ", sample " << j;
    }
  }
}

// int8 codes move in 16 x 16 tiles and floats in 8 x 8 tiles, with a remainder in both
// directions, through blocks of features sized to the cache (several per shape from 10,000
// features on).
TEST(BatchTranspose, MatchesTheElementwiseTransposeAtEveryShape) {
  std::mt19937_64 rng(3);
  const std::vector<std::pair<Index, Index>> shapes{{1, 1},      {3, 5},     {8, 8},     {9, 17},
                                                    {64, 64},    {64, 1003}, {13, 4096}, {70, 40},
                                                    {64, 10000}, {20, 30011}};
  for (const auto& [n_samples, n_features] : shapes) {
    expect_transposed<std::int8_t>(n_samples, n_features, rng);
    expect_transposed<float>(n_samples, n_features, rng);
  }
}

TEST(BatchTranspose, ConvertsCodesToFloatsInTheTransposedLayout) {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> genotype(-1, 2);
  for (const auto& [n_samples, n_features] :
       std::vector<std::pair<Index, Index>>{{3, 5}, {64, 10000}, {17, 2049}}) {
    std::vector<std::vector<std::int8_t>> samples(static_cast<std::size_t>(n_samples));
    std::vector<const std::int8_t*> pointers;
    for (auto& sample : samples) {
      for (Index f = 0; f < n_features; ++f) {
        sample.push_back(static_cast<std::int8_t>(genotype(rng)));
      }
      pointers.push_back(sample.data());
    }
    std::vector<float> out(static_cast<std::size_t>(n_samples * n_features));
    transpose_batch(pointers, n_features, out.data());
    for (Index f = 0; f < n_features; ++f) {
      for (Index j = 0; j < n_samples; ++j) {
        ASSERT_EQ(
            out[static_cast<std::size_t>(f * n_samples + j)],
            static_cast<float>(samples[static_cast<std::size_t>(j)][static_cast<std::size_t>(f)]))
            << n_samples << " x " << n_features << " at feature " << f << ", sample " << j;
      }
    }
  }
}

TEST(BatchTranspose, IsTheSameWithOneAndTwoThreads) {
  std::mt19937_64 rng(4);
  const Index n_samples = 64;
  const Index n_features = 5000;  // large enough for the parallel path
  std::vector<std::vector<std::int8_t>> samples(n_samples);
  std::vector<const std::int8_t*> pointers;
  std::uniform_int_distribution<int> genotype(0, 2);
  for (auto& sample : samples) {
    for (Index f = 0; f < n_features; ++f)
      sample.push_back(static_cast<std::int8_t>(genotype(rng)));
    pointers.push_back(sample.data());
  }
  const int previous = omp_get_max_threads();
  std::vector<std::int8_t> one(n_samples * n_features);
  std::vector<std::int8_t> two(n_samples * n_features);
  omp_set_num_threads(1);
  transpose_batch(pointers, n_features, one.data());
  omp_set_num_threads(2);
  transpose_batch(pointers, n_features, two.data());
  omp_set_num_threads(previous);
  EXPECT_EQ(one, two);
}

}  // namespace
}  // namespace ontonet
