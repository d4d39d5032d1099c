#include "ontonet/io/gene_range_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;

TEST(NormalizeChromosome, AgreesOnChrPrefixAndPlinkCodes) {
  EXPECT_EQ(normalize_chromosome("chr1"), "1");
  EXPECT_EQ(normalize_chromosome("CHR22"), "22");
  EXPECT_EQ(normalize_chromosome("1"), "1");
  EXPECT_EQ(normalize_chromosome("23"), "X");
  EXPECT_EQ(normalize_chromosome("chrX"), "X");
  EXPECT_EQ(normalize_chromosome("x"), "X");
  EXPECT_EQ(normalize_chromosome("25"), "X");
  EXPECT_EQ(normalize_chromosome("XY"), "X");
  EXPECT_EQ(normalize_chromosome("24"), "Y");
  EXPECT_EQ(normalize_chromosome("26"), "MT");
  EXPECT_EQ(normalize_chromosome("chrM"), "MT");
  EXPECT_EQ(normalize_chromosome("M"), "MT");
  EXPECT_EQ(normalize_chromosome("6_GL000251v2_alt"), "6_GL000251v2_alt");
}

TEST(ReadGeneRanges, ReadsHeaderCommentsAndNormalizesChromosomes) {
  ScratchDir dir("gene-ranges");
  const std::string path = dir.write("genes.tsv",
                                     "entrez_id\tsymbol\tchrom\tstart\tend\tstrand\n"
                                     "# comment\n"
                                     "1\tA1BG\tchr19\t100\t200\t-\n"
                                     "2\tA2M\t12\t5\t5\t+\n");
  const std::vector<GeneRange> ranges = read_gene_ranges(path);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].gene, "A1BG");
  EXPECT_EQ(ranges[0].chromosome, "19");
  EXPECT_EQ(ranges[0].start, 100);
  EXPECT_EQ(ranges[0].end, 200);
  EXPECT_EQ(ranges[0].location.line, 3u);
  EXPECT_EQ(ranges[1].start, ranges[1].end);
}

TEST(ReadGeneRanges, RejectsBadLinesWithTheirLineNumber) {
  ScratchDir dir("gene-ranges");
  const std::string columns = dir.write("columns.tsv", "1\tA\t1\t10\t20\t+\n2\tB\t1\t10\n");
  expect_input_error([&] { read_gene_ranges(columns); }, columns, 2,
                     "expected 6 tab-separated columns");
  const std::string reversed =
      dir.write("reversed.tsv", "1\tA\t1\t10\t20\t+\n2\tB\t1\t30\t20\t+\n");
  expect_input_error([&] { read_gene_ranges(reversed); }, reversed, 2, "expected end >= start");
  const std::string text = dir.write("text.tsv", "1\tA\t1\tten\t20\t+\n");
  expect_input_error([&] { read_gene_ranges(text); }, text, 1, "expected a start position");
  const std::string negative =
      dir.write("negative.tsv", "1\tA\t1\t10\t20\t+\n1\tA\t1\t-5\t20\t+\n");
  expect_input_error([&] { read_gene_ranges(negative); }, negative, 2, "got '-5'");
}

}  // namespace
}  // namespace ontonet
