#include "ontonet/ontology/ontology_builder.hpp"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

std::string describe(const SourceLocation& location) {
  if (location.file.empty()) return "(no file)";
  if (location.line == 0) return location.file;
  return location.file + ":" + std::to_string(location.line);
}

InputError error_at(const SourceLocation& location, const std::string& message) {
  return InputError(location.file, location.line, message);
}

std::uint64_t edge_key(TermIndex child, TermIndex parent) {
  return (static_cast<std::uint64_t>(child) << 32) | parent;
}

// Terms and their IDs, alt_ids included, checked for duplicates.
struct DeclaredTerms {
  std::vector<Term> terms;
  std::unordered_map<std::string, TermIndex> index_by_id;

  void declare(const TermRecord& record) {
    if (record.id.empty()) throw error_at(record.location, "expected a term ID, got an empty one");
    const TermIndex index = terms.size();
    claim(record.id, index, record, "duplicate term ID " + record.id);
    for (const std::string& alt_id : record.alt_ids) {
      claim(alt_id, index, record, "alt_id " + alt_id + " of " + record.id + " is already used");
    }
    terms.push_back(
        Term{record.id, record.name, record.name_space, record.alt_ids, record.location});
  }

  std::optional<TermIndex> find(const std::string& id) const {
    const auto found = index_by_id.find(id);
    if (found == index_by_id.end()) return std::nullopt;
    return found->second;
  }

 private:
  void claim(const std::string& id, TermIndex index, const TermRecord& record,
             const std::string& message) {
    const auto [existing, inserted] = index_by_id.emplace(id, index);
    if (inserted) return;
    // An alt_id repeated within one term is harmless.
    if (existing->second == index) return;
    throw error_at(record.location, message + " (first declared at " +
                                        describe(terms[existing->second].location) + ")");
  }
};

// Interns relation names in order of first use.
struct RelationTable {
  std::vector<std::string> names;
  std::unordered_map<std::string, RelationId> id_by_name;

  RelationId intern(const std::string& name) {
    const auto [found, inserted] = id_by_name.emplace(name, names.size());
    if (inserted) names.push_back(name);
    return found->second;
  }
};

struct ResolvedEdges {
  std::vector<TermEdge> edges;
  std::vector<SourceLocation> locations;  // one per edge
  std::unordered_map<std::uint64_t, std::size_t> index_by_key;
};

ResolvedEdges resolve_edges(const OntologyRecords& records, const DeclaredTerms& declared,
                            RelationTable& relations, const OntologyBuildOptions& options,
                            BuildReport& report) {
  ResolvedEdges resolved;
  for (const EdgeRecord& record : records.edges) {
    const std::optional<TermIndex> child = declared.find(record.child);
    const std::optional<TermIndex> parent = declared.find(record.parent);
    if (!child || !parent) {
      if (options.drop_dangling_edges) {
        ++report.dropped["edges naming terms not in the ontology"];
        continue;
      }
      throw error_at(record.location, "edge " + record.child + " -> " + record.parent +
                                          " names undeclared term " +
                                          (child ? record.parent : record.child));
    }
    const auto [existing, inserted] =
        resolved.index_by_key.emplace(edge_key(*child, *parent), resolved.edges.size());
    if (!inserted) {
      ++report.dropped["repeated edges (same child and parent)"];
      continue;
    }
    resolved.edges.push_back(TermEdge{*child, *parent, relations.intern(record.relation)});
    resolved.locations.push_back(record.location);
  }
  return resolved;
}

void reject_cycles(const std::vector<Term>& terms, const ResolvedEdges& resolved) {
  TermGraph graph(terms.size());
  for (const TermEdge& edge : resolved.edges) boost::add_edge(edge.child, edge.parent, graph);
  if (children_first_order(graph)) return;
  const std::vector<TermIndex> cycle = find_cycle(graph);
  ONTONET_CHECK(cycle.size() >= 2, "a graph without a topological order must have a cycle");
  std::string path;
  for (const TermIndex term : cycle) path += (path.empty() ? "" : " -> ") + terms[term].id;
  const TermIndex last_child = cycle[cycle.size() - 2];
  const TermIndex last_parent = cycle.back();
  const std::size_t closing_edge = resolved.index_by_key.at(edge_key(last_child, last_parent));
  throw error_at(resolved.locations[closing_edge], "cycle: " + path);
}

