#include "ontonet/train/parameter_group.hpp"

#include <unordered_set>

#include "ontonet/core/error.hpp"

namespace ontonet {

template <typename Scalar>
void check_parameter_group(const ParameterGroup<Scalar>& group, const std::string& owner) {
  std::unordered_set<const Parameter<Scalar>*> seen;
  for (const Parameter<Scalar>* parameter : group) {
    ONTONET_CHECK(parameter != nullptr, owner + ": null parameter in group");
    ONTONET_CHECK(seen.insert(parameter).second,
                  owner + ": parameter '" + parameter->name + "' appears twice in group");
    ONTONET_CHECK(parameter->grad.size() == parameter->value.size(),
                  owner + ": parameter '" + parameter->name + "' has " +
                      std::to_string(parameter->value.size()) + " values but " +
                      std::to_string(parameter->grad.size()) + " gradient entries");
  }
}

template void check_parameter_group<float>(const ParameterGroup<float>&, const std::string&);
template void check_parameter_group<double>(const ParameterGroup<double>&, const std::string&);

}  // namespace ontonet
