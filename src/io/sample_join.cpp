#include "ontonet/io/sample_join.hpp"

#include <unordered_map>

#include "ontonet/core/error.hpp"

namespace ontonet {

SampleJoin join_by_sample_id(const std::vector<std::string>& data_sample_ids,
                             const std::vector<std::string>& phenotype_sample_ids) {
  std::unordered_map<std::string, std::size_t> phenotype_row;
  for (std::size_t row = 0; row < phenotype_sample_ids.size(); ++row) {
    const bool inserted = phenotype_row.emplace(phenotype_sample_ids[row], row).second;
    ONTONET_CHECK(inserted, "phenotype sample IDs must be unique: " + phenotype_sample_ids[row]);
  }
  SampleJoin join;
  std::vector<bool> matched(phenotype_sample_ids.size(), false);
  std::unordered_map<std::string, std::size_t> seen_in_data;
  for (std::size_t row = 0; row < data_sample_ids.size(); ++row) {
    const std::string& id = data_sample_ids[row];
    ONTONET_CHECK(seen_in_data.emplace(id, row).second, "data sample IDs must be unique: " + id);
    const auto it = phenotype_row.find(id);
    if (it == phenotype_row.end()) {
      ++join.n_only_in_data;
      if (join.examples_only_in_data.size() < SampleJoin::kExamples) {
        join.examples_only_in_data.push_back(id);
      }
      continue;
    }
    join.pairs.emplace_back(row, it->second);
    matched[it->second] = true;
  }
  for (std::size_t row = 0; row < phenotype_sample_ids.size(); ++row) {
    if (matched[row]) continue;
    ++join.n_only_in_phenotypes;
    if (join.examples_only_in_phenotypes.size() < SampleJoin::kExamples) {
      join.examples_only_in_phenotypes.push_back(phenotype_sample_ids[row]);
    }
  }
  return join;
}

}  // namespace ontonet
