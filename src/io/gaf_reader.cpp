#include "ontonet/io/gaf_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>

#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"
#include "text_excerpt.hpp"

namespace ontonet {

namespace {

// GAF 2.0, 2.1 and 2.2 all have 17 columns. Exactly 17 are required: a lenient count would let a
// line with one tab missing shift its columns and put the wrong text in the GO ID column.
constexpr std::size_t kColumns = 17;
// 0-based indexes of the columns the reader uses.
constexpr std::size_t kObjectIdColumn = 1;
constexpr std::size_t kSymbolColumn = 2;
constexpr std::size_t kQualifierColumn = 3;
constexpr std::size_t kGoIdColumn = 4;
constexpr std::size_t kEvidenceColumn = 6;
constexpr std::size_t kAspectColumn = 8;
constexpr std::string_view kAspects = "PFC";

using CountByCode = std::map<std::string, std::size_t, std::less<>>;

bool contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void count(CountByCode& counts, std::string_view code) {
  const auto found = counts.find(code);
  if (found != counts.end()) {
    ++found->second;
  } else {
    counts.emplace(std::string(code), 1);
  }
}

// The qualifier column is a pipe-separated list, e.g. "NOT|involved_in".
bool has_not_qualifier(std::string_view qualifier) {
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = qualifier.find('|', begin);
    if (trim(qualifier.substr(begin, end - begin)) == "NOT") return true;
    if (end == std::string_view::npos) return false;
    begin = end + 1;
  }
}

// Reads "!gaf-version: X" from a header line; returns false for any other header line.
bool check_version_line(std::string_view header, const LineReader& reader,
                        OntologyRecords& records) {
  constexpr std::string_view kTag = "gaf-version:";
  const std::string_view text = trim(header.substr(1));
  if (text.substr(0, kTag.size()) != kTag) return false;
  const std::string_view version = trim(text.substr(kTag.size()));
  if (version == "2.1" || version == "2.2") return true;
  if (version == "2.0" || version == "2") {
    records.notes.push_back("GAF 2.0 read with the GAF 2.2 columns (they are the same 17)");
    return true;
  }
  if (version.substr(0, 1) == "1") {
    throw reader.error("expected gaf-version 2.0, 2.1 or 2.2, found " + quoted_excerpt(version) +
                       ": GAF 1.x (15 columns) is not supported; convert it to GAF 2.x");
  }
  throw reader.error("expected gaf-version 2.0, 2.1 or 2.2, found " + quoted_excerpt(version));
}

void check_options(const GafOptions& options) {
  for (char aspect : options.aspects) {
    if (kAspects.find(aspect) == std::string_view::npos) {
      throw ConfigError("aspects",
                        "must hold only the letters P, F and C, found '" + options.aspects + "'");
    }
  }
}

// The checked fields of one annotation line that the reader uses; views into the line.
struct AnnotationLine {
  std::string_view term;
  std::string_view gene;
  std::string_view evidence;
  std::size_t aspect = 0;  // index into kAspects
  bool not_qualified = false;
};

// `fields` is scratch space, reused across lines.
AnnotationLine parse_annotation_line(std::string_view line, std::size_t gene_column,
                                     const LineReader& reader,
                                     std::vector<std::string_view>& fields) {
  split_fields(line, '\t', fields);
  table_fields::expect_columns(reader, fields, kColumns, "GAF 2.x");
  const auto required = [&](std::size_t column, std::string_view what) {
    return table_fields::required(reader, fields[column], column + 1, what);
  };
  AnnotationLine annotation;
  annotation.term = required(kGoIdColumn, "a GO ID");
  annotation.gene = required(
      gene_column, gene_column == kSymbolColumn ? "a gene symbol" : "a gene (DB object) ID");
  annotation.evidence = required(kEvidenceColumn, "an evidence code");
  const std::string_view aspect = trim(fields[kAspectColumn]);
  annotation.aspect = aspect.size() == 1 ? kAspects.find(aspect.front()) : std::string_view::npos;
  if (annotation.aspect == std::string_view::npos) {
    throw reader.error("expected aspect P, F or C in column 9, found " + quoted_excerpt(aspect));
  }
  annotation.not_qualified = has_not_qualifier(fields[kQualifierColumn]);
  return annotation;
}

// Gives each distinct string a dense number, so that a (term, gene) pair fits in one 64-bit key.
class StringNumbers {
 public:
  std::uint64_t number_of(std::string_view text) {
    // Annotation files list a gene's lines together: most lookups repeat the previous one.
    if (!texts_.empty() && text == texts_[last_number_]) return last_number_;
    text_.assign(text);
    const auto [found, inserted] = numbers_.try_emplace(text_, texts_.size());
    if (inserted) texts_.push_back(text_);
    last_number_ = found->second;
    return last_number_;
  }
  const std::string& text(std::uint64_t number) const { return texts_[number]; }

