// Inverted dropout: in training mode each element of x is kept with probability 1 - p and scaled
// by 1 / (1 - p), so the expected activation is unchanged and inference needs no rescaling; in
// inference mode the op is the identity. The mask is drawn from a caller-provided generator, one
// draw per element in row-major order, so the same seed gives the same mask on every platform.
#pragma once

#include "ontonet/autodiff/tape.hpp"

#include <cstdint>
#include <random>

namespace ontonet::ops {

// x: [n, batch] -> y: [n, batch]. Requires 0 <= drop_probability < 1.
template <typename Scalar>
NodeId dropout(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> drop_probability, std::mt19937_64& rng);

// Same, with a generator seeded by `seed` for this call alone.
template <typename Scalar>
NodeId dropout(Tape<Scalar>& tape, NodeId x, NonDeduced<Scalar> drop_probability, std::uint64_t seed);

}  // namespace ontonet::ops
