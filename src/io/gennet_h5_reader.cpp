#include "ontonet/io/gennet_h5_reader.hpp"

#include <hdf5.h>
#include <sys/stat.h>

#include <type_traits>
#include <utility>

#include "ontonet/core/error.hpp"

namespace ontonet {

static_assert(std::is_same_v<hid_t, std::int64_t>, "hid_t is stored as std::int64_t");

namespace {

// Closes an HDF5 identifier when it leaves scope.
class ScopedId {
 public:
  ScopedId(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~ScopedId() {
    if (id_ >= 0) close_(id_);
  }
  ScopedId(const ScopedId&) = delete;
  ScopedId& operator=(const ScopedId&) = delete;
  hid_t get() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

}  // namespace

GenNetGenotypeFile::GenNetGenotypeFile(std::string path, const std::string& dataset_name)
    : path_(std::move(path)) {
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    throw InputError(path_, 0, "cannot open file: expected an HDF5 file here");
  }
  // HDF5 prints its error stack to stderr by default; the errors become InputErrors instead.
  H5E_BEGIN_TRY { file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }
  H5E_END_TRY;
  if (file_ < 0) throw InputError(path_, 0, "expected an HDF5 file, cannot open it as one");
  H5E_BEGIN_TRY { dataset_ = H5Dopen2(file_, dataset_name.c_str(), H5P_DEFAULT); }
  H5E_END_TRY;
  if (dataset_ < 0) {
    close();
    throw InputError(path_, 0, "expected a dataset named '" + dataset_name + "', found none");
  }
  const ScopedId space(H5Dget_space(dataset_), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank != 2) {
    close();
    throw InputError(path_, 0,
                     "expected dataset '" + dataset_name +
                         "' of rank 2 (samples x variants), got rank " + std::to_string(rank));
  }
  hsize_t dims[2] = {0, 0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  n_samples_ = static_cast<std::size_t>(dims[0]);
  n_variants_ = static_cast<std::size_t>(dims[1]);
  const ScopedId type(H5Dget_type(dataset_), H5Tclose);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    close();
    throw InputError(path_, 0, "expected dataset '" + dataset_name + "' of integers or floats");
  }
}

GenNetGenotypeFile::~GenNetGenotypeFile() { close(); }

GenNetGenotypeFile::GenNetGenotypeFile(GenNetGenotypeFile&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, -1)),
      dataset_(std::exchange(other.dataset_, -1)),
      n_samples_(other.n_samples_),
      n_variants_(other.n_variants_) {}

GenNetGenotypeFile& GenNetGenotypeFile::operator=(GenNetGenotypeFile&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    file_ = std::exchange(other.file_, -1);
    dataset_ = std::exchange(other.dataset_, -1);
    n_samples_ = other.n_samples_;
    n_variants_ = other.n_variants_;
  }
  return *this;
}

void GenNetGenotypeFile::close() {
  if (dataset_ >= 0) H5Dclose(dataset_);
  if (file_ >= 0) H5Fclose(file_);
  dataset_ = -1;
  file_ = -1;
}

void GenNetGenotypeFile::read_rows(std::size_t first_row, std::size_t n_rows, float* out) const {
  if (first_row > n_samples_ || n_rows > n_samples_ - first_row) {
    throw InputError(path_, 0,
                     "expected rows within 0.." + std::to_string(n_samples_) + ", asked for rows " +
                         std::to_string(first_row) + ".." + std::to_string(first_row + n_rows));
  }
  if (n_rows == 0 || n_variants_ == 0) return;
  const ScopedId file_space(H5Dget_space(dataset_), H5Sclose);
  const hsize_t offset[2] = {first_row, 0};
  const hsize_t count[2] = {n_rows, n_variants_};
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, count, nullptr);
  const ScopedId memory_space(H5Screate_simple(2, count, nullptr), H5Sclose);
  // The library converts any stored integer or float type to float while reading.
  herr_t status = -1;
  H5E_BEGIN_TRY {
    status =
        H5Dread(dataset_, H5T_NATIVE_FLOAT, memory_space.get(), file_space.get(), H5P_DEFAULT, out);
  }
  H5E_END_TRY;
  if (status < 0) {
    throw InputError(path_, 0,
                     "expected readable rows " + std::to_string(first_row) + ".." +
                         std::to_string(first_row + n_rows) + " (corrupt file?)");
  }
}

SampleMatrix GenNetGenotypeFile::read_all() const {
  SampleMatrix matrix;
  matrix.source = path_;
  for (std::size_t i = 0; i < n_samples_; ++i)
    matrix.sample_ids.push_back("row" + std::to_string(i));
  for (std::size_t j = 0; j < n_variants_; ++j) {
    matrix.feature_ids.push_back("variant" + std::to_string(j));
  }
  matrix.values.resize(static_cast<Eigen::Index>(n_samples_),
                       static_cast<Eigen::Index>(n_variants_));
  read_rows(0, n_samples_, matrix.values.data());
  return matrix;
}

}  // namespace ontonet
