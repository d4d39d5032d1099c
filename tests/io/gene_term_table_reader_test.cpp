#include "ontonet/io/gene_term_table_reader.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

TEST(GeneTermTableReader, ReadsAnnotationsAndDeclaresNoTermsByDefault) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tGO:0006281\nMDM2\tGO:0006281\n");
  const OntologyRecords records = read_gene_term_table(path);
  EXPECT_TRUE(records.terms.empty());
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[1].gene, "MDM2");
  EXPECT_EQ(records.annotations[1].term, "GO:0006281");
  EXPECT_EQ(records.annotations[1].location.file, path);
  EXPECT_EQ(records.annotations[1].location.line, 2u);
}

TEST(GeneTermTableReader, DeclaresEachMentionedTermOnceWhenAsked) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nMDM2\tT2\nATM\tT1\n");
  const OntologyRecords records = read_gene_term_table(path, {/*declare_terms=*/true});
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "T1");
  EXPECT_EQ(records.terms[1].id, "T2");
  EXPECT_EQ(records.terms[1].location.line, 2u);
  EXPECT_EQ(records.annotations.size(), 3u);
}

TEST(GeneTermTableReader, SkipsHeaderAndComments) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "# made by hand\nGene\tTerm\n\nTP53\tT1\n# end\n");
  const OntologyRecords records = read_gene_term_table(path);
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.annotations[0].gene, "TP53");
  EXPECT_EQ(records.annotations[0].location.line, 4u);
}

TEST(GeneTermTableReader, TreatsGeneTermOnlyAsHeaderOnTheFirstLine) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\ngene\tterm\n");
  const OntologyRecords records = read_gene_term_table(path);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[1].gene, "gene");
}

TEST(GeneTermTableReader, CountsRepeatedPairs) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nTP53\tT1\nTP53\tT2\nTP53\tT1\n");
  const OntologyRecords records = read_gene_term_table(path);
  EXPECT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.dropped.at("repeated gene-term pairs"), 2u);
}

TEST(GeneTermTableReader, AcceptsByteOrderMarkAndCrlf) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "\xEF\xBB\xBFgene\tterm\r\nTP53\tT1\r\n");
  const OntologyRecords records = read_gene_term_table(path);
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.annotations[0].term, "T1");
  EXPECT_EQ(records.annotations[0].location.line, 2u);
}

TEST(GeneTermTableReader, RejectsMissingTab) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nMDM2 T1\n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 2,
                     "expected 2 tab-separated columns (gene, term), got 1");
}

TEST(GeneTermTableReader, RejectsThirdColumn) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "gene\tterm\nTP53\tT1\nTP53\tT1\tIEA\n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 3, "got 3");
}

TEST(GeneTermTableReader, RejectsEmptyGene) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\n\tT1\n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 2,
                     "expected a gene in column 1, found an empty field");
}

TEST(GeneTermTableReader, RejectsEmptyTerm) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nATM\tT2\nMDM2\t  \n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 3,
                     "expected a term ID in column 2");
}

TEST(GeneTermTableReader, RejectsHeaderWithoutRows) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "gene\tterm\n# nothing yet\n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 0, "expected at least one");
}

TEST(GeneTermTableReader, RejectsEmptyFile) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "");
  expect_input_error([&] { read_gene_term_table(path); }, path, 0, "0 bytes");
}

TEST(GeneTermTableReader, RejectsBinaryFile) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", test::binary_bytes());
  expect_input_error([&] { read_gene_term_table(path); }, path, 1, "UTF-8");
}

TEST(GeneTermTableReader, RejectsNulByte) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nATM\tT1\nMDM2\tT\0\n"s);
  expect_input_error([&] { read_gene_term_table(path); }, path, 3, "NUL byte");
}

TEST(GeneTermTableReader, RejectsInvalidUtf8) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nG\xFF\tT1\n");
  expect_input_error([&] { read_gene_term_table(path); }, path, 2, "expected UTF-8");
}

TEST(GeneTermTableReader, RejectsTenMegabyteLine) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv", "TP53\tT1\nATM\tT1\n" + test::ten_megabyte_line());
  expect_input_error([&] { read_gene_term_table(path); }, path, 3, "expected a line of at most");
}

TEST(GeneTermTableReader, RejectsTruncatedGzip) {
  ScratchDir dir("gene-term");
  const std::string path = dir.write("g2t.tsv.gz", test::truncated_gzip("TP53\tT1\nATM\tT1\n"));
  expect_input_error([&] { read_gene_term_table(path); }, path, 1,
                     "expected a complete gzip stream");
}

}  // namespace
}  // namespace ontonet
