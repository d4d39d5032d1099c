// The random draws of the simulator, made the same way by every standard library: std::mt19937_64
// is fixed by the standard, but std::normal_distribution and std::uniform_real_distribution are
// not (see core/seeded_shuffle.hpp), so the uniform, normal and bounded-integer draws are ours.
// One stream per stage of the simulation (truth, allele frequencies, data, noise), so that, for
// example, the causal genes of a seed do not change with the number of samples.
#pragma once

#include <cstdint>
#include <random>

namespace ontonet {

class RandomStream {
 public:
  // A generator seeded with std::seed_seq{seed low 32 bits, seed high 32 bits, stream}: the
  // standard fixes seed_seq's mixing, so (seed, stream) names the same sequence everywhere.
  RandomStream(std::uint64_t seed, std::uint32_t stream);

  // Uniform in [0, 1) from the top 53 bits of one draw.
  double uniform();
  // Standard normal by Marsaglia's polar method; the second value of each accepted pair is kept
  // for the next call. Uses std::log and std::sqrt only.
  double normal();
  // Uniform in [0, bound), without modulo bias (draw_below). Requires bound >= 1.
  std::uint64_t below(std::uint64_t bound);

 private:
  std::mt19937_64 generator_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// The standard normal distribution function Phi(x) = P(Z <= x).
double normal_cdf(double x);

// Phi^{-1}(p), found by bisection on normal_cdf to the resolution of a double. Requires 0 < p < 1.
double normal_quantile(double p);

}  // namespace ontonet
