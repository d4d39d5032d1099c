// The groups of a group-lasso penalty on a model's connections: within each level, the weights
// from one block (a gene, a term, an input feature, a dense layer) into one block form a group, so
// the penalty keeps or drops a whole biological connection (ParsVNN's grouping), or for a dense
// MLP a whole input feature.
#pragma once

#include <memory>
#include <vector>

#include "ontonet/network/model.hpp"
#include "ontonet/train/group_lasso.hpp"

namespace ontonet {

// One GroupLasso per level, over that level's weights (CSR order), with `strength`.
std::vector<std::unique_ptr<GroupLasso<float>>> connection_group_lasso(Model<float>& model,
                                                                       double strength);

}  // namespace ontonet
