#include "ontonet/report/axis_ticks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using Ticks = std::vector<double>;

TEST(AxisScale, MapsLinearlyAndInLogTen) {
  EXPECT_DOUBLE_EQ((AxisScale{0, 10, 100, 300, false}.to_pixel(2.5)), 150);
  // A y axis: data grows upwards, pixels downwards.
  EXPECT_DOUBLE_EQ((AxisScale{0, 1, 350, 50, false}.to_pixel(0.25)), 275);
  EXPECT_DOUBLE_EQ((AxisScale{-2, 2, 0, 400, false}.to_pixel(-2)), 0);
  // 10 is one third of the way from 1 to 1000 in log10.
  EXPECT_NEAR((AxisScale{1, 1000, 0, 300, true}.to_pixel(10)), 100, 1e-12);
  EXPECT_NEAR((AxisScale{0.01, 1, 200, 0, true}.to_pixel(0.1)), 100, 1e-12);
  EXPECT_THROW((AxisScale{1, 1, 0, 10, false}.to_pixel(1)), InternalError);
  EXPECT_THROW((AxisScale{0, 10, 0, 10, true}.to_pixel(1)), InternalError);
}

TEST(AxisTicks, NiceLinearTicksForSeveralRanges) {
  // Steps 0.1, 0.2, 0.5, ... give 11, 6, 3 ticks on [0, 1]: 6 is the target.
  EXPECT_EQ(nice_ticks(0, 1), (Ticks{0, 0.2, 0.4, 0.6, 0.8, 1}));
  EXPECT_EQ(nice_ticks(0, 10), (Ticks{0, 2, 4, 6, 8, 10}));
  // A padded range keeps the ticks of the data range.
  EXPECT_EQ(nice_ticks(-0.04, 1.04), (Ticks{0, 0.2, 0.4, 0.6, 0.8, 1}));
  // Step 2 gives 8 ticks, step 5 gives 4: equally far from 6, the fewer win.
  EXPECT_EQ(nice_ticks(0, 15), (Ticks{0, 5, 10, 15}));
  // Step 2 gives 8 ticks (-2..12), step 5 only 3 (0, 5, 10): 8 is closer to 6.
  EXPECT_EQ(nice_ticks(-3.7, 12.2), (Ticks{-2, 0, 2, 4, 6, 8, 10, 12}));
  EXPECT_EQ(nice_ticks(0.3, 0.9), (Ticks{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}));
  EXPECT_EQ(nice_ticks(-1, 1), (Ticks{-1, -0.5, 0, 0.5, 1}));
  EXPECT_EQ(nice_ticks(1200, 5800), (Ticks{2000, 3000, 4000, 5000}));
  // Decimal values are the nearest doubles: 0.3 is 3 / 10, not 3 * 0.1.
  EXPECT_EQ(nice_ticks(0.25, 0.35), (Ticks{0.26, 0.28, 0.3, 0.32, 0.34}));
  EXPECT_EQ(nice_ticks(0.25, 0.35)[2], 0.3);
}

TEST(AxisTicks, HandlesEqualEndsAndTinyRanges) {
  // lo == hi: widened to +-10% of the value, [4.5, 5.5].
  EXPECT_EQ(nice_ticks(5, 5), (Ticks{4.6, 4.8, 5, 5.2, 5.4}));
  // lo == hi == 0: widened to [-1, 1].
  EXPECT_EQ(nice_ticks(0, 0), (Ticks{-1, -0.5, 0, 0.5, 1}));
  // A span below 1e-9 of the values cannot be labelled: widened by 10% of the centre to
  // [0.9 + 4.5e-13, 1.1 + 5.5e-13]; 0.9 is within the 1e-9-of-a-step tolerance.
  EXPECT_EQ(nice_ticks(1, 1 + 1e-12), (Ticks{0.9, 0.95, 1, 1.05, 1.1}));
  // Small values with a real span keep their own ticks.
  EXPECT_EQ(nice_ticks(1e-6, 2e-6), (Ticks{1e-6, 1.2e-6, 1.4e-6, 1.6e-6, 1.8e-6, 2e-6}));
  EXPECT_THROW(nice_ticks(2, 1), InternalError);
  EXPECT_THROW(nice_ticks(0, std::nan("")), InternalError);
}

