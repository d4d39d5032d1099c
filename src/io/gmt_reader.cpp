#include "ontonet/io/gmt_reader.hpp"

#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

// One line of the file, kept until every line is read because kAuto decides the key column only
// after seeing all of them.
struct GeneSet {
  std::string name;
  std::string description;
  std::vector<std::string> genes;
  std::size_t line = 0;
};

constexpr std::size_t kSetsNamedInNote = 5;

std::vector<GeneSet> parse_gene_sets(const std::string& path, std::size_t& repeated_genes) {
  LineReader reader(path);
  std::vector<GeneSet> sets;
  std::vector<std::string_view> fields;
  std::unordered_set<std::string_view> genes_seen;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    if (fields.size() < 2) {
      throw reader.error(
          "expected at least 2 tab-separated columns (name, description, genes...), got 1");
    }
    GeneSet set;
    set.name = std::string(trim(fields[0]));
    set.description = std::string(trim(fields[1]));
    set.line = reader.line_number();
    genes_seen.clear();
    for (std::size_t column = 2; column < fields.size(); ++column) {
      const std::string_view gene = trim(fields[column]);
      if (gene.empty()) continue;
      if (!genes_seen.insert(gene).second) {
        ++repeated_genes;
        continue;
      }
      set.genes.emplace_back(gene);
    }
    sets.push_back(std::move(set));
  }
  if (sets.empty()) throw InputError(path, 0, "expected at least one gene set, found none");
  return sets;
}

bool every_description_is_reactome_id(const std::vector<GeneSet>& sets) {
  for (const GeneSet& set : sets) {
    if (!is_reactome_stable_id(set.description)) return false;
  }
  return true;
}

}  // namespace

bool is_reactome_stable_id(std::string_view text) {
  if (text.size() < 7 || text.substr(0, 2) != "R-" || text[5] != '-') return false;
  for (std::size_t i = 2; i < 5; ++i) {
    if (!std::isupper(static_cast<unsigned char>(text[i]))) return false;
  }
  for (std::size_t i = 6; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

OntologyRecords read_gmt(const std::string& path, const GmtOptions& options) {
  std::size_t repeated_genes = 0;
  const std::vector<GeneSet> sets = parse_gene_sets(path, repeated_genes);
  const bool key_is_description =
      options.term_key == GmtTermKey::kDescription ||
      (options.term_key == GmtTermKey::kAuto && every_description_is_reactome_id(sets));
  const std::size_t key_column = key_is_description ? 2 : 1;

  OntologyRecords records;
  std::unordered_map<std::string, std::size_t> line_of_id;
  std::vector<const GeneSet*> without_genes;
  for (const GeneSet& set : sets) {
    const std::string& id = key_is_description ? set.description : set.name;
    if (id.empty()) {
      throw InputError(path, set.line,
                       "expected a gene-set ID in column " + std::to_string(key_column) +
                           ", found an empty field");
    }
    const auto [first, inserted] = line_of_id.emplace(id, set.line);
    if (!inserted) {
      throw InputError(path, set.line,
                       "expected each gene-set ID (column " + std::to_string(key_column) +
                           ") once; '" + id + "' is already used at line " +
                           std::to_string(first->second));
    }
    if (set.genes.empty()) {
      without_genes.push_back(&set);
      continue;
    }
    const SourceLocation location{path, set.line};
    records.terms.push_back(TermRecord{id, key_is_description ? set.name : "", "", {}, location});
    for (const std::string& gene : set.genes) records.annotations.push_back({id, gene, location});
  }

  if (repeated_genes > 0) records.dropped["genes repeated within a gene set"] += repeated_genes;
  if (!without_genes.empty()) {
    records.dropped["gene sets without genes"] += without_genes.size();
    std::string note = std::to_string(without_genes.size()) + " gene sets have no genes:";
    for (std::size_t i = 0; i < without_genes.size() && i < kSetsNamedInNote; ++i) {
      const GeneSet& set = *without_genes[i];
      note += std::string(i == 0 ? " " : ", ") + "'" +
              (key_is_description ? set.description : set.name) + "' (line " +
              std::to_string(set.line) + ")";
    }
    if (without_genes.size() > kSetsNamedInNote) note += ", ...";
    records.notes.push_back(note);
  }
  return records;
}

}  // namespace ontonet
