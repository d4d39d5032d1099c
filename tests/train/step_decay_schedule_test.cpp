#include "ontonet/train/step_decay_schedule.hpp"

#include <gtest/gtest.h>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

TEST(StepDecaySchedule, MultipliesByGammaEveryStepSizeEpochs) {
  // base 0.1, every 3 epochs x 0.5: 0.1 for epochs 0-2, 0.05 for 3-5, 0.025 for 6-8, 0.0125 at 9.
  const StepDecaySchedule schedule(0.1, 3, 0.5);
  const double expected[] = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
  for (int epoch = 0; epoch < 10; ++epoch) {
    EXPECT_DOUBLE_EQ(schedule.learning_rate_for(epoch), expected[epoch]) << "epoch " << epoch;
  }
}

TEST(StepDecaySchedule, RejectsBadOptionsAndNegativeEpochs) {
  EXPECT_THROW(StepDecaySchedule(0.1, 0, 0.5), ConfigError);
  EXPECT_THROW(StepDecaySchedule(0.1, 3, 0.0), ConfigError);
  EXPECT_THROW(StepDecaySchedule(0.1, 3, 1.5), ConfigError);
  EXPECT_THROW(StepDecaySchedule(-0.1, 3, 0.5), ConfigError);
  EXPECT_THROW(StepDecaySchedule(0.1, 3, 0.5).learning_rate_for(-1), InternalError);
}

}  // namespace
}  // namespace ontonet
