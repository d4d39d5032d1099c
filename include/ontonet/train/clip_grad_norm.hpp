// Gradient-norm clipping over a parameter group, as torch.nn.utils.clip_grad_norm_: the norm is the
// global L2 norm of all the group's gradients taken together, and when it exceeds max_norm every
// gradient is multiplied by max_norm / norm, so the direction is kept and the new global norm is
// max_norm. Unlike PyTorch no 1e-6 is added to the denominator: scaling only happens when
// norm > max_norm >= 0, so the norm is never zero there, and the clipped norm is max_norm itself.
#pragma once

#include "ontonet/train/parameter_group.hpp"

namespace ontonet {

// Returns the global gradient norm before clipping. The sum of squares is accumulated in double, so
// float gradients up to ~1e150 do not overflow. If the norm is not finite (a NaN or infinite
// gradient) the gradients are left untouched and the non-finite norm is returned for the caller to
// act on. A parameter listed twice counts twice. Throws ConfigError unless max_norm is finite and >= 0.
template <typename Scalar>
Scalar clip_grad_norm(const ParameterGroup<Scalar>& parameters, double max_norm);

}  // namespace ontonet
