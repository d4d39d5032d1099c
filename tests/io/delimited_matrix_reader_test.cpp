#include "ontonet/io/delimited_matrix_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::ScratchDir;

std::string error_of(const std::string& path, DelimitedMatrixOptions options = {}) {
  try {
    read_delimited_matrix(path, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(DelimitedMatrixReader, ReadsTsvWithMissingValuesAsCountedNaN) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("expr.tsv",
                                     "sample\tTP53\tBRCA1\tEGFR\n"
                                     "s1\t1.5\tNA\t-2e-1\n"
                                     "s2\t\t3\tNaN\n"
                                     "\n"
                                     "s3\t+4\t 5.25 \t0\n");
  const SampleMatrix matrix = read_delimited_matrix(path);
  EXPECT_EQ(matrix.sample_ids, (std::vector<std::string>{"s1", "s2", "s3"}));
  EXPECT_EQ(matrix.feature_ids, (std::vector<std::string>{"TP53", "BRCA1", "EGFR"}));
  ASSERT_EQ(matrix.values.rows(), 3);
  ASSERT_EQ(matrix.values.cols(), 3);
  EXPECT_EQ(matrix.values(0, 0), 1.5f);
  EXPECT_TRUE(std::isnan(matrix.values(0, 1)));
  EXPECT_FLOAT_EQ(matrix.values(0, 2), -0.2f);
  EXPECT_TRUE(std::isnan(matrix.values(1, 0)));
  EXPECT_TRUE(std::isnan(matrix.values(1, 2)));
  EXPECT_EQ(matrix.values(2, 0), 4.0f);
  EXPECT_EQ(matrix.values(2, 1), 5.25f);
  EXPECT_EQ(matrix.n_missing, 3u);
  EXPECT_EQ(matrix.source, path);
}

TEST(DelimitedMatrixReader, DetectsCommaAndHonoursAGivenDelimiter) {
  ScratchDir dir("matrix");
  const std::string csv = dir.write("m.csv", ",a,b\nx,1,2\ny,3,4\n");
  const SampleMatrix matrix = read_delimited_matrix(csv);
  EXPECT_EQ(matrix.feature_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(matrix.values(1, 1), 4.0f);
  EXPECT_EQ(matrix.n_missing, 0u);
  // Told the file is tab-separated, the header is a single field.
  EXPECT_NE(error_of(csv, {'\t'}).find("m.csv:1: expected a header with a sample-ID column"),
            std::string::npos);
}

TEST(DelimitedMatrixReader, RejectsWrongFieldCountWithExpectedAndGot) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("m.tsv", "id\ta\tb\nx\t1\t2\ny\t3\n");
  EXPECT_NE(error_of(path).find("m.tsv:3: expected 3 fields (sample ID and 2 features), got 2"),
            std::string::npos)
      << error_of(path);
}

TEST(DelimitedMatrixReader, RejectsNonNumericFieldNamingTheColumn) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("m.tsv", "id\ta\tb\nx\t1\t2\ny\t3\tseven\n");
  EXPECT_NE(error_of(path).find("m.tsv:3: expected a number or NA for feature 'b' (column 3), got "
                                "'seven'"),
            std::string::npos)
      << error_of(path);
  const std::string infinite = dir.write("inf.tsv", "id\ta\nx\tinf\n");
  EXPECT_NE(error_of(infinite).find("inf.tsv:2: expected a number"), std::string::npos);
}

TEST(DelimitedMatrixReader, RejectsDuplicateSampleNamingBothLines) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("m.tsv", "id\ta\nx\t1\ny\t2\nx\t3\n");
  EXPECT_NE(
      error_of(path).find("m.tsv:4: expected unique sample IDs, but 'x' was already on line 2"),
      std::string::npos)
      << error_of(path);
}

TEST(DelimitedMatrixReader, RejectsDuplicateFeatureNamingBothColumns) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("m.csv", "id,a,b,a\nx,1,2,3\n");
  EXPECT_NE(
      error_of(path).find("m.csv:1: expected unique feature IDs, but 'a' is in columns 2 and 4"),
      std::string::npos)
      << error_of(path);
}

TEST(DelimitedMatrixReader, RejectsHeaderOnlyFile) {
  ScratchDir dir("matrix");
  const std::string path = dir.write("m.tsv", "id\ta\n");
  EXPECT_NE(error_of(path).find("m.tsv: expected at least one sample row"), std::string::npos);
}

}  // namespace
}  // namespace ontonet
