#include "ontonet/io/feature_gene_table_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;

TEST(FeatureGeneTableReader, ReadsPairsInFileOrderSkippingHeaderCommentsAndBlankLines) {
  ScratchDir dir("feature-gene-table");
  const std::string path =
      dir.write("map.tsv", "feature\tgene\n# a comment\nrs2\tBRCA2\n\nrs1\t TP53 \n");
  const std::vector<InputMapRecord> records = read_feature_gene_table(path);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].input, "rs2");
  EXPECT_EQ(records[0].gene, "BRCA2");
  EXPECT_EQ(records[0].location.line, 3u);
  EXPECT_EQ(records[1].gene, "TP53");
  EXPECT_EQ(records[1].location.line, 5u);
}

TEST(FeatureGeneTableReader, RejectsMalformedLinesWithTheirLineNumber) {
  ScratchDir dir("feature-gene-table");
  const std::string three = dir.write("three.tsv", "# c\nrs1\tA\nrs2\tB\tC\n");
  expect_input_error([&] { read_feature_gene_table(three); }, three, 3,
                     "expected 2 tab-separated columns (feature, gene), got 3");
  const std::string empty_gene = dir.write("empty.tsv", "rs1\tA\nrs2\t \n");
  expect_input_error([&] { read_feature_gene_table(empty_gene); }, empty_gene, 2,
                     "expected a gene in column 2");
  const std::string header_late = dir.write("late.tsv", "rs1\tA\nfeature\tgene\n");
  EXPECT_EQ(read_feature_gene_table(header_late).size(), 2u);  // a header only on line 1
}

}  // namespace
}  // namespace ontonet
