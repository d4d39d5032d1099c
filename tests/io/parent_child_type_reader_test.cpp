#include "ontonet/io/parent_child_type_reader.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

struct Distinct {
  std::size_t terms = 0;
  std::size_t genes = 0;
  std::size_t edge_terms = 0;
};

Distinct count_distinct(const OntologyRecords& records) {
  std::set<std::string> terms, genes, edge_terms;
  for (const TermRecord& term : records.terms) terms.insert(term.id);
  for (const AnnotationRecord& annotation : records.annotations) genes.insert(annotation.gene);
  for (const EdgeRecord& edge : records.edges) {
    edge_terms.insert(edge.child);
    edge_terms.insert(edge.parent);
  }
  return {terms.size(), genes.size(), edge_terms.size()};
}

TEST(ParentChildTypeReader, SplitsTermEdgesFromGeneAnnotations) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt",
                                     "ROOT\tT1\tdefault\n"
                                     "T1\tTP53\tgene\n"
                                     "ROOT\tMDM2\tgene\n");
  const OntologyRecords records = read_parent_child_type(path);
  ASSERT_EQ(records.edges.size(), 1u);
  EXPECT_EQ(records.edges[0].child, "T1");
  EXPECT_EQ(records.edges[0].parent, "ROOT");
  EXPECT_EQ(records.edges[0].relation, "default");
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[0].term, "T1");
  EXPECT_EQ(records.annotations[0].gene, "TP53");
  EXPECT_EQ(records.annotations[1].location.line, 3u);
  EXPECT_EQ(records.annotations[1].location.file, path);
}

TEST(ParentChildTypeReader, DeclaresParentsAndTermChildrenOnceNeverGenes) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt",
                                     "T2\tTP53\tgene\n"
                                     "ROOT\tT1\tdefault\n"
                                     "ROOT\tT2\tdefault\n"
                                     "T1\tMDM2\tgene\n");
  const OntologyRecords records = read_parent_child_type(path);
  ASSERT_EQ(records.terms.size(), 3u);
  EXPECT_EQ(records.terms[0].id, "T2");
  EXPECT_EQ(records.terms[0].location.line, 1u);
  EXPECT_EQ(records.terms[1].id, "ROOT");
  EXPECT_EQ(records.terms[2].id, "T1");
  EXPECT_EQ(records.terms[2].location.line, 2u);
}

TEST(ParentChildTypeReader, CountsExactlyRepeatedLinesAsDropped) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt",
                                     "ROOT\tT1\tdefault\n"
                                     "T1\tTP53\tgene\n"
                                     "ROOT\tT1\tdefault\n"
                                     "T1\tTP53\tgene\n"
                                     "T1\tTP53\tgene\n");
  const OntologyRecords records = read_parent_child_type(path);
  EXPECT_EQ(records.edges.size(), 1u);
  EXPECT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.dropped.at("duplicate lines"), 3u);
}

TEST(ParentChildTypeReader, AcceptsByteOrderMarkCrlfAndBlankLines) {
  ScratchDir dir("pct");
  const std::string path =
      dir.write("ont.txt", "\xEF\xBB\xBFROOT\tT1\tdefault\r\n\r\nT1\tTP53\tgene\r\n");
  const OntologyRecords records = read_parent_child_type(path);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "ROOT");
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.annotations[0].gene, "TP53");
  EXPECT_EQ(records.annotations[0].location.line, 3u);
}

TEST(ParentChildTypeReader, RejectsUnknownTypeNamingAllowedValues) {
  ScratchDir dir("pct");
  const std::string path =
      dir.write("ont.txt", "ROOT\tT1\tdefault\nT1\tTP53\tgene\nT1\tT2\tis_a\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 3,
                     "expected type 'default' (term -> term) or 'gene' (term -> gene) in column 3, "
                     "found 'is_a'");
}

TEST(ParentChildTypeReader, RejectsMissingColumn) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\nT1\tTP53\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 2,
                     "expected 3 tab-separated columns (parent, child, type), got 2");
}

TEST(ParentChildTypeReader, RejectsSpaceSeparatedLine) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\nT1 TP53 gene\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 2, "got 1");
}

