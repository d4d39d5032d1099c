#include "ontonet/io/gennet_h5_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/plink_reader.hpp"

namespace ontonet {
namespace {

// Fixtures written by tests/data/gennet_h5/make_fixtures.c.
std::string fixture(const std::string& name) {
  return test::source_path("tests/data/gennet_h5/" + name);
}

std::string error_of(const std::string& path) {
  try {
    GenNetGenotypeFile file(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(GenNetH5Reader, ReadsIntegerRowRangesAsFloat) {
  const GenNetGenotypeFile file(fixture("int8_5x3.h5"));
  ASSERT_EQ(file.n_samples(), 5u);
  ASSERT_EQ(file.n_variants(), 3u);
  std::vector<float> rows(2 * 3);
  file.read_rows(1, 2, rows.data());  // rows 1 and 2: values 3*i + j - 4
  EXPECT_EQ(rows, (std::vector<float>{-1, 0, 1, 2, 3, 4}));
  const SampleMatrix all = file.read_all();
  EXPECT_EQ(all.values(0, 0), -4.0f);
  EXPECT_EQ(all.values(4, 2), 10.0f);
  EXPECT_EQ(all.sample_ids[4], "row4");
  EXPECT_EQ(all.feature_ids[2], "variant2");
}

TEST(GenNetH5Reader, ReadsCompressedDoubles) {
  const GenNetGenotypeFile file(fixture("double_2x2.h5"));
  const SampleMatrix all = file.read_all();
  EXPECT_EQ(all.values(0, 1), 1.5f);
  EXPECT_EQ(all.values(1, 1), -3.25f);
}

TEST(GenNetH5Reader, RejectsRowRangePastTheEnd) {
  const GenNetGenotypeFile file(fixture("int8_5x3.h5"));
  std::vector<float> rows(3 * 3);
  try {
    file.read_rows(3, 3, rows.data());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("expected rows within 0..5, asked for rows 3..6"),
              std::string::npos)
        << e.what();
  }
}

TEST(GenNetH5Reader, RejectsMissingDatasetWrongRankAndNonNumbers) {
  EXPECT_NE(error_of(fixture("no_data.h5")).find("no_data.h5: expected a dataset named 'data'"),
            std::string::npos);
  EXPECT_NE(error_of(fixture("rank1.h5"))
                .find("rank1.h5: expected dataset 'data' of rank 2 "
                      "(samples x variants), got rank 1"),
            std::string::npos)
      << error_of(fixture("rank1.h5"));
  EXPECT_NE(error_of(fixture("strings.h5")).find("of integers or floats"), std::string::npos);
}

TEST(GenNetH5Reader, RejectsMissingAndNonHdf5Files) {
  test::ScratchDir dir("h5");
  EXPECT_NE(error_of(dir.path("absent.h5")).find("absent.h5: cannot open file"), std::string::npos);
  const std::string text = dir.write("text.h5", "patient_id,labels\n");
  EXPECT_NE(error_of(text).find("text.h5: expected an HDF5 file"), std::string::npos);
}

// The shapes and values below were read with a separate C program against libhdf5 (h5py and
// h5dump are not installed here), so they check this reader's hyperslab code, not the library.
TEST(GenNetH5Reader, ReadsGenNetExampleShapesAndValues) {
  const GenNetGenotypeFile classification(
      test::shared_data("gennet/example_classification/genotype.h5"));
  EXPECT_EQ(classification.n_samples(), 8000u);
  EXPECT_EQ(classification.n_variants(), 100u);
  std::vector<float> row(100);
  classification.read_rows(17, 1, row.data());
  EXPECT_EQ(std::vector<float>(row.begin() + 40, row.begin() + 44),
            (std::vector<float>{0, 1, 2, 1}));
  const SampleMatrix all = classification.read_all();
  EXPECT_EQ(all.values.cast<double>().sum(), 480648.0);

  for (const char* folder : {"example_regression", "example_regression_cov"}) {
    const GenNetGenotypeFile regression(
        test::shared_data(std::string("gennet/") + folder + "/genotype.h5"));
    EXPECT_EQ(regression.n_samples(), 10000u);
    EXPECT_EQ(regression.n_variants(), 100u);
    regression.read_rows(9999, 1, row.data());
    EXPECT_EQ(std::vector<float>(row.begin(), row.begin() + 3), (std::vector<float>{1, 0, -1}));
  }
}

// An independent check: GenNet's A_to_Z genotype.h5 was converted from the PLINK files next to
// it and counts the other allele, so every value equals 2 minus ontonet's PLINK A1 dosage.
TEST(GenNetH5Reader, AToZGenotypesEqualTwoMinusPlinkDosage) {
  const GenNetGenotypeFile file(test::shared_data("gennet/A_to_Z/run_folder/genotype.h5"));
  const PlinkDataset plink = open_plink(test::shared_data("gennet/A_to_Z/plink/GenNet_simulation"));
  ASSERT_EQ(file.n_samples(), plink.n_samples());
  ASSERT_EQ(file.n_variants(), plink.n_snps());
  const SampleMatrix h5 = file.read_all();
  std::vector<std::size_t> rows(plink.n_samples());
  for (std::size_t s = 0; s < rows.size(); ++s) rows[s] = s;
  std::vector<float> dosages(plink.n_snps() * rows.size());  // [snps, samples]
  decode_batch(plink, rows, 0, plink.n_snps(), dosages.data(), -1.0f);
  std::size_t mismatches = 0;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    for (std::size_t snp = 0; snp < plink.n_snps(); ++snp) {
      const float expected = 2.0f - dosages[snp * rows.size() + s];
      mismatches +=
          h5.values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(snp)) != expected;
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace ontonet
