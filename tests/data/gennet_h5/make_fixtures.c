/* Writes the tiny HDF5 fixtures of tests/io/gennet_h5_reader_test.cpp. Run from this folder:
 *   gcc make_fixtures.c -I/usr/include/hdf5/serial -L/usr/lib/x86_64-linux-gnu/hdf5/serial \
 *       -lhdf5 -o /tmp/make_fixtures && /tmp/make_fixtures
 * int8_5x3.h5    dataset `data`, int8 [5, 3], value(i, j) = i * 3 + j - 4 (so some are negative)
 * double_2x2.h5  dataset `data`, float64 [2, 2] = {{0.5, 1.5}, {2.5, -3.25}}, chunked + gzip
 * rank1.h5       dataset `data`, int32 [4]
 * no_data.h5     dataset `genotypes` only
 * strings.h5     dataset `data` of 2 x 2 fixed-length strings */
#include <hdf5.h>

static void write(const char* name, const char* dataset, int rank, const hsize_t* dims,
                  hid_t file_type, hid_t memory_type, const void* values, int compress) {
  hid_t file = H5Fcreate(name, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  hid_t space = H5Screate_simple(rank, dims, NULL);
  hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
  if (compress) {
    H5Pset_chunk(properties, rank, dims);
    H5Pset_deflate(properties, 6);
  }
  hid_t set = H5Dcreate2(file, dataset, file_type, space, H5P_DEFAULT, properties, H5P_DEFAULT);
  H5Dwrite(set, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
  H5Dclose(set);
  H5Pclose(properties);
  H5Sclose(space);
  H5Fclose(file);
}

int main(void) {
  signed char small[15];
  for (int k = 0; k < 15; ++k) small[k] = (signed char)(k - 4);
  const hsize_t small_dims[2] = {5, 3};
  write("int8_5x3.h5", "data", 2, small_dims, H5T_STD_I8LE, H5T_NATIVE_SCHAR, small, 0);

  const double reals[4] = {0.5, 1.5, 2.5, -3.25};
  const hsize_t real_dims[2] = {2, 2};
  write("double_2x2.h5", "data", 2, real_dims, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, reals, 1);

  const int line[4] = {1, 2, 3, 4};
  const hsize_t line_dims[1] = {4};
  write("rank1.h5", "data", 1, line_dims, H5T_STD_I32LE, H5T_NATIVE_INT, line, 0);
  write("no_data.h5", "genotypes", 2, real_dims, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, reals, 0);

  hid_t text = H5Tcopy(H5T_C_S1);
  H5Tset_size(text, 4);
  write("strings.h5", "data", 2, real_dims, text, text, "abc\0def\0ghi\0jkl", 0);
  H5Tclose(text);
  return 0;
}
