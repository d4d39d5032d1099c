// Reads phenotypes and covariates: a TSV or CSV (plain or gzip) with a header row, one row per
// sample, a sample-ID column and the columns the caller names, each read as one kind:
//   continuous  any number;
//   binary      0/1, or the words case/control, yes/no, true/false (any letter case) -> 1/0;
//   multiclass  any text label; classes are numbered in sorted order of their labels, and the
//               label of each class index is kept;
//   survival    a time column (a number >= 0) with an event column (1/0, true/false: 1 = the
//               event happened, 0 = censored).
// NA, N/A, NaN, null and empty fields are missing (NaN, counted per column). An optional split
// column holds train/validation/test or 1/2/3. Columns not named are ignored. See
// docs/formats/phenotype.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ontonet/io/data_split.hpp"

namespace ontonet {

enum class PhenotypeKind { kContinuous, kBinary, kMulticlass, kSurvival };

struct PhenotypeRequest {
  std::string column;  // header name; for survival, the time column
  PhenotypeKind kind = PhenotypeKind::kContinuous;
  std::string event_column;  // survival only
};

struct PhenotypeTableSpec {
  std::string sample_id_column;
  std::vector<PhenotypeRequest> phenotypes;
  std::string split_column;  // empty: the file has no split column
  char delimiter = '\0';     // '\t' or ','; '\0' detects it (tab if the header holds one)
};

struct PhenotypeColumn {
  std::string name;
  PhenotypeKind kind = PhenotypeKind::kContinuous;
  // Per sample: the value, 0/1, the class index, or the survival time; NaN when missing.
  std::vector<float> values;
  std::vector<float> events;              // survival only: 1 event, 0 censored, NaN missing
  std::vector<std::string> class_labels;  // multiclass only: class index -> label
  std::size_t n_missing = 0;              // samples with a missing value (or time or event)
};

struct PhenotypeTable {
  std::string path;
  std::vector<std::string> sample_ids;
  std::vector<PhenotypeColumn> columns;  // in the order requested
  std::vector<DataSplit> splits;         // one per sample; empty without a split column
};

// Throws InputError(path, line, ...) when a named column is missing from the header, a row has
// the wrong number of fields, a value does not fit its kind (naming the column), a split value is
// not train/validation/test or 1/2/3, or a sample ID is empty or repeated (naming both lines).
PhenotypeTable read_phenotypes(const std::string& path, const PhenotypeTableSpec& spec);

}  // namespace ontonet