TEST(ParentChildTypeReader, RejectsExtraColumn) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\t0.5\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 1, "got 4");
}

TEST(ParentChildTypeReader, RejectsEmptyParent) {
  ScratchDir dir("pct");
  const std::string path =
      dir.write("ont.txt", "ROOT\tT1\tdefault\nROOT\tT2\tdefault\n\tT3\tdefault\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 3,
                     "expected a parent term in column 1, found an empty field");
}

TEST(ParentChildTypeReader, RejectsEmptyChild) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\nT1\t \tgene\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 2,
                     "expected a child in column 2");
}

TEST(ParentChildTypeReader, RejectsEmptyFile) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "");
  expect_input_error([&] { read_parent_child_type(path); }, path, 0, "0 bytes");
}

TEST(ParentChildTypeReader, RejectsFileOfBlankLines) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "\n\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 0, "expected at least one");
}

TEST(ParentChildTypeReader, RejectsBinaryFile) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", test::binary_bytes());
  expect_input_error([&] { read_parent_child_type(path); }, path, 1, "UTF-8");
}

TEST(ParentChildTypeReader, RejectsNulByte) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\nT1\tTP\0\tgene\n"s);
  expect_input_error([&] { read_parent_child_type(path); }, path, 2, "NUL byte");
}

TEST(ParentChildTypeReader, RejectsInvalidUtf8InName) {
  ScratchDir dir("pct");
  const std::string path =
      dir.write("ont.txt", "ROOT\tT1\tdefault\nROOT\tT2\tdefault\nT\xC3\tX\tgene\n");
  expect_input_error([&] { read_parent_child_type(path); }, path, 3, "expected UTF-8");
}

TEST(ParentChildTypeReader, RejectsTenMegabyteLine) {
  ScratchDir dir("pct");
  const std::string path = dir.write("ont.txt", "ROOT\tT1\tdefault\n" + test::ten_megabyte_line());
  expect_input_error([&] { read_parent_child_type(path); }, path, 2, "expected a line of at most");
}

TEST(ParentChildTypeReader, RejectsTruncatedGzip) {
  ScratchDir dir("pct");
  const std::string path =
      dir.write("ont.txt.gz", test::truncated_gzip("ROOT\tT1\tdefault\nT1\tTP53\tgene\n"));
  expect_input_error([&] { read_parent_child_type(path); }, path, 1,
                     "expected a complete gzip stream");
}

TEST(ParentChildTypeReader, ReadsDrugCellOntologyWithExactCounts) {
  const OntologyRecords records =
      read_parent_child_type(test::shared_data("drugcell/drugcell_ont.txt"));
  EXPECT_EQ(records.edges.size(), 3167u);
  EXPECT_EQ(records.annotations.size(), 59753u);
  const Distinct distinct = count_distinct(records);
  EXPECT_EQ(records.terms.size(), 2086u);
  EXPECT_EQ(distinct.terms, 2086u);
  EXPECT_EQ(distinct.edge_terms, 2086u);
  EXPECT_EQ(distinct.genes, 3008u);
  EXPECT_TRUE(records.dropped.empty());
  EXPECT_EQ(records.annotations.back().gene, "EML4");
  EXPECT_EQ(records.annotations.back().location.line, 62920u);
}

TEST(ParentChildTypeReader, ReadsNestVnnOntologyWithExactCounts) {
  const OntologyRecords records =
      read_parent_child_type(test::shared_data("nest_vnn/ontology.txt"));
  EXPECT_EQ(records.edges.size(), 150u);
  EXPECT_EQ(records.annotations.size(), 1366u);
  const Distinct distinct = count_distinct(records);
  EXPECT_EQ(records.terms.size(), 131u);
  EXPECT_EQ(distinct.terms, 131u);
  EXPECT_EQ(distinct.edge_terms, 131u);
  EXPECT_EQ(distinct.genes, 718u);
  EXPECT_EQ(records.terms[0].id, "NEST");
  EXPECT_TRUE(records.dropped.empty());
}

}  // namespace
}  // namespace ontonet
