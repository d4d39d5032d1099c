// A data matrix as the data readers hand it over: one row per sample, one column per feature
// (a SNP, a gene, a gene's mutation channel, a drug fingerprint bit), with the IDs of both and the
// file(s) it came from. Values are float; a value the file marks as missing is NaN, and
// `n_missing` says how many there are so that the caller reports them rather than discovers them.
// This is the reader-side layout [samples, features]; the training stage transposes mini-batches
// into its own activation layout [features, batch].
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <string>
#include <vector>

namespace ontonet {

using SampleValues = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct SampleMatrix {
  std::vector<std::string> sample_ids;   // one per row, unique
  std::vector<std::string> feature_ids;  // one per column, unique
  SampleValues values;                   // [samples, features]
  std::string source;                    // the file (or files, joined by ", ") read
  std::size_t n_missing = 0;             // NaN entries in `values`
};

}  // namespace ontonet
