// Chart axes: the mapping from data values to pixels, where to put ticks, and how to label them.
// Ticks sit at "nice" values (1, 2, 5 x 10^k on a linear axis, decades on a log axis), so a reader
// can interpolate between them; labels are as short as the value allows.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ontonet {

// Maps [lo, hi] onto [pixel_lo, pixel_hi], linearly or, with `log`, linearly in log10. pixel_lo
// may exceed pixel_hi (a y axis grows upwards). Requires lo < hi, and lo > 0 when `log`.
struct AxisScale {
  double lo = 0;
  double hi = 1;
  double pixel_lo = 0;
  double pixel_hi = 1;
  bool log = false;

  double to_pixel(double value) const;
};

// The axis range for data spanning [lo, hi]: widened by `padding` (a fraction of the span, in
// log10 on a log axis) on each side so markers at the extremes are not cut by the frame. A range
// too narrow to label (lo == hi, or a span below 1e-9 of the values) is first widened to +-10%
// of the value (+-1 around 0; a factor 2 each way on a log axis). Requires finite lo <= hi, and
// lo > 0 when `log`.
std::pair<double, double> padded_range(double lo, double hi, bool log, double padding);

// Linear ticks at the multiples of a step of 1, 2 or 5 x 10^k that lie inside [lo, hi]: the step
// whose tick count is closest to 6 (fewer on a tie), so 3 to 8 ticks and usually 5 to 7. A range
// too narrow to label is widened as in padded_range first. Values are the nearest doubles to the
// decimals (0.3, never 0.30000000000000004).
std::vector<double> nice_ticks(double lo, double hi);

// Log-axis ticks inside [lo, hi] (lo > 0): powers of 10, every n-th decade when there would be
// more than 8; with 2 and 5 x 10^k added when the range spans under 2 decades or holds fewer than
// 3 powers of 10; and linear nice ticks when fewer than 2 of those fall inside (a range like
// [3, 4]). A range with lo == hi is widened as in padded_range first.
std::vector<double> log_ticks(double lo, double hi);

// A compact tick label: "0", "0.25", "250", "1e-05", "1.5e+04". Plain notation for
// 1e-3 <= |value| < 1e4, scientific outside, up to `digits` significant digits (1 to 17).
std::string tick_label(double value, int digits = 4);

// The labels of an axis's ticks, in order: tick_label with the fewest digits (at least 4) at which
// neighbouring labels differ, so that ticks close together on a large value (302,550, 302,600)
// are not all labelled 3.026e+05.
std::vector<std::string> tick_labels(const std::vector<double>& ticks);

}  // namespace ontonet