TEST(AxisTicks, LogTicksAtDecadesWithTwoAndFiveWhenFew) {
  EXPECT_EQ(log_ticks(1, 1000), (Ticks{1, 10, 100, 1000}));
  EXPECT_EQ(log_ticks(0.9, 110), (Ticks{1, 10, 100}));
  EXPECT_EQ(log_ticks(0.01, 1), (Ticks{0.01, 0.1, 1}));
  // Under 2 decades: 1, 2, 5 x 10^k.
  EXPECT_EQ(log_ticks(3, 40), (Ticks{5, 10, 20}));
  EXPECT_EQ(log_ticks(0.5, 20), (Ticks{0.5, 1, 2, 5, 10, 20}));
  // Over 2 decades but only 2 powers of 10 inside: 1, 2, 5 x 10^k.
  EXPECT_EQ(log_ticks(0.3, 50), (Ticks{0.5, 1, 2, 5, 10, 20, 50}));
  // 13 decades: every 2nd, aligned so that 1 is a tick.
  EXPECT_EQ(log_ticks(1e-6, 1e6), (Ticks{1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6}));
  EXPECT_EQ(log_ticks(2e-5, 3e3), (Ticks{1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000}));
  // No 1-2-5 value inside [3, 4]: linear nice ticks instead.
  EXPECT_EQ(log_ticks(3, 4), (Ticks{3, 3.2, 3.4, 3.6, 3.8, 4}));
  // lo == hi: a factor 2 each way, [1.5, 6].
  EXPECT_EQ(log_ticks(3, 3), (Ticks{2, 5}));
  EXPECT_THROW(log_ticks(0, 10), InternalError);
}

TEST(AxisTicks, PaddedRangeWidensAndPads) {
  EXPECT_EQ(padded_range(0, 10, false, 0.05), (std::pair<double, double>{-0.5, 10.5}));
  const auto [widened_lo, widened_hi] = padded_range(2, 2, false, 0);
  EXPECT_DOUBLE_EQ(widened_lo, 1.8);
  EXPECT_DOUBLE_EQ(widened_hi, 2.2);
  const auto [lo, hi] = padded_range(1, 100, true, 0.5);  // 2 decades, padded 1 each way
  EXPECT_NEAR(lo, 0.1, 1e-15);
  EXPECT_NEAR(hi, 1000, 1e-10);
}

TEST(AxisTicks, LabelsAreCompact) {
  EXPECT_EQ(tick_label(0), "0");
  EXPECT_EQ(tick_label(-0.0), "0");
  EXPECT_EQ(tick_label(0.001), "0.001");
  EXPECT_EQ(tick_label(0.25), "0.25");
  EXPECT_EQ(tick_label(-2.5), "-2.5");
  EXPECT_EQ(tick_label(250), "250");
  EXPECT_EQ(tick_label(9000), "9000");
  EXPECT_EQ(tick_label(1e-5), "1e-05");
  EXPECT_EQ(tick_label(0.0001), "1e-04");
  EXPECT_EQ(tick_label(1.2e-6), "1.2e-06");
  EXPECT_EQ(tick_label(15000), "1.5e+04");
  EXPECT_EQ(tick_label(-1e6), "-1e+06");
  EXPECT_EQ(tick_label(0.3), "0.3");
}

TEST(TickLabels, UseMoreDigitsOnlyWhenNeighboursWouldLookAlike) {
  EXPECT_EQ(tick_labels({0, 0.5, 1}), (std::vector<std::string>{"0", "0.5", "1"}));
  EXPECT_EQ(tick_labels({302550, 302600, 302650}),
            (std::vector<std::string>{"3.0255e+05", "3.026e+05", "3.0265e+05"}));
  EXPECT_EQ(tick_labels({1000.25, 1000.5}), (std::vector<std::string>{"1000.2", "1000.5"}));
  EXPECT_EQ(tick_label(302600, 6), "3.026e+05");
  EXPECT_EQ(tick_label(1e5, 4), "1e+05");
}

}  // namespace
}  // namespace ontonet
