// A parameter group: the set of trainable parameters that one optimizer, regularizer or gradient
// clip acts on. The group does not own the parameters; the model does, and must outlive every
// object holding the group. A valid group has no null entries, no parameter twice (it would be
// updated twice per step) and a gradient buffer the size of each value buffer.
#pragma once

#include <string>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

template <typename Scalar>
using ParameterGroup = std::vector<Parameter<Scalar>*>;

// Throws InternalError naming `owner` (e.g. "Adam") if `group` is not valid as described above.
template <typename Scalar>
void check_parameter_group(const ParameterGroup<Scalar>& group, const std::string& owner);

}  // namespace ontonet
