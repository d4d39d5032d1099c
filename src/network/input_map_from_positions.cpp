#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "input_map_counts.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"
#include "ontonet/network/input_map_builders.hpp"

namespace ontonet {

namespace {

// Positions beyond any real chromosome are refused so that adding a window cannot overflow.
constexpr std::int64_t kMaxPositionBp = std::int64_t{1} << 40;

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

bool parse_int64(std::string_view text, std::int64_t& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  const auto [rest, status] = std::from_chars(text.data(), end, value);
  return status == std::errc() && rest == end && !text.empty();
}

std::int64_t gene_position(const LineReader& reader, std::string_view field, const char* column) {
  std::int64_t value = 0;
  // 0 is let through: the NCBI-derived human table starts a few genes on alternate contigs at 0.
  if (!parse_int64(trim(field), value) || value < 0 || value > kMaxPositionBp) {
    throw reader.error(std::string("expected a ") + column + " position (0 to 2^40), got '" +
                       std::string(field) + "'");
  }
  return value;
}

struct Window {  // one gene range widened by the window
  std::int64_t first;
  std::int64_t last;
  const std::string* gene;
};

}  // namespace

std::string normalize_chromosome(std::string_view name) {
  std::string code = upper(trim(name));
  if (code.rfind("CHR", 0) == 0) code.erase(0, 3);
  if (code == "23" || code == "25" || code == "XY") return "X";
  if (code == "24") return "Y";
  if (code == "26" || code == "M") return "MT";
  if (code == "X" || code == "Y" || code == "MT") return code;
  // Contig names such as "6_GL000251v2_alt" keep their letter case.
  std::string_view kept = trim(name);
  if (upper(kept.substr(0, 3)) == "CHR") kept.remove_prefix(3);
  return std::string(kept);
}

std::vector<GeneRange> read_gene_ranges(const std::string& path) {
  LineReader reader(path);
  std::vector<GeneRange> ranges;
  std::vector<std::string_view> fields;
  std::string_view line;
  bool first_content_line = true;
  while (reader.next(line)) {
    if (trim(line).empty() || trim(line).front() == '#') continue;
    split_fields(line, '\t', fields);
    if (fields.size() != 6) {
      throw reader.error(
          "expected 6 tab-separated columns (entrez_id, symbol, chrom, start, end, strand), got " +
          std::to_string(fields.size()));
    }
    const bool is_header = first_content_line && upper(trim(fields[3])) == "START";
    first_content_line = false;
    if (is_header) continue;
    GeneRange range;
    range.gene = std::string(trim(fields[1]));
    if (range.gene.empty()) throw reader.error("expected a gene symbol in column 2, found nothing");
    range.chromosome = normalize_chromosome(fields[2]);
    if (range.chromosome.empty()) {
      throw reader.error("expected a chromosome in column 3, found nothing");
    }
    range.start = gene_position(reader, fields[3], "start");
    range.end = gene_position(reader, fields[4], "end");
    if (range.end < range.start) {
      throw reader.error("expected end >= start, got start " + std::to_string(range.start) +
                         " and end " + std::to_string(range.end));
    }
    range.location = {path, reader.line_number()};
    ranges.push_back(std::move(range));
  }
  return ranges;
}

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
  return input_map_from_positions(read_bim(bim_path), read_gene_ranges(gene_range_path),
                                  window_bp);
}

}  // namespace ontonet
