// Reads gene annotations in the Gene Association File format, GAF 2.x (as the Gene Ontology
// distributes goa_human.gaf.gz), plain or gzip-compressed, into OntologyRecords::annotations: one
// AnnotationRecord per distinct (GO term, gene) pair, located at the first line that states it.
// NOT-qualified annotations, annotations filtered out by evidence code or aspect, and repeated
// pairs are left out and counted in OntologyRecords::dropped. See docs/formats/gaf.md.
#pragma once

#include <string>
#include <vector>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

// Which column names the gene.
enum class GafGeneKey {
  kSymbol,    // column 3, DB Object Symbol (e.g. BRCA1)
  kObjectId,  // column 2, DB Object ID (e.g. 672 or P38398)
};

struct GafOptions {
  GafGeneKey gene_key = GafGeneKey::kSymbol;
  // Keep only these evidence codes (column 7); empty keeps every code.
  std::vector<std::string> include_evidence;
  // Drop these evidence codes, e.g. {"IEA"}; applied after include_evidence.
  std::vector<std::string> exclude_evidence;
  // Aspects to keep (column 9), any of the letters P, F, C; empty keeps all three.
  std::string aspects;
};

// Requires: `path` names a GAF 2.0, 2.1 or 2.2 file; options.aspects holds only P, F and C.
// Ensures: annotations hold each kept (term, gene) pair once, in file order; terms and edges stay
// empty. Throws ConfigError("aspects", ...) for a bad aspect letter, and InputError
// ("path:line: expected ...") for a line without exactly 17 tab-separated columns, an empty GO ID,
// gene or evidence code, an aspect other than P/F/C, a GAF 1.x or unknown version header, or a file
// without any annotation line.
OntologyRecords read_gaf(const std::string& path, const GafOptions& options = {});

}  // namespace ontonet
