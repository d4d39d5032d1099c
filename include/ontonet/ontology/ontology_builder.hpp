// Turns the records of the ontology and annotation readers into a validated Ontology. Structural
// faults in the user's files are InputErrors naming the file and line of the offending record:
//   - a term ID declared twice: "b.obo:12: duplicate term ID GO:1 (first declared at a.obo:3)";
//     an alt_id that is already another term's ID or alt_id is reported the same way;
//   - an edge naming an undeclared term: "f:7: edge GO:2 -> GO:9 names undeclared term GO:9",
//     unless drop_dangling_edges, which drops and counts it instead;
//   - a cycle, self-loops included: "f:9: cycle: GO:1 -> GO:2 -> GO:3 -> GO:1", following
//     child -> parent edges and located at the edge that closes the cycle (GO:3 -> GO:1 here).
// Softer faults are counted in BuildReport::dropped, never errors: annotations to terms not in
// the ontology, repeated edges (the first one's relation is kept) and repeated annotations.
// Several roots are joined under a synthetic root when join_roots is set (edges of relation
// "synthetic_root"); otherwise they stay separate and BuildReport::roots lists them.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "ontonet/core/error.hpp"
#include "ontonet/io/ontology_records.hpp"
#include "ontonet/ontology/ontology.hpp"

namespace ontonet {

struct OntologyBuildOptions {
  bool join_roots = false;
  std::string synthetic_root_id = "ROOT";
  bool drop_dangling_edges = false;
};

struct BuildReport {
  // IDs of the roots of the built ontology (just the synthetic root once several were joined).
  std::vector<std::string> roots;
  // The readers' counts merged with the builder's, keyed by a phrase completing "N ... dropped".
  std::map<std::string, std::size_t> dropped;
  std::vector<std::string> notes;
};

// Relation name given to the edges from former roots to the synthetic root.
inline constexpr const char* kSyntheticRootRelation = "synthetic_root";

// Throws InputError for the faults listed above, and ConfigError when join_roots must add a
// synthetic root whose ID is already a term's ID.
Ontology build_ontology(const OntologyRecords& records, const OntologyBuildOptions& options,
                        BuildReport& report);

}  // namespace ontonet
