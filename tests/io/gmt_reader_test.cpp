#include "ontonet/io/gmt_reader.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

TEST(GmtReader, KeysByNameWhenDescriptionsAreUrls) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("msigdb.gmt",
                                     "HALLMARK_A\thttp://x/A\tTP53\tMDM2\n"
                                     "HALLMARK_B\thttp://x/B\tBRCA1\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[1].id, "HALLMARK_B");
  EXPECT_EQ(records.terms[1].name, "");
  EXPECT_EQ(records.terms[1].location.line, 2u);
  ASSERT_EQ(records.annotations.size(), 3u);
  EXPECT_EQ(records.annotations[1].term, "HALLMARK_A");
  EXPECT_EQ(records.annotations[1].gene, "MDM2");
  EXPECT_EQ(records.annotations[2].location.file, path);
  EXPECT_EQ(records.annotations[2].location.line, 2u);
  EXPECT_TRUE(records.dropped.empty());
}

TEST(GmtReader, AutoKeysByColumn2WhenEveryDescriptionIsAReactomeId) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("reactome.gmt",
                                     "2-LTR circle formation\tR-HSA-164843\tBANF1\n"
                                     "Apoptosis\tR-HSA-109581\tCASP3\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "R-HSA-164843");
  EXPECT_EQ(records.terms[0].name, "2-LTR circle formation");
  EXPECT_EQ(records.annotations[1].term, "R-HSA-109581");
}

TEST(GmtReader, AutoKeysByNameWhenOneDescriptionIsNotAReactomeId) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("mixed.gmt",
                                     "Apoptosis\tR-HSA-109581\tCASP3\n"
                                     "Custom set\tmy own\tTP53\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "Apoptosis");
  EXPECT_EQ(records.terms[1].id, "Custom set");
}

TEST(GmtReader, DescriptionKeyIsHonouredForAnyText) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("keyed.gmt", "Apoptosis\tSET:1\tCASP3\n");
  const OntologyRecords records = read_gmt(path, {GmtTermKey::kDescription});
  ASSERT_EQ(records.terms.size(), 1u);
  EXPECT_EQ(records.terms[0].id, "SET:1");
  EXPECT_EQ(records.terms[0].name, "Apoptosis");
}

TEST(GmtReader, IgnoresEmptyGeneFieldsAndCountsRepeatedGenes) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("trailing.gmt", "A\tna\tTP53\t\tMDM2\tTP53\t\t\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[1].gene, "MDM2");
  EXPECT_EQ(records.dropped.at("genes repeated within a gene set"), 1u);
}

TEST(GmtReader, DropsSetsWithoutGenesAndNamesThemInANote) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("empty_set.gmt", "A\tna\tTP53\nB\tna\t\t\nC\tna\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 1u);
  EXPECT_EQ(records.dropped.at("gene sets without genes"), 2u);
  ASSERT_EQ(records.notes.size(), 1u);
  EXPECT_NE(records.notes[0].find("'B' (line 2), 'C' (line 3)"), std::string::npos)
      << records.notes[0];
}

TEST(GmtReader, AcceptsByteOrderMarkCrlfAndBlankLines) {
  ScratchDir dir("gmt");
  const std::string path =
      dir.write("windows.gmt", "\xEF\xBB\xBFSET_A\tna\tTP53\r\n\r\nSET_B\tna\tMDM2\r\n");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "SET_A");
  EXPECT_EQ(records.annotations[0].gene, "TP53");
  EXPECT_EQ(records.terms[1].location.line, 3u);
}

TEST(GmtReader, RejectsLineWithoutTab) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\nB TP53 MDM2\n");
  expect_input_error([&] { read_gmt(path); }, path, 2, "expected at least 2 tab-separated columns");
}

TEST(GmtReader, RejectsEmptySetName) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\nB\tna\tTP53\n \tna\tMDM2\n");
  expect_input_error([&] { read_gmt(path); }, path, 3, "expected a gene-set ID in column 1");
}

TEST(GmtReader, RejectsEmptyDescriptionWhenItIsTheKey) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tID1\tTP53\nB\t\tMDM2\n");
  expect_input_error([&] { read_gmt(path, {GmtTermKey::kDescription}); }, path, 2,
                     "expected a gene-set ID in column 2");
}

TEST(GmtReader, RejectsDuplicateSetIdNamingBothLines) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\nB\tna\tTP53\nC\tna\tTP53\nB\tna\tX\n");
  expect_input_error([&] { read_gmt(path); }, path, 4, "'B' is already used at line 2");
}

TEST(GmtReader, RejectsEmptyFile) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "");
  expect_input_error([&] { read_gmt(path); }, path, 0, "0 bytes");
}

TEST(GmtReader, RejectsFileOfBlankLines) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "\n  \n");
  expect_input_error([&] { read_gmt(path); }, path, 0, "expected at least one gene set");
}

TEST(GmtReader, RejectsBinaryFile) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", test::binary_bytes());
  expect_input_error([&] { read_gmt(path); }, path, 1, "UTF-8");
}

TEST(GmtReader, RejectsNulByte) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\nB\tna\tMD\0M2\n"s);
  expect_input_error([&] { read_gmt(path); }, path, 2, "NUL byte");
}

TEST(GmtReader, RejectsInvalidUtf8InName) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\nB\tna\tTP53\nSet \xE9t\xE9\tna\tX\n");
  expect_input_error([&] { read_gmt(path); }, path, 3, "expected UTF-8");
}

TEST(GmtReader, RejectsTenMegabyteLine) {
  ScratchDir dir("gmt");
  const std::string path = dir.write("a.gmt", "A\tna\tTP53\n" + test::ten_megabyte_line());
  expect_input_error([&] { read_gmt(path); }, path, 2, "expected a line of at most");
}

TEST(GmtReader, RejectsTruncatedGzip) {
  ScratchDir dir("gmt");
  const std::string path =
      dir.write("a.gmt.gz", test::truncated_gzip("A\tna\tTP53\nB\tna\tMDM2\nC\tna\tX\n"));
  expect_input_error([&] { read_gmt(path); }, path, 1, "expected a complete gzip stream");
}

TEST(GmtReader, ReadsReactome2024GeneSetsKeyedByStableId) {
  const std::string path = test::shared_data("reactome/ReactomePathways_2024-09-18.gmt");
  const OntologyRecords records = read_gmt(path);
  ASSERT_EQ(records.terms.size(), 2694u);
  EXPECT_EQ(records.terms[0].id, "R-HSA-164843");
  EXPECT_EQ(records.terms[0].name, "2-LTR circle formation");
  EXPECT_EQ(records.annotations.size(), 132481u);
  std::set<std::string> genes;
  for (const AnnotationRecord& annotation : records.annotations) genes.insert(annotation.gene);
  EXPECT_EQ(genes.size(), 11668u);
  EXPECT_EQ(records.annotations.back().location.line, 2694u);
  EXPECT_TRUE(records.dropped.empty());
  EXPECT_TRUE(records.notes.empty());
}

}  // namespace
}  // namespace ontonet