 private:
  std::unordered_map<std::string, std::uint64_t> numbers_;
  std::vector<std::string> texts_;  // by number
  std::uint64_t last_number_ = 0;
  std::string text_;  // reused, so that looking up a known string allocates nothing
};

// An annotation line that passed the filters; repeated pairs are removed once all are read.
struct KeptLine {
  std::uint64_t pair;  // term number << 32 | gene number
  std::size_t line;
};

// The first line of each (term, gene) pair, in file order. Sorting numbered pairs instead of
// hashing the pairs' text halved the time to read GO's 350,000-line human file.
std::vector<AnnotationRecord> first_line_of_each_pair(std::vector<KeptLine> kept,
                                                      const StringNumbers& terms,
                                                      const StringNumbers& genes,
                                                      const std::string& path,
                                                      std::size_t& repeated) {
  std::stable_sort(kept.begin(), kept.end(),
                   [](const KeptLine& a, const KeptLine& b) { return a.pair < b.pair; });
  const auto unique_end =
      std::unique(kept.begin(), kept.end(),
                  [](const KeptLine& a, const KeptLine& b) { return a.pair == b.pair; });
  repeated = static_cast<std::size_t>(kept.end() - unique_end);
  kept.erase(unique_end, kept.end());
  std::sort(kept.begin(), kept.end(),
            [](const KeptLine& a, const KeptLine& b) { return a.line < b.line; });
  std::vector<AnnotationRecord> annotations;
  annotations.reserve(kept.size());
  for (const KeptLine& line : kept) {
    annotations.push_back(AnnotationRecord{
        terms.text(line.pair >> 32), genes.text(line.pair & 0xFFFFFFFFu), {path, line.line}});
  }
  return annotations;
}

// What was left out, counted while reading and turned into OntologyRecords::dropped at the end.
struct DroppedAnnotations {
  std::size_t not_qualified = 0;
  std::array<std::size_t, 3> by_aspect{};  // indexed like kAspects
  CountByCode not_included;                // evidence code -> count
  CountByCode excluded;                    // evidence code -> count
  std::size_t repeated = 0;

  void write_to(std::map<std::string, std::size_t>& dropped) const {
    if (not_qualified > 0) dropped["NOT-qualified annotations"] = not_qualified;
    for (std::size_t i = 0; i < kAspects.size(); ++i) {
      if (by_aspect[i] > 0) {
        dropped["annotations of aspect " + std::string(1, kAspects[i]) + " (aspect not selected)"] =
            by_aspect[i];
      }
    }
    for (const auto& [code, n] : not_included) {
      dropped["annotations with evidence code " + code + " (not an included code)"] = n;
    }
    for (const auto& [code, n] : excluded) {
      dropped["annotations with excluded evidence code " + code] = n;
    }
    if (repeated > 0) dropped["repeated (term, gene) annotations"] = repeated;
  }
};

}  // namespace

OntologyRecords read_gaf(const std::string& path, const GafOptions& options) {
  check_options(options);
  LineReader reader(path);
  OntologyRecords records;
  DroppedAnnotations dropped;
  const std::size_t gene_column =
      options.gene_key == GafGeneKey::kSymbol ? kSymbolColumn : kObjectIdColumn;
  StringNumbers term_numbers, gene_numbers;
  std::vector<KeptLine> kept;
  std::vector<std::string_view> fields;
  std::size_t annotation_lines = 0;
  bool has_version = false;

  std::string_view line;
  while (reader.next(line)) {
    if (!line.empty() && line.front() == '!') {
      has_version = check_version_line(line, reader, records) || has_version;
      continue;
    }
    if (trim(line).empty()) continue;
    ++annotation_lines;
    const AnnotationLine annotation = parse_annotation_line(line, gene_column, reader, fields);
    const std::string_view evidence = annotation.evidence;
    if (annotation.not_qualified) {
      ++dropped.not_qualified;
    } else if (!options.aspects.empty() &&
               options.aspects.find(kAspects[annotation.aspect]) == std::string::npos) {
      ++dropped.by_aspect[annotation.aspect];
    } else if (!options.include_evidence.empty() && !contains(options.include_evidence, evidence)) {
      count(dropped.not_included, evidence);
    } else if (contains(options.exclude_evidence, evidence)) {
      count(dropped.excluded, evidence);
    } else {
      kept.push_back(KeptLine{
          term_numbers.number_of(annotation.term) << 32 | gene_numbers.number_of(annotation.gene),
          reader.line_number()});
    }
  }
  if (annotation_lines == 0) {
    throw InputError(
        path, 0, "expected at least one annotation line, found only '!' header and blank lines");
  }
  if (!has_version) records.notes.push_back("no '!gaf-version:' header; read as GAF 2.2");
  records.annotations =
      first_line_of_each_pair(std::move(kept), term_numbers, gene_numbers, path, dropped.repeated);
  dropped.write_to(records.dropped);
  return records;
}

}  // namespace ontonet
