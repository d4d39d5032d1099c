// Matches the samples of a data matrix to the rows of a phenotype table by sample ID. Samples
// that are in only one of the two are never dropped silently: they are counted, with a few
// example IDs, for the caller to report.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ontonet {

struct SampleJoin {
  // (data row, phenotype row) for every sample in both, in data-row order.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::size_t n_only_in_data = 0;
  std::size_t n_only_in_phenotypes = 0;
  // Up to kExamples IDs of each kind, in file order, to name in a message.
  static constexpr std::size_t kExamples = 5;
  std::vector<std::string> examples_only_in_data;
  std::vector<std::string> examples_only_in_phenotypes;
};

// Requires the IDs within each list to be unique (every ontonet reader guarantees it; checked).
SampleJoin join_by_sample_id(const std::vector<std::string>& data_sample_ids,
                             const std::vector<std::string>& phenotype_sample_ids);

}  // namespace ontonet
