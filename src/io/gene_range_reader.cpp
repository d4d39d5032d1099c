#include "ontonet/io/gene_range_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

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
    table_fields::expect_columns(reader, fields, 6, "entrez_id, symbol, chrom, start, end, strand");
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

}  // namespace ontonet
