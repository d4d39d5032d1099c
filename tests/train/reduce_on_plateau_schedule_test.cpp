#include "ontonet/train/reduce_on_plateau_schedule.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using Options = ReduceOnPlateauOptions;

std::vector<double> rates_after(ReduceOnPlateauSchedule& schedule,
                                const std::vector<double>& metrics) {
  std::vector<double> rates;
  for (double metric : metrics) rates.push_back(schedule.on_epoch_end(metric));
  return rates;
}

TEST(ReduceOnPlateauSchedule, DefaultsMatchPyTorch) {
  const Options options;
  EXPECT_EQ(options.mode, Options::Mode::kMin);
  EXPECT_EQ(options.factor, 0.1);
  EXPECT_EQ(options.patience, 10);
  EXPECT_EQ(options.threshold, 1e-4);
  EXPECT_EQ(options.threshold_mode, Options::ThresholdMode::kRelative);
  EXPECT_EQ(options.cooldown, 0);
  EXPECT_EQ(options.min_lr, 0.0);
  EXPECT_EQ(options.eps, 1e-8);
}

TEST(ReduceOnPlateauSchedule, ReducesAfterPatienceIsExceeded) {
  // patience 2, no cooldown: epochs 1-2 improve (10, 9); 9 three times in a row gives bad counts
  // 1, 2, 3 and the reduction happens on the third, since 3 > patience.
  Options options;
  options.factor = 0.5;
  options.patience = 2;
  ReduceOnPlateauSchedule schedule(1.0, options);
  EXPECT_EQ(rates_after(schedule, {10, 9, 9, 9, 9, 9, 9, 9}),
            (std::vector<double>{1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25}));
}

TEST(ReduceOnPlateauSchedule, CooldownEpochsDoNotCountAsBad) {
  // patience 1, cooldown 2: first reduction at the 2nd bad epoch; the next 2 epochs are cooldown
  // (bad count held at 0), then 2 more bad epochs are needed for the next reduction.
  Options options;
  options.factor = 0.5;
  options.patience = 1;
  options.cooldown = 2;
  ReduceOnPlateauSchedule schedule(1.0, options);
  EXPECT_EQ(rates_after(schedule, {5, 5, 5}), (std::vector<double>{1, 1, 0.5}));
  EXPECT_TRUE(schedule.in_cooldown());
  EXPECT_EQ(rates_after(schedule, {5, 5}), (std::vector<double>{0.5, 0.5}));
  EXPECT_FALSE(schedule.in_cooldown());
  EXPECT_EQ(schedule.bad_epochs(), 0);
  EXPECT_EQ(rates_after(schedule, {5, 5}), (std::vector<double>{0.5, 0.25}));
}

TEST(ReduceOnPlateauSchedule, AnImprovementResetsTheBadEpochCount) {
  Options options;
  options.factor = 0.5;
  options.patience = 1;
  ReduceOnPlateauSchedule schedule(1.0, options);
  EXPECT_EQ(rates_after(schedule, {5, 5, 4, 4, 3, 3}), (std::vector<double>{1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(schedule.best(), 3.0);
}

TEST(ReduceOnPlateauSchedule, RelativeThresholdDemandsAProportionalGain) {
  // best 1.0, threshold 1e-4 relative: 0.99995 is no improvement, 0.9998 is.
  ReduceOnPlateauSchedule schedule(1.0, Options{});
  schedule.on_epoch_end(1.0);
  schedule.on_epoch_end(0.99995);
  EXPECT_EQ(schedule.best(), 1.0);
  EXPECT_EQ(schedule.bad_epochs(), 1);
  schedule.on_epoch_end(0.9998);
  EXPECT_EQ(schedule.best(), 0.9998);
  EXPECT_EQ(schedule.bad_epochs(), 0);
}

TEST(ReduceOnPlateauSchedule, AbsoluteThresholdAndMaxMode) {
  Options options;
  options.mode = Options::Mode::kMax;
  options.threshold_mode = Options::ThresholdMode::kAbsolute;
  options.threshold = 0.1;
  ReduceOnPlateauSchedule schedule(1.0, options);
  schedule.on_epoch_end(0.5);
  schedule.on_epoch_end(0.55);  // not above 0.5 + 0.1
  EXPECT_EQ(schedule.best(), 0.5);
  schedule.on_epoch_end(0.65);
  EXPECT_EQ(schedule.best(), 0.65);
}

TEST(ReduceOnPlateauSchedule, NeverGoesBelowMinLrAndCountsNaNAsBad) {
  // factor 0.1 from 1.0 with min_lr 0.05: 1 -> 0.1 -> 0.05 -> stays.
  Options options;
  options.patience = 0;
  options.min_lr = 0.05;
  ReduceOnPlateauSchedule schedule(1.0, options);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(rates_after(schedule, {1.0, nan, 1.0, 1.0, 1.0}),
            (std::vector<double>{1.0, 0.1, 0.05, 0.05, 0.05}));
}

TEST(ReduceOnPlateauSchedule, RejectsBadOptions) {
  Options bad_factor;
  bad_factor.factor = 1.0;
  EXPECT_THROW(ReduceOnPlateauSchedule(1.0, bad_factor), ConfigError);
  Options bad_patience;
  bad_patience.patience = -1;
  EXPECT_THROW(ReduceOnPlateauSchedule(1.0, bad_patience), ConfigError);
  Options bad_min_lr;
  bad_min_lr.min_lr = -1.0;
  EXPECT_THROW(ReduceOnPlateauSchedule(1.0, bad_min_lr), ConfigError);
}

}  // namespace
}  // namespace ontonet
