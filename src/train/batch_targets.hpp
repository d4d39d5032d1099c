// The target columns of some samples, in the order given.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/train/training_set.hpp"

namespace ontonet {

inline void gather_targets(const TrainingSet& data, const std::vector<std::size_t>& rows,
                           Matrix<float>& targets) {
  targets.resize(data.targets.rows(), static_cast<Index>(rows.size()));
  for (std::size_t j = 0; j < rows.size(); ++j) {
    targets.col(static_cast<Index>(j)) = data.targets.col(static_cast<Index>(rows[j]));
  }
}

}  // namespace ontonet
