// The narrow accessors NetworkEvaluator gives the diagnostics: the number of levels, the weights
// into a neuron and the neurons that can reach an output unit, on the hand GenNet net.
#include <gtest/gtest.h>

#include "hand_networks.hpp"
#include "ontonet/explain/network_evaluator.hpp"

namespace ontonet {
namespace {

// gennet_hand_net: s1..s4 (0..3) -> gA (4), gB (5), gC (6) -> T (7) -> y (8); gB also feeds y and
// gC feeds nothing.
TEST(NetworkEvaluatorAccessors, IncomingWeightsAreTheLevelsWeights) {
  const Model<float> model = test::gennet_hand_net();
  const NetworkEvaluator network(model);
  EXPECT_EQ(network.n_levels(), 3);
  using Incoming = std::vector<std::pair<Index, double>>;
  EXPECT_EQ(network.incoming_weights(4), (Incoming{{0, 2.0}, {1, -1.0}}));
  EXPECT_EQ(network.incoming_weights(5), (Incoming{{1, 0.5}, {2, 3.0}}));
  EXPECT_EQ(network.incoming_weights(7), (Incoming{{4, 1.5}, {5, -2.0}}));
  EXPECT_EQ(network.incoming_weights(8), (Incoming{{5, 0.25}, {7, 0.5}}));
  EXPECT_THROW(network.incoming_weights(0), InternalError);  // inputs have no weights
}

TEST(NetworkEvaluatorAccessors, ReachesOutputSkipsDeadEnds) {
  const Model<float> model = test::gennet_hand_net();
  const NetworkEvaluator network(model);
  EXPECT_EQ(network.reaches_output(0), (std::vector<char>{1, 1, 1, 0, 1, 1, 0, 1, 1}));
  EXPECT_THROW(network.reaches_output(1), InternalError);
}

}  // namespace
}  // namespace ontonet
