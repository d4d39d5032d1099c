// GenNet's genotype input: an HDF5 file holding one 2-D dataset (named `data` by GenNet) of shape
// [samples, variants], any integer or floating-point type. The file stays open and rows are read
// on demand as HDF5 hyperslabs, converted to float, so a cohort larger than memory is read one
// block of rows at a time. Values are passed through as stored: GenNet applies no missing-value
// code, so none is applied here. Which row belongs to which subject is said by subjects.csv
// (gennet_subjects_reader.hpp). See docs/formats/gennet.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "ontonet/io/sample_matrix.hpp"

namespace ontonet {

class GenNetGenotypeFile {
 public:
  // Opens `path` and its dataset `dataset_name`. Throws InputError(path, 0, ...) when the file is
  // missing or not HDF5, the dataset is missing, not of rank 2, or not numeric.
  explicit GenNetGenotypeFile(std::string path, const std::string& dataset_name = "data");
  ~GenNetGenotypeFile();
  GenNetGenotypeFile(GenNetGenotypeFile&& other) noexcept;
  GenNetGenotypeFile& operator=(GenNetGenotypeFile&& other) noexcept;
  GenNetGenotypeFile(const GenNetGenotypeFile&) = delete;
  GenNetGenotypeFile& operator=(const GenNetGenotypeFile&) = delete;

  std::size_t n_samples() const { return n_samples_; }
  std::size_t n_variants() const { return n_variants_; }
  const std::string& path() const { return path_; }

  // Reads rows [first_row, first_row + n_rows) into `out`, laid out [n_rows, n_variants()]
  // row-major. Throws InputError when the range passes the end of the dataset.
  void read_rows(std::size_t first_row, std::size_t n_rows, float* out) const;

  // The whole dataset as a SampleMatrix; sample IDs are "row0", "row1", ... (subjects.csv maps
  // them to patients) and feature IDs "variant0", ... (the topology file names them).
  SampleMatrix read_all() const;

 private:
  void close();

  std::string path_;
  std::int64_t file_ = -1;     // hid_t, kept as its integer type so callers need not see hdf5.h
  std::int64_t dataset_ = -1;  // hid_t
  std::size_t n_samples_ = 0;
  std::size_t n_variants_ = 0;
};

}  // namespace ontonet
