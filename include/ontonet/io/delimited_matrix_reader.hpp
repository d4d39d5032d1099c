// Reads a dense samples x features matrix from a delimited text file (TSV or CSV, plain or
// gzip): a header row whose first field names the sample-ID column (its text is ignored) and whose
// other fields are the feature IDs, then one row per sample: the sample ID, then one number per
// feature. NA, N/A, NaN, null and empty fields are missing values (NaN, counted). Fields are
// trimmed of spaces; quoting is not supported. See docs/formats/delimited_matrix.md.
#pragma once

#include <string>

#include "ontonet/io/sample_matrix.hpp"

namespace ontonet {

struct DelimitedMatrixOptions {
  // '\t' or ','; '\0' detects it from the header: tab when the header holds a tab, else comma.
  char delimiter = '\0';
};

// Throws InputError(path, line, ...) for: a header with fewer than two fields or an empty or
// repeated feature ID; a row with the wrong number of fields (expected and got); a field that is
// neither a number nor a missing value (names the feature column); an empty or repeated sample ID
// (names both lines); a file with no sample rows.
SampleMatrix read_delimited_matrix(const std::string& path,
                                   const DelimitedMatrixOptions& options = {});

}  // namespace ontonet
