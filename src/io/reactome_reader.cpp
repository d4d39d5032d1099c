#include "ontonet/io/reactome_reader.hpp"

#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ontonet/io/gmt_reader.hpp"
#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kSpeciesNamedInError = 30;

// The pathways that the names file assigns to the chosen species.
struct SpeciesPathways {
  std::unordered_set<std::string> ids;
  std::unordered_set<std::string> id_prefixes;  // "R-HSA"

  bool contains(std::string_view id) const { return ids.count(std::string(id)) > 0; }
  // True when `id` looks like one of the species' pathways, listed in the names file or not.
  bool shares_prefix(std::string_view id) const {
    return id_prefixes.count(std::string(id.substr(0, 5))) > 0;
  }
};

std::string_view stable_id(const LineReader& reader, std::string_view field, std::size_t column) {
  const std::string_view id = table_fields::required(reader, field, column, "a pathway ID");
  if (!is_reactome_stable_id(id)) {
    throw reader.error("expected a Reactome stable ID (R-XXX-digits) in column " +
                       std::to_string(column) + ", found '" + std::string(id) + "'");
  }
  return id;
}

SpeciesPathways read_names(const std::string& path, const std::string& species,
                           OntologyRecords& records) {
  LineReader reader(path);
  SpeciesPathways pathways;
  std::unordered_map<std::string, std::size_t> line_of_id;
  std::set<std::string> species_seen;  // sorted, for an error that lists them
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    table_fields::expect_columns(reader, fields, 3, "pathway ID, name, species");
    const std::string_view id = stable_id(reader, fields[0], 1);
    const std::string_view name = table_fields::required(reader, fields[1], 2, "a pathway name");
    const std::string_view of = table_fields::required(reader, fields[2], 3, "a species");
    const auto [first, inserted] = line_of_id.emplace(id, reader.line_number());
    if (!inserted) {
      throw reader.error("expected each pathway ID once; '" + std::string(id) +
                         "' is already listed at line " + std::to_string(first->second));
    }
    if (of != species) {
      if (species_seen.size() < kSpeciesNamedInError) species_seen.emplace(of);
      continue;
    }
    pathways.ids.emplace(id);
    pathways.id_prefixes.emplace(id.substr(0, 5));
    records.terms.push_back(
        TermRecord{std::string(id), std::string(name), "", {}, {path, reader.line_number()}});
  }
  if (pathways.ids.empty()) {
    std::string seen;
    for (const std::string& name : species_seen) seen += (seen.empty() ? "'" : ", '") + name + "'";
    throw InputError(path, 0,
                     "expected pathways of species '" + species + "' in column 3, found none" +
                         (seen.empty() ? "" : " (species in the file: " + seen + ")"));
  }
  return pathways;
}

void read_relations(const std::string& path, const SpeciesPathways& pathways,
                    OntologyRecords& records) {
  LineReader reader(path);
  std::unordered_set<std::string> edges_seen;
  std::vector<std::string_view> fields;
  std::size_t other_species = 0, unlisted = 0, repeated = 0;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    table_fields::expect_columns(reader, fields, 2, "parent pathway ID, child pathway ID");
    const std::string_view parent = stable_id(reader, fields[0], 1);
    const std::string_view child = stable_id(reader, fields[1], 2);
    if (!pathways.contains(parent) || !pathways.contains(child)) {
      const bool ours = pathways.shares_prefix(parent) || pathways.shares_prefix(child);
      ++(ours ? unlisted : other_species);
      continue;
    }
    if (!edges_seen.insert(table_fields::tuple_key(parent, child)).second) {
      ++repeated;
      continue;
    }
    records.edges.push_back(
        {std::string(child), std::string(parent), "default", {path, reader.line_number()}});
  }
  if (other_species > 0) records.dropped["relations of other species"] += other_species;
  if (unlisted > 0) {
    records.dropped["relations naming a pathway absent from the names file"] += unlisted;
  }
  if (repeated > 0) records.dropped["repeated relations"] += repeated;
}

bool is_uniprot2reactome(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    if (fields.size() < 6) return false;
    const std::string_view url = trim(fields[2]);
    return url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
  }
  return false;
}

