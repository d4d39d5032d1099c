// Throughput of the sparse linear kernels at the size of a genome-scale visible layer:
// 100,000 inputs (e.g. variants) -> 20,000 outputs (genes) through 100,000 fixed connections,
// batch 64, float. Prints milliseconds per forward and per backward (weight gradient + input
// gradient) and the effective bandwidth: bytes the kernels touch, counted as if every access went
// to memory, divided by time. Thread count comes from OMP_NUM_THREADS.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <utility>
#include <vector>

#include "ontonet/autodiff/sparse_linear_kernels.hpp"

namespace {

using ontonet::Index;

constexpr Index kInputs = 100000;
constexpr Index kOutputs = 20000;
constexpr Index kNonzeros = 100000;
constexpr Index kBatch = 64;
constexpr int kRepeats = 20;

ontonet::SparsePattern random_pattern(std::mt19937_64& rng) {
  std::uniform_int_distribution<Index> row(0, kOutputs - 1);
  std::uniform_int_distribution<Index> col(0, kInputs - 1);
  std::vector<std::pair<Index, Index>> entries;
  while (static_cast<Index>(entries.size()) < kNonzeros) {
    while (static_cast<Index>(entries.size()) < kNonzeros) entries.emplace_back(row(rng), col(rng));
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  }
  std::vector<Index> offsets(kOutputs + 1, 0);
  std::vector<Index> columns;
  for (const auto& [r, c] : entries) {
    ++offsets[static_cast<std::size_t>(r + 1)];
    columns.push_back(c);
  }
  for (Index r = 0; r < kOutputs; ++r) offsets[r + 1] += offsets[r];
  return ontonet::SparsePattern(kOutputs, kInputs, std::move(offsets), std::move(columns));
}

template <typename Body>
double milliseconds_per_call(Body body) {
  body();  // warm-up: page in buffers
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRepeats; ++i) body();
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  return elapsed.count() / kRepeats;
}

}  // namespace

int main() {
  std::mt19937_64 rng(20240601);
  const ontonet::SparsePattern pattern = random_pattern(rng);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  auto random_fill = [&](float* data, Index n) {
    for (Index i = 0; i < n; ++i) data[i] = uniform(rng);
  };
  ontonet::Vector<float> w(kNonzeros), dw = ontonet::Vector<float>::Zero(kNonzeros);
  ontonet::Matrix<float> x(kInputs, kBatch), y(kOutputs, kBatch), dy(kOutputs, kBatch);
  ontonet::Matrix<float> dx = ontonet::Matrix<float>::Zero(kInputs, kBatch);
  random_fill(w.data(), w.size());
  random_fill(x.data(), x.size());
  random_fill(dy.data(), dy.size());

  const std::vector<ontonet::SourceRows<float>> sources{{x.data(), nullptr}};
  const double forward_ms = milliseconds_per_call([&] {
    ontonet::sparse_linear_forward<float>(y, sources, pattern, w, nullptr,
                                          ontonet::Activation::kIdentity);
  });
  const double backward_ms = milliseconds_per_call([&] {
    ontonet::sparse_linear_backward_weights<float>(
        dw, nullptr, {dy, y, ontonet::Activation::kIdentity}, sources, pattern, nullptr);
    ontonet::sparse_linear_backward_input(dx, 0, dy, pattern, w, false);
  });

  // Per stored entry: one activation row read, its weight and index. Plus the output written
  // (forward) or read and written (dx, dw in backward).
  const double row_bytes = sizeof(float) * kBatch;
  const double entry_bytes = sizeof(float) + sizeof(Index);
  const double forward_bytes =
      kNonzeros * (row_bytes + entry_bytes) + kOutputs * (row_bytes + sizeof(Index));
  const double backward_bytes = kNonzeros * (2 * row_bytes + entry_bytes + 2 * sizeof(float)) +
                                kNonzeros * (row_bytes + entry_bytes + sizeof(Index)) +
                                2.0 * kInputs * row_bytes;
  std::printf("sparse_linear %ld -> %ld, %ld nonzeros, batch %ld, float, %d threads\n",
              static_cast<long>(kInputs), static_cast<long>(kOutputs),
              static_cast<long>(pattern.nnz()), static_cast<long>(kBatch), omp_get_max_threads());
  std::printf("forward:  %8.3f ms  %6.2f GB/s\n", forward_ms, forward_bytes / forward_ms * 1e-6);
  std::printf("backward: %8.3f ms  %6.2f GB/s  (weight + input gradients)\n", backward_ms,
              backward_bytes / backward_ms * 1e-6);
  // Keeps the compiler from discarding the results.
  std::printf("checksum: %g\n", static_cast<double>(y.sum() + dx.sum() + dw.sum()));
  return 0;
}