std::vector<TermIndex> find_roots(std::size_t n_terms, const std::vector<TermEdge>& edges) {
  std::vector<bool> has_parent(n_terms, false);
  for (const TermEdge& edge : edges) has_parent[edge.child] = true;
  std::vector<TermIndex> roots;
  for (TermIndex term = 0; term < n_terms; ++term) {
    if (!has_parent[term]) roots.push_back(term);
  }
  return roots;
}

std::string list_ids(const std::vector<Term>& terms, const std::vector<TermIndex>& which) {
  constexpr std::size_t kMaxListed = 10;
  std::string list;
  for (std::size_t i = 0; i < which.size() && i < kMaxListed; ++i) {
    list += (i == 0 ? "" : ", ") + terms[which[i]].id;
  }
  if (which.size() > kMaxListed) list += ", ...";
  return list;
}

void join_roots(DeclaredTerms& declared, RelationTable& relations, ResolvedEdges& resolved,
                const OntologyBuildOptions& options, BuildReport& report) {
  const std::vector<TermIndex> roots = find_roots(declared.terms.size(), resolved.edges);
  if (roots.size() < 2) return;
  if (declared.find(options.synthetic_root_id)) {
    throw ConfigError("synthetic_root_id", "'" + options.synthetic_root_id +
                                               "' is already a term ID; choose another one");
  }
  report.notes.push_back("joined " + std::to_string(roots.size()) + " roots under synthetic root " +
                         options.synthetic_root_id + ": " + list_ids(declared.terms, roots));
  declared.declare(TermRecord{options.synthetic_root_id, "synthetic root", "", {}, {}});
  const TermIndex root = declared.terms.size() - 1;
  const RelationId relation = relations.intern(kSyntheticRootRelation);
  for (const TermIndex former_root : roots) {
    resolved.edges.push_back(TermEdge{former_root, root, relation});
    resolved.locations.emplace_back();
  }
}

struct ResolvedAnnotations {
  std::vector<std::string> gene_symbols;
  std::vector<std::vector<GeneIndex>> direct_genes;
};

ResolvedAnnotations resolve_annotations(const OntologyRecords& records,
                                        const DeclaredTerms& declared, BuildReport& report) {
  ResolvedAnnotations resolved;
  resolved.direct_genes.resize(declared.terms.size());
  std::unordered_map<std::string, GeneIndex> gene_by_symbol;
  std::unordered_set<std::uint64_t> seen;
  for (const AnnotationRecord& record : records.annotations) {
    const std::optional<TermIndex> term = declared.find(record.term);
    if (!term) {
      ++report.dropped["annotations to terms not in the ontology"];
      continue;
    }
    const auto [found, inserted] =
        gene_by_symbol.emplace(record.gene, static_cast<GeneIndex>(resolved.gene_symbols.size()));
    if (inserted) resolved.gene_symbols.push_back(record.gene);
    if (!seen.insert(edge_key(*term, found->second)).second) {
      ++report.dropped["repeated annotations (same gene and term)"];
      continue;
    }
    resolved.direct_genes[*term].push_back(found->second);
  }
  return resolved;
}

}  // namespace

Ontology build_ontology(const OntologyRecords& records, const OntologyBuildOptions& options,
                        BuildReport& report) {
  for (const auto& [what, count] : records.dropped) report.dropped[what] += count;
  report.notes.insert(report.notes.end(), records.notes.begin(), records.notes.end());

  DeclaredTerms declared;
  for (const TermRecord& record : records.terms) declared.declare(record);
  RelationTable relations;
  ResolvedEdges resolved = resolve_edges(records, declared, relations, options, report);
  reject_cycles(declared.terms, resolved);
  if (options.join_roots) join_roots(declared, relations, resolved, options, report);
  ResolvedAnnotations annotations = resolve_annotations(records, declared, report);

  Ontology ontology(std::move(declared.terms), std::move(relations.names), resolved.edges,
                    std::move(annotations.gene_symbols), std::move(annotations.direct_genes));
  report.roots.clear();
  for (const TermIndex root : ontology.roots()) report.roots.push_back(ontology.term(root).id);
  if (report.roots.size() > 1) {
    report.notes.push_back(std::to_string(report.roots.size()) +
                           " roots; join_roots would join them under one synthetic root");
  }
  return ontology;
}

}  // namespace ontonet
