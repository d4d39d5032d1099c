#include <algorithm>
#include <map>

#include "input_map_counts.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/input_map_builders.hpp"

namespace ontonet {

namespace {

struct Window {  // one gene range widened by the window
  std::int64_t first;
  std::int64_t last;
  const std::string* gene;
};

}  // namespace

BuiltInputMap input_map_from_positions(const std::vector<PlinkVariant>& variants,
                                       const std::vector<GeneRange>& genes,
                                       std::int64_t window_bp) {
  if (window_bp < 0 || window_bp > kMaxWindowBp) {
    throw ConfigError("window_bp", "must be between 0 and " + std::to_string(kMaxWindowBp) +
                                       ", got " + std::to_string(window_bp));
  }
  std::map<std::string, std::vector<Window>> windows_by_chromosome;
  for (const GeneRange& range : genes) {
    ONTONET_CHECK(range.start <= range.end, "gene range with end before start");
    windows_by_chromosome[normalize_chromosome(range.chromosome)].push_back(
        {range.start - window_bp, range.end + window_bp, &range.gene});
  }
  // Variant indices per chromosome, in position order; unknown positions (<= 0) feed nothing.
  std::map<std::string, std::vector<std::size_t>> variants_by_chromosome;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (variants[v].position_bp > 0) {
      variants_by_chromosome[normalize_chromosome(variants[v].chromosome)].push_back(v);
    }
  }

  BuiltInputMap built;
  built.map.feature_genes.resize(variants.size());
  for (const PlinkVariant& variant : variants) built.map.feature_ids.push_back(variant.id);

  for (auto& [chromosome, order] : variants_by_chromosome) {
    const auto found = windows_by_chromosome.find(chromosome);
    if (found == windows_by_chromosome.end()) continue;
    std::vector<Window>& windows = found->second;
    std::sort(windows.begin(), windows.end(),
              [](const Window& a, const Window& b) { return a.first < b.first; });
    std::stable_sort(order.begin(), order.end(), [&variants](std::size_t a, std::size_t b) {
      return variants[a].position_bp < variants[b].position_bp;
    });
    // Sweep: `open` holds the windows that start at or before the current position; those that
    // have ended are dropped as they are met, so each window is added and removed once.
    std::vector<const Window*> open;
    std::size_t next_window = 0;
    for (const std::size_t v : order) {
      const std::int64_t position = variants[v].position_bp;
      while (next_window < windows.size() && windows[next_window].first <= position) {
        open.push_back(&windows[next_window++]);
      }
      std::size_t kept = 0;
      for (const Window* window : open) {
        if (window->last < position) continue;
        open[kept++] = window;
        built.map.feature_genes[v].push_back(*window->gene);
      }
      open.resize(kept);
    }
  }
  finish_input_map(built.map, built.report);
  // One gene listed twice on overlapping lines is one connection, not a repeated statement.
  built.report.n_repeated_pairs = 0;
  return built;
}

BuiltInputMap input_map_from_bim(const std::string& bim_path, const std::string& gene_range_path,
                                 std::int64_t window_bp) {
  return input_map_from_positions(read_bim(bim_path), read_gene_ranges(gene_range_path), window_bp);
}

}  // namespace ontonet
