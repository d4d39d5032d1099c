#include "ontonet/report/axis_ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// Tolerance, relative to a tick step, for a tick to count as inside [lo, hi]: a range ending at
// 0.3 must include the tick 0.3 even when the end was computed as 0.30000000000000004.
constexpr double kInsideTolerance = 1e-9;

// 10^exponent as the nearest double: exact up to 1e22, and correctly rounded below 1 because
// dividing exact integers rounds once.
double power_of_ten(int exponent) {
  return exponent >= 0 ? std::pow(10.0, exponent) : 1.0 / std::pow(10.0, -exponent);
}

// multiple x 10^exponent, the nearest double to the decimal value.
double decimal(long long multiple, int exponent) {
  const double m = static_cast<double>(multiple);
  return exponent >= 0 ? m * std::pow(10.0, exponent) : m / std::pow(10.0, -exponent);
}

bool too_narrow(double lo, double hi) {
  return hi - lo <= 1e-9 * std::max(std::abs(lo), std::abs(hi));
}

void check_range(double lo, double hi, bool log) {
  ONTONET_CHECK(std::isfinite(lo) && std::isfinite(hi) && lo <= hi,
                "an axis range needs finite lo <= hi");
  ONTONET_CHECK(std::isfinite(hi - lo), "an axis range must not overflow");
  ONTONET_CHECK(!log || lo > 0, "a log axis range must be positive");
}

// Powers of 10 inside [lo, hi], every n-th one when there would be more than 8.
std::vector<double> decade_ticks(double lo, double hi) {
  constexpr int kMaxDecades = 8;
  const int first = static_cast<int>(std::ceil(std::log10(lo) - kInsideTolerance));
  const int last = static_cast<int>(std::floor(std::log10(hi) + kInsideTolerance));
  const int every = std::max(1, (last - first + kMaxDecades) / kMaxDecades);  // ceil(n / 8)
  // Aligned to multiples of `every`, so 1 = 10^0 is a tick whenever it is in range.
  const int aligned = static_cast<int>(std::ceil(static_cast<double>(first) / every)) * every;
  std::vector<double> ticks;
  for (int exponent = aligned; exponent <= last; exponent += every) {
    ticks.push_back(power_of_ten(exponent));
  }
  return ticks;
}

// 1, 2 and 5 x 10^k inside [lo, hi].
std::vector<double> one_two_five_ticks(double lo, double hi) {
  const double lowest = lo * (1 - kInsideTolerance);
  const double highest = hi * (1 + kInsideTolerance);
  std::vector<double> ticks;
  const int first = static_cast<int>(std::floor(std::log10(lo)));
  const int last = static_cast<int>(std::floor(std::log10(hi)));
  for (int exponent = first; exponent <= last; ++exponent) {
    for (const long long multiple : {1LL, 2LL, 5LL}) {
      const double tick = decimal(multiple, exponent);
      if (tick >= lowest && tick <= highest) ticks.push_back(tick);
    }
  }
  return ticks;
}

}  // namespace

double AxisScale::to_pixel(double value) const {
  ONTONET_CHECK(lo < hi && (!log || lo > 0), "AxisScale needs lo < hi (and lo > 0 when log)");
  const double fraction =
      log ? std::log10(value / lo) / std::log10(hi / lo) : (value - lo) / (hi - lo);
  return pixel_lo + fraction * (pixel_hi - pixel_lo);
}

std::pair<double, double> padded_range(double lo, double hi, bool log, double padding) {
  check_range(lo, hi, log);
  if (log) {
    if (too_narrow(lo, hi)) {
      lo /= 2;
      hi *= 2;
    }
    const double log_lo = std::log10(lo);
    const double log_hi = std::log10(hi);
    const double margin = padding * (log_hi - log_lo);
    return {std::pow(10.0, log_lo - margin), std::pow(10.0, log_hi + margin)};
  }
  if (too_narrow(lo, hi)) {
    const double centre = (lo + hi) / 2;
    const double half = centre == 0 ? 1.0 : 0.1 * std::abs(centre);
    lo = centre - half;
    hi = centre + half;
  }
  const double margin = padding * (hi - lo);
  return {lo - margin, hi + margin};
}

std::vector<double> nice_ticks(double lo, double hi) {
  std::tie(lo, hi) = padded_range(lo, hi, false, 0);
  constexpr long long kTargetTicks = 6;
  struct Candidate {
    long long first, last, multiple;
    int exponent;
    long long count() const { return last - first + 1; }
  };
  // Steps grow through 1, 2, 5 x 10^k from one that certainly gives more than 6 ticks; the tick
  // count only falls as the step grows, so the best step is the first giving at most 6 or the
  // one before it.
  std::optional<Candidate> previous;
  for (int exponent = static_cast<int>(std::floor(std::log10((hi - lo) / 10)));; ++exponent) {
    for (const long long multiple : {1LL, 2LL, 5LL}) {
      const double step = decimal(multiple, exponent);
      const Candidate candidate{static_cast<long long>(std::ceil(lo / step - kInsideTolerance)),
                                static_cast<long long>(std::floor(hi / step + kInsideTolerance)),
                                multiple, exponent};
      if (candidate.count() > kTargetTicks) {
        previous = candidate;
        continue;
      }
      // On a tie, fewer ticks: they leave more room for their labels.
      const bool previous_closer =
          previous && previous->count() - kTargetTicks < kTargetTicks - candidate.count();
      const Candidate& best = previous_closer ? *previous : candidate;
      std::vector<double> ticks;
      for (long long i = best.first; i <= best.last; ++i) {
        ticks.push_back(decimal(i * best.multiple, best.exponent));
      }
      return ticks;
    }
  }
}

std::vector<double> log_ticks(double lo, double hi) {
  std::tie(lo, hi) = padded_range(lo, hi, true, 0);
  if (std::log10(hi / lo) >= 2) {
    std::vector<double> decades = decade_ticks(lo, hi);
    if (decades.size() >= 3) return decades;
  }
  std::vector<double> ticks = one_two_five_ticks(lo, hi);
  if (ticks.size() >= 2) return ticks;
  return nice_ticks(lo, hi);
}

std::string tick_label(double value, int digits) {
  ONTONET_CHECK(std::isfinite(value), "tick_label of a non-finite value");
  ONTONET_CHECK(digits >= 1 && digits <= 17, "tick_label digits out of range");
  if (value == 0) return "0";
  char buffer[64];
  const double magnitude = std::abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e4) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, value);
  // "1.500e+04" -> "1.5e+04", "1.000e-05" -> "1e-05".
  std::string text = buffer;
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  return mantissa + text.substr(e);
}

std::vector<std::string> tick_labels(const std::vector<double>& ticks) {
  std::vector<std::string> labels;
  for (int digits = 4; digits <= 17; ++digits) {
    labels.clear();
    for (double tick : ticks) labels.push_back(tick_label(tick, digits));
    bool distinct = true;
    for (std::size_t k = 1; k < labels.size(); ++k)
      distinct = distinct && labels[k] != labels[k - 1];
    if (distinct) break;
  }
  return labels;
}

}  // namespace ontonet