void read_gmt_gene_sets(const std::string& path, const SpeciesPathways& pathways,
                        const std::string& species, OntologyRecords& records) {
  OntologyRecords sets = read_gmt(path, {GmtTermKey::kDescription});
  std::unordered_set<std::string> kept;
  std::size_t other_species = 0, unlisted = 0;
  for (const TermRecord& set : sets.terms) {
    if (!is_reactome_stable_id(set.id)) {
      throw InputError(
          path, set.location.line,
          "expected a Reactome stable ID (R-XXX-digits) in column 2, found '" + set.id + "'");
    }
    if (pathways.contains(set.id)) {
      kept.insert(set.id);
    } else {
      ++(pathways.shares_prefix(set.id) ? unlisted : other_species);
    }
  }
  if (kept.empty()) {
    const std::string found = std::to_string(sets.terms.size());
    throw InputError(path, 0,
                     "expected gene sets of " + species + " pathways listed in the names file; " +
                         "none of the " + found + " gene sets is one");
  }
  for (AnnotationRecord& annotation : sets.annotations) {
    if (kept.count(annotation.term) > 0) records.annotations.push_back(std::move(annotation));
  }
  if (other_species > 0) records.dropped["gene sets of other species"] += other_species;
  if (unlisted > 0) records.dropped["gene sets of pathways absent from the names file"] += unlisted;
  for (const auto& [what, count] : sets.dropped) records.dropped[what] += count;
  records.notes.insert(records.notes.end(), sets.notes.begin(), sets.notes.end());
}

void read_uniprot2reactome(const std::string& path, const SpeciesPathways& pathways,
                           const std::string& species, OntologyRecords& records) {
  LineReader reader(path);
  std::unordered_set<std::string> pairs_seen;
  std::vector<std::string_view> fields;
  std::size_t other_species = 0, unlisted = 0, repeated = 0;
  std::string_view line;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, '\t', fields);
    table_fields::expect_columns(reader, fields, 6,
                                 "gene, pathway ID, URL, pathway name, evidence code, species");
    const std::string_view gene = table_fields::required(reader, fields[0], 1, "a gene");
    const std::string_view pathway = stable_id(reader, fields[1], 2);
    const std::string_view of = table_fields::required(reader, fields[5], 6, "a species");
    if (of != species) {
      ++other_species;
    } else if (!pathways.contains(pathway)) {
      ++unlisted;
    } else if (!pairs_seen.insert(table_fields::tuple_key(gene, pathway)).second) {
      ++repeated;  // the same pair with another evidence code
    } else {
      records.annotations.push_back(
          {std::string(pathway), std::string(gene), {path, reader.line_number()}});
    }
  }
  if (pairs_seen.empty()) {
    throw InputError(
        path, 0,
        "expected gene-set rows of " + species + " pathways listed in the names file, found none");
  }
  if (other_species > 0) records.dropped["gene-set rows of other species"] += other_species;
  if (unlisted > 0) {
    records.dropped["gene-set rows of pathways absent from the names file"] += unlisted;
  }
  if (repeated > 0) records.dropped["repeated gene-pathway rows"] += repeated;
}

}  // namespace

OntologyRecords read_reactome(const ReactomeFiles& files, const ReactomeOptions& options) {
  OntologyRecords records;
  const SpeciesPathways pathways = read_names(files.names, options.species, records);
  read_relations(files.relations, pathways, records);
  if (is_uniprot2reactome(files.gene_sets)) {
    read_uniprot2reactome(files.gene_sets, pathways, options.species, records);
  } else {
    read_gmt_gene_sets(files.gene_sets, pathways, options.species, records);
  }

  std::unordered_set<std::string> with_genes;
  for (const AnnotationRecord& annotation : records.annotations) with_genes.insert(annotation.term);
  const std::size_t without_genes = pathways.ids.size() - with_genes.size();
  if (without_genes > 0) {
    records.notes.push_back(std::to_string(without_genes) + " " + options.species +
                            " pathways have no gene set in " + files.gene_sets +
                            "; the ontology stage prunes them as empty");
  }
  return records;
}

}  // namespace ontonet
