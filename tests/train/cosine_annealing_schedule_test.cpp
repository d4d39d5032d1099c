#include "ontonet/train/cosine_annealing_schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

TEST(CosineAnnealingSchedule, FollowsHalfACosineFromBaseToMinimumThenStays) {
  // base 1.1, min 0.1, T = 4: lr = 0.1 + 1.0 * (1 + cos(pi * e / 4)) / 2
  //   e = 0: 1.1;  e = 1: 0.1 + (1 + 0.70711) / 2 = 0.95355;  e = 2: 0.6;
  //   e = 3: 0.1 + (1 - 0.70711) / 2 = 0.24645;  e = 4: 0.1;  e >= 4: 0.1.
  const CosineAnnealingSchedule schedule(1.1, 0.1, 4);
  const double half_sqrt2 = std::sqrt(0.5);
  const double expected[] = {1.1, 0.1 + (1 + half_sqrt2) / 2, 0.6, 0.1 + (1 - half_sqrt2) / 2,
                             0.1, 0.1, 0.1};
  for (int epoch = 0; epoch < 7; ++epoch) {
    EXPECT_NEAR(schedule.learning_rate_for(epoch), expected[epoch], 1e-15) << "epoch " << epoch;
  }
}

TEST(CosineAnnealingSchedule, RejectsMinimumAboveBaseAndZeroLength) {
  EXPECT_THROW(CosineAnnealingSchedule(0.1, 0.2, 4), ConfigError);
  EXPECT_THROW(CosineAnnealingSchedule(0.1, 0.0, 0), ConfigError);
  EXPECT_THROW(CosineAnnealingSchedule(0.1, -0.1, 4), ConfigError);
}

}  // namespace
}  // namespace ontonet
