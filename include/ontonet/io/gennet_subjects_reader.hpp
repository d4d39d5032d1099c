// GenNet's subjects.csv: one row per subject with its ID, its label, the row of the subject's
// genotypes in genotype.h5 and the data split it belongs to (1 = train, 2 = validation,
// 3 = test), plus optional covariate columns named cov_*. Columns are found by header name; an
// unnamed first column (a pandas index written with the table) and any other column are ignored
// and listed. Fields are trimmed of spaces, as GenNet's own examples pad them. See
// docs/formats/gennet.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ontonet/io/data_split.hpp"

namespace ontonet {

struct GenNetSubject {
  std::string patient_id;
  float label = 0.0f;  // NaN when the file says NA or leaves it empty
  std::size_t genotype_row = 0;
  DataSplit split = DataSplit::kTrain;
  std::vector<float> covariates;  // one per GenNetSubjects::covariate_names; NaN when missing
  std::size_t line = 0;
};

struct GenNetSubjects {
  std::string path;
  std::vector<GenNetSubject> subjects;
  std::vector<std::string> covariate_names;  // the cov_* columns in file order
  std::vector<std::string> ignored_columns;  // header names of columns not read ("" = unnamed)
  std::size_t n_missing_labels = 0;
  std::size_t n_missing_covariates = 0;
  // Rows whose patient_id already appeared on an earlier row. Subjects are told apart by
  // genotype_row, which must be unique; GenNet's example_classification repeats 382 patient IDs.
  std::size_t n_repeated_patient_ids = 0;

  std::size_t count(DataSplit split) const;
};

// Throws InputError(path, line, ...) when a required column (patient_id, labels, genotype_row,
// set) is missing from the header, a row has the wrong number of fields, genotype_row is not a
// non-negative integer, set is not 1, 2 or 3, a label or covariate is not a number, or a
// genotype_row repeats (naming both lines).
GenNetSubjects read_gennet_subjects(const std::string& path);

// Throws InputError at the subject's line when its genotype_row is not below `n_genotype_rows`
// (the number of rows of genotype.h5).
void check_genotype_rows(const GenNetSubjects& subjects, std::size_t n_genotype_rows);

}  // namespace ontonet
