// Reads a gene-range table, where each gene lies on the genome: `entrez_id symbol chrom start end
// strand`, tab-separated, the header optional, one line per location (a gene may have several).
// SNPs are wired to the genes whose ranges, widened by a window, hold their positions
// (input_map_from_positions). Format: docs/formats/input_maps.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ontonet/io/ontology_records.hpp"

namespace ontonet {

// One location of a gene: 1-based, inclusive, on a normalized chromosome name (a start of 0 is
// accepted as written: NCBI-derived tables put a few genes at the very start of an alt contig).
struct GeneRange {
  std::string gene;
  std::string chromosome;
  std::int64_t start = 0;
  std::int64_t end = 0;
  SourceLocation location;
};

// The spelling of a chromosome both sides agree on: without a "chr" prefix, with PLINK's numeric
// codes for the sex and mitochondrial chromosomes turned into names: 23 -> X, 24 -> Y,
// 25 and XY (pseudo-autosomal, X coordinates) -> X, 26 and M -> MT. Other names are kept.
std::string normalize_chromosome(std::string_view name);

// The locations in file order, chromosomes normalized. Throws InputError naming the file and line
// for a line without 6 columns, an empty symbol or chromosome, a position that is not an integer
// in [0, 2^40], or an end before its start.
std::vector<GeneRange> read_gene_ranges(const std::string& path);

}  // namespace ontonet
