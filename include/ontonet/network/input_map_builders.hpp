// Builders of an InputMap: the ways a data set's columns get wired to genes. A feature-to-gene
// table or GenNet topology records name the pairs outright; PLINK SNP positions are placed into
// gene ranges widened by a window; expression and mutation data need no table (each column is a
// gene, or one of a few channels of a gene). Every builder keeps the data's column order and
// reports what it could not wire instead of dropping it silently. Formats:
// docs/formats/input_maps.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ontonet/io/gene_range_reader.hpp"
#include "ontonet/io/input_map_records.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "ontonet/network/input_map.hpp"

namespace ontonet {

// What a builder did with its input, for the run log.
struct InputMapReport {
  std::size_t n_features = 0;           // data columns
  std::size_t n_mapped_features = 0;    // columns feeding at least one gene
  std::size_t n_unmapped_features = 0;  // columns feeding no gene (they will be ignored)
  std::size_t n_connections = 0;        // feature-gene pairs in the map
  std::size_t n_genes = 0;              // distinct genes fed by some feature
  std::size_t n_repeated_pairs = 0;     // feature-gene pairs stated more than once, merged
  // Table features absent from the data, in first-seen order: a sign of mismatched identifiers
  // (e.g. rsIDs against chr:pos IDs), so they are listed rather than dropped unseen.
  std::vector<std::string> features_not_in_data;
};

struct BuiltInputMap {
  InputMap map;
  InputMapReport report;
};

// ---- Named pairs: feature-gene tables and GenNet topology records ------------------------------

// Wires `feature_ids` (the data's column order; each ID once, else ConfigError "feature_ids")
// by `records`. A feature may appear in several records (several genes).
BuiltInputMap input_map_from_records(const std::vector<std::string>& feature_ids,
                                     const std::vector<InputMapRecord>& records);

// read_feature_gene_table (io/feature_gene_table_reader.hpp) then input_map_from_records.
BuiltInputMap input_map_from_feature_table(const std::vector<std::string>& feature_ids,
                                           const std::string& table_path);

// ---- Gene-level data ---------------------------------------------------------------------------

// One feature per gene, feature ID = gene symbol (expression, mutation). Genes must be distinct
// (ConfigError "genes").
InputMap identity_input_map(const std::vector<std::string>& genes);

// Features that name their gene: "TP53" or "TP53:mutation" (the gene is the text before the first
// ':') feeds TP53, as the matrix and NeST-VNN loaders name them. Feature IDs must be distinct and
// non-empty (ConfigError "feature_ids").
BuiltInputMap input_map_from_feature_names(const std::vector<std::string>& feature_ids);

// Order of the "GENE:channel" features of channel_input_map.
enum class ChannelOrder {
  kChannelMajor,  // all genes of channel 1, then all genes of channel 2, ... (P-NET's stacking)
  kGeneMajor,     // all channels of gene 1, then all channels of gene 2, ...
};

// Several input channels per gene (e.g. mutation, cndeletion, cnamplification): feature IDs
// "GENE:channel", each feeding its gene. Genes and channels must be distinct and non-empty
// (ConfigError "genes" / "channels").
InputMap channel_input_map(const std::vector<std::string>& genes,
                           const std::vector<std::string>& channels, ChannelOrder order);

// ---- SNP positions against gene ranges ---------------------------------------------------------

// Maximum window accepted, so that position arithmetic cannot overflow (1 Gbp).
constexpr std::int64_t kMaxWindowBp = 1'000'000'000;

// Feature f = variants[f] (ID = its .bim ID) feeds every gene with a range whose
// [start - window_bp, end + window_bp] contains the variant's bp position; variants with
// position <= 0 (unknown in PLINK) feed nothing. window_bp in [0, kMaxWindowBp] (ConfigError
// "window_bp"). Sorted sweep per chromosome: O((S + R) log(S + R) + connections).
BuiltInputMap input_map_from_positions(const std::vector<PlinkVariant>& variants,
                                       const std::vector<GeneRange>& genes, std::int64_t window_bp);

// read_bim (io/plink_reader.hpp) and read_gene_ranges (io/gene_range_reader.hpp), then
// input_map_from_positions.
BuiltInputMap input_map_from_bim(const std::string& bim_path, const std::string& gene_range_path,
                                 std::int64_t window_bp);

}  // namespace ontonet
