#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "input_map_counts.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/feature_gene_table_reader.hpp"
#include "ontonet/network/input_map_builders.hpp"

namespace ontonet {

namespace {

// Position of each ID in `ids`; `what` names the list in the ConfigError for a repeated ID.
std::unordered_map<std::string, std::size_t> index_of_distinct(const std::vector<std::string>& ids,
                                                               const char* what) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto [first, inserted] = index.emplace(ids[i], i);
    if (!inserted) {
      throw ConfigError(what, "expected each ID once; '" + ids[i] + "' is at positions " +
                                  std::to_string(first->second + 1) + " and " +
                                  std::to_string(i + 1));
    }
  }
  return index;
}

void require_distinct_non_empty(const std::vector<std::string>& ids, const char* what) {
  if (ids.empty()) throw ConfigError(what, "expected at least one entry");
  for (const std::string& id : ids) {
    if (id.empty()) throw ConfigError(what, "expected non-empty names");
  }
  index_of_distinct(ids, what);
}

}  // namespace

void finish_input_map(InputMap& map, InputMapReport& report) {
  std::unordered_set<std::string> genes_fed;
  report.n_features = map.feature_ids.size();
  report.n_mapped_features = 0;
  report.n_connections = 0;
  for (std::vector<std::string>& genes : map.feature_genes) {
    std::sort(genes.begin(), genes.end());
    const auto unique_end = std::unique(genes.begin(), genes.end());
    report.n_repeated_pairs += static_cast<std::size_t>(genes.end() - unique_end);
    genes.erase(unique_end, genes.end());
    if (!genes.empty()) ++report.n_mapped_features;
    report.n_connections += genes.size();
    genes_fed.insert(genes.begin(), genes.end());
  }
  report.n_unmapped_features = report.n_features - report.n_mapped_features;
  report.n_genes = genes_fed.size();
}

BuiltInputMap input_map_from_records(const std::vector<std::string>& feature_ids,
                                     const std::vector<InputMapRecord>& records) {
  const auto column_of = index_of_distinct(feature_ids, "feature_ids");
  BuiltInputMap built;
  built.map.feature_ids = feature_ids;
  built.map.feature_genes.resize(feature_ids.size());
  std::unordered_set<std::string> reported_missing;
  for (const InputMapRecord& record : records) {
    const auto column = column_of.find(record.input);
    if (column == column_of.end()) {
      if (reported_missing.insert(record.input).second) {
        built.report.features_not_in_data.push_back(record.input);
      }
      continue;
    }
    built.map.feature_genes[column->second].push_back(record.gene);
  }
  finish_input_map(built.map, built.report);
  return built;
}

BuiltInputMap input_map_from_feature_table(const std::vector<std::string>& feature_ids,
                                           const std::string& table_path) {
  return input_map_from_records(feature_ids, read_feature_gene_table(table_path));
}

InputMap identity_input_map(const std::vector<std::string>& genes) {
  require_distinct_non_empty(genes, "genes");
  InputMap map;
  map.feature_ids = genes;
  for (const std::string& gene : genes) map.feature_genes.push_back({gene});
  return map;
}

InputMap channel_input_map(const std::vector<std::string>& genes,
                           const std::vector<std::string>& channels, ChannelOrder order) {
  require_distinct_non_empty(genes, "genes");
  require_distinct_non_empty(channels, "channels");
  InputMap map;
  const auto add = [&map](const std::string& gene, const std::string& channel) {
    map.feature_ids.push_back(gene + ":" + channel);
    map.feature_genes.push_back({gene});
  };
  if (order == ChannelOrder::kChannelMajor) {
    for (const std::string& channel : channels) {
      for (const std::string& gene : genes) add(gene, channel);
    }
  } else {
    for (const std::string& gene : genes) {
      for (const std::string& channel : channels) add(gene, channel);
    }
  }
  // A ':' inside a name could make two pairs spell the same ID ("A:b" + "c", "A" + "b:c").
  index_of_distinct(map.feature_ids, "channels");
  return map;
}

BuiltInputMap input_map_from_feature_names(const std::vector<std::string>& feature_ids) {
  require_distinct_non_empty(feature_ids, "feature_ids");
  BuiltInputMap built;
  built.map.feature_ids = feature_ids;
  for (const std::string& feature : feature_ids) {
    const std::string gene = feature.substr(0, feature.find(':'));
    built.map.feature_genes.push_back(gene.empty() ? std::vector<std::string>{}
                                                   : std::vector<std::string>{gene});
  }
  finish_input_map(built.map, built.report);
  return built;
}

}  // namespace ontonet
