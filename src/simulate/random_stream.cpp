#include "ontonet/simulate/random_stream.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"
#include "ontonet/core/seeded_shuffle.hpp"

namespace ontonet {

RandomStream::RandomStream(std::uint64_t seed, std::uint32_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed & 0xffffffffu),
                         static_cast<std::uint32_t>(seed >> 32), stream};
  generator_.seed(sequence);
}

double RandomStream::uniform() { return static_cast<double>(generator_() >> 11) * 0x1.0p-53; }

double RandomStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  while (true) {
    const double u = 2.0 * uniform() - 1.0;
    const double v = 2.0 * uniform() - 1.0;
    const double s = u * u + v * v;
    if (s >= 1.0 || s == 0.0) continue;
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }
}

std::uint64_t RandomStream::below(std::uint64_t bound) { return draw_below(generator_, bound); }

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) {
  ONTONET_CHECK(p > 0.0 && p < 1.0, "normal_quantile needs 0 < p < 1");
  // Phi(-40) underflows to 0 and Phi(40) rounds to 1, so the answer lies inside.
  double low = -40.0;
  double high = 40.0;
  while (true) {
    const double middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) return middle;
    (normal_cdf(middle) < p ? low : high) = middle;
  }
}

}  // namespace ontonet
