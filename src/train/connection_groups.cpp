#include "connection_groups.hpp"

#include <map>
#include <utility>

namespace ontonet {

std::vector<std::unique_ptr<GroupLasso<float>>> connection_group_lasso(Model<float>& model,
                                                                       double strength) {
  const NetworkSpec& spec = model.spec();
  std::vector<std::unique_ptr<GroupLasso<float>>> penalties;
  for (ModelLevel<float>& level : model.levels()) {
    const std::vector<Index>& offsets = level.pattern.row_offsets();
    const std::vector<Index>& columns = level.pattern.col_indices();
    std::map<std::pair<Index, Index>, std::size_t> group_of;  // (target block, source block)
    std::vector<std::vector<Index>> groups;
    for (Index row = 0; row < level.n_neurons; ++row) {
      const Index target = spec.block_of(level.first_neuron + row);
      for (Index k = offsets[static_cast<std::size_t>(row)];
           k < offsets[static_cast<std::size_t>(row) + 1]; ++k) {
        const auto key = std::pair{target, spec.block_of(columns[static_cast<std::size_t>(k)])};
        const auto [found, inserted] = group_of.emplace(key, groups.size());
        if (inserted) groups.emplace_back();
        groups[found->second].push_back(k);
      }
    }
    if (groups.empty()) continue;
    penalties.push_back(std::make_unique<GroupLasso<float>>(&level.weights, groups, strength));
  }
  return penalties;
}

}  // namespace ontonet
