#include "ontonet/io/reactome_reader.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

const std::string kNames =
    "R-HSA-1\tRoot pathway\tHomo sapiens\n"
    "R-HSA-2\tChild A\tHomo sapiens\n"
    "R-HSA-3\tChild B\tHomo sapiens\n"
    "R-MMU-1\tRoot pathway\tMus musculus\n";
const std::string kRelations =
    "R-HSA-1\tR-HSA-2\n"
    "R-HSA-1\tR-HSA-3\n"
    "R-MMU-1\tR-MMU-2\n"
    "R-HSA-1\tR-HSA-9\n";
const std::string kGmt =
    "Child A\tR-HSA-2\tTP53\tMDM2\n"
    "Root pathway\tR-MMU-1\tTrp53\n"
    "Retired\tR-HSA-8\tATM\n";
const std::string kUniProt =
    "P04637\tR-HSA-2\thttps://reactome.org/PathwayBrowser/#/R-HSA-2\tChild A\tTAS\tHomo sapiens\n"
    "P04637\tR-HSA-2\thttps://reactome.org/PathwayBrowser/#/R-HSA-2\tChild A\tIEA\tHomo sapiens\n"
    "Q00987\tR-HSA-3\thttps://reactome.org/PathwayBrowser/#/R-HSA-3\tChild B\tTAS\tHomo sapiens\n"
    "P02340\tR-MMU-1\thttps://reactome.org/PathwayBrowser/#/R-MMU-1\tRoot\tIEA\tMus musculus\n"
    "P38398\tR-HSA-8\thttps://reactome.org/PathwayBrowser/#/R-HSA-8\tRetired\tTAS\tHomo sapiens\n";

// Writes the three files (the fixtures above unless given) and returns their paths.
ReactomeFiles write_files(const ScratchDir& dir, const std::string& relations = kRelations,
                          const std::string& names = kNames, const std::string& gene_sets = kGmt,
                          const std::string& gene_set_file = "sets.gmt") {
  return {dir.write("relations.txt", relations), dir.write("names.txt", names),
          dir.write(gene_set_file, gene_sets)};
}

TEST(ReactomeReader, KeepsOneSpeciesAndCountsWhatItDrops) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir);
  const OntologyRecords records = read_reactome(files);
  ASSERT_EQ(records.terms.size(), 3u);
  EXPECT_EQ(records.terms[1].id, "R-HSA-2");
  EXPECT_EQ(records.terms[1].name, "Child A");
  EXPECT_EQ(records.terms[1].location.file, files.names);
  EXPECT_EQ(records.terms[1].location.line, 2u);
  ASSERT_EQ(records.edges.size(), 2u);
  EXPECT_EQ(records.edges[1].child, "R-HSA-3");
  EXPECT_EQ(records.edges[1].parent, "R-HSA-1");
  EXPECT_EQ(records.edges[1].location.line, 2u);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[1].term, "R-HSA-2");
  EXPECT_EQ(records.annotations[1].gene, "MDM2");
  EXPECT_EQ(records.annotations[1].location.file, files.gene_sets);
  EXPECT_EQ(records.dropped.at("relations of other species"), 1u);
  EXPECT_EQ(records.dropped.at("relations naming a pathway absent from the names file"), 1u);
  EXPECT_EQ(records.dropped.at("gene sets of other species"), 1u);
  EXPECT_EQ(records.dropped.at("gene sets of pathways absent from the names file"), 1u);
  ASSERT_EQ(records.notes.size(), 1u);
  EXPECT_EQ(records.notes[0].rfind("2 Homo sapiens pathways have no gene set", 0), 0u)
      << records.notes[0];
}

TEST(ReactomeReader, ReadsUniProt2ReactomeGeneSets) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, kNames, kUniProt, "UniProt2Reactome.txt");
  const OntologyRecords records = read_reactome(files);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[0].gene, "P04637");
  EXPECT_EQ(records.annotations[1].term, "R-HSA-3");
  EXPECT_EQ(records.annotations[1].location.line, 3u);
  EXPECT_EQ(records.dropped.at("repeated gene-pathway rows"), 1u);
  EXPECT_EQ(records.dropped.at("gene-set rows of other species"), 1u);
  EXPECT_EQ(records.dropped.at("gene-set rows of pathways absent from the names file"), 1u);
  ASSERT_EQ(records.notes.size(), 1u);
  EXPECT_EQ(records.notes[0].rfind("1 Homo sapiens pathways have no gene set", 0), 0u);
}

TEST(ReactomeReader, SelectsAnotherSpeciesByName) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, kNames, kUniProt, "UniProt2Reactome.txt");
  const OntologyRecords records = read_reactome(files, {"Mus musculus"});
  ASSERT_EQ(records.terms.size(), 1u);
  EXPECT_EQ(records.terms[0].id, "R-MMU-1");
  EXPECT_TRUE(records.edges.empty());
  EXPECT_EQ(records.dropped.at("relations naming a pathway absent from the names file"), 1u);
  EXPECT_EQ(records.dropped.at("relations of other species"), 3u);
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.annotations[0].gene, "P02340");
}

TEST(ReactomeReader, AcceptsByteOrderMarkAndCrlf) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, "\xEF\xBB\xBFR-HSA-1\tR-HSA-2\r\n",
                  "\xEF\xBB\xBFR-HSA-1\tRoot\tHomo sapiens\r\nR-HSA-2\tChild\tHomo sapiens\r\n",
                  "\xEF\xBB\xBF"
                  "Child\tR-HSA-2\tTP53\r\n");
  const OntologyRecords records = read_reactome(files);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].id, "R-HSA-1");
  EXPECT_EQ(records.terms[1].name, "Child");
  ASSERT_EQ(records.edges.size(), 1u);
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.annotations[0].gene, "TP53");
}

TEST(ReactomeReader, RejectsNamesLineWithoutSpecies) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, "R-HSA-1\tRoot\tHomo sapiens\nR-HSA-2\tChild\n");
  expect_input_error([&] { read_reactome(files); }, files.names, 2,
                     "expected 3 tab-separated columns (pathway ID, name, species), got 2");
}

TEST(ReactomeReader, RejectsNameIdThatIsNotAStableId) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, kRelations, "Pathway 1\tRoot\tHomo sapiens\n");
  expect_input_error([&] { read_reactome(files); }, files.names, 1,
                     "expected a Reactome stable ID (R-XXX-digits) in column 1, found 'Pathway 1'");
}

TEST(ReactomeReader, RejectsPathwayListedTwiceNamingBothLines) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, kNames + "R-HSA-2\tAgain\tHomo sapiens\n");
  expect_input_error([&] { read_reactome(files); }, files.names, 5,
                     "'R-HSA-2' is already listed at line 2");
}

TEST(ReactomeReader, RejectsSpeciesAbsentFromNamesAndListsThoseFound) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir);
  expect_input_error([&] { read_reactome(files, {"Homo Sapiens"}); }, files.names, 0,
                     "found none (species in the file: 'Homo sapiens', 'Mus musculus')");
}

TEST(ReactomeReader, RejectsRelationWithoutTab) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, "R-HSA-1\tR-HSA-2\nR-HSA-1\tR-HSA-3\nR-HSA-1 R-HSA-3\n");
  expect_input_error(
      [&] { read_reactome(files); }, files.relations, 3,
      "expected 2 tab-separated columns (parent pathway ID, child pathway ID), got 1");
}

TEST(ReactomeReader, RejectsEmptyChildInRelation) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, "R-HSA-1\tR-HSA-2\nR-HSA-1\t\n");
  expect_input_error([&] { read_reactome(files); }, files.relations, 2,
                     "expected a pathway ID in column 2, found an empty field");
}

TEST(ReactomeReader, RejectsGmtKeyedByNameInsteadOfStableId) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, kNames, "Child A\tR-HSA-2\tTP53\nREACTOME_B\thttp://x/B\tATM\n");
  expect_input_error(
      [&] { read_reactome(files); }, files.gene_sets, 2,
      "expected a Reactome stable ID (R-XXX-digits) in column 2, found 'http://x/B'");
}

TEST(ReactomeReader, RejectsGeneSetsOfNoListedPathway) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, kRelations, kNames, "Mouse\tR-MMU-1\tTrp53\n");
  expect_input_error([&] { read_reactome(files); }, files.gene_sets, 0,
                     "expected gene sets of Homo sapiens pathways listed in the names file");
}

TEST(ReactomeReader, RejectsUniProtRowWithMissingColumn) {
  ScratchDir dir("reactome");
  const std::string rows = kUniProt + "P04637\tR-HSA-2\thttps://reactome.org\tChild A\tTAS\n";
  const ReactomeFiles files = write_files(dir, kRelations, kNames, rows, "UniProt2Reactome.txt");
  expect_input_error([&] { read_reactome(files); }, files.gene_sets, 6, "got 5");
}

TEST(ReactomeReader, RejectsEmptyRelationsFile) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, "");
  expect_input_error([&] { read_reactome(files); }, files.relations, 0, "0 bytes");
}

TEST(ReactomeReader, RejectsBinaryNamesFile) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, kRelations, test::binary_bytes());
  expect_input_error([&] { read_reactome(files); }, files.names, 1, "UTF-8");
}

TEST(ReactomeReader, RejectsNulByteInGeneSets) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, kRelations, kNames, kGmt + "X\tR-HSA-3\tA\0B\n"s);
  expect_input_error([&] { read_reactome(files); }, files.gene_sets, 4, "NUL byte");
}

TEST(ReactomeReader, RejectsInvalidUtf8PathwayName) {
  ScratchDir dir("reactome");
  const ReactomeFiles files =
      write_files(dir, kRelations, "R-HSA-1\tRoot\tHomo sapiens\nR-HSA-2\tCaf\xE9\tHomo sapiens\n");
  expect_input_error([&] { read_reactome(files); }, files.names, 2, "expected UTF-8");
}

TEST(ReactomeReader, RejectsTenMegabyteRelationLine) {
  ScratchDir dir("reactome");
  const ReactomeFiles files = write_files(dir, kRelations + test::ten_megabyte_line());
  expect_input_error([&] { read_reactome(files); }, files.relations, 5,
                     "expected a line of at most");
}

TEST(ReactomeReader, RejectsTruncatedGzipNames) {
  ScratchDir dir("reactome");
  ReactomeFiles files = write_files(dir);
  files.names = dir.write("names.txt.gz", test::truncated_gzip(kNames));
  expect_input_error([&] { read_reactome(files); }, files.names, 1,
                     "expected a complete gzip stream");
}

TEST(ReactomeReader, ReadsHumanHierarchyOf2025WithGeneSetsOf2024) {
  const ReactomeFiles files{test::shared_data("reactome/ReactomePathwaysRelation_2025-01-14.txt"),
                            test::shared_data("reactome/ReactomePathways_2025-01-21.txt"),
                            test::shared_data("reactome/ReactomePathways_2024-09-18.gmt")};
  const OntologyRecords records = read_reactome(files);
  EXPECT_EQ(records.terms.size(), 2751u);
  EXPECT_EQ(records.edges.size(), 2769u);
  EXPECT_EQ(records.annotations.size(), 132481u);
  std::set<std::string> genes, gene_sets;
  for (const AnnotationRecord& annotation : records.annotations) {
    genes.insert(annotation.gene);
    gene_sets.insert(annotation.term);
  }
  EXPECT_EQ(genes.size(), 11668u);
  EXPECT_EQ(gene_sets.size(), 2694u);
  EXPECT_EQ(records.dropped.at("relations of other species"), 22746u - 2769u);
  EXPECT_EQ(records.dropped.size(), 1u);
  ASSERT_EQ(records.notes.size(), 1u);
  EXPECT_EQ(records.notes[0].rfind("57 Homo sapiens pathways have no gene set", 0), 0u)
      << records.notes[0];
}

}  // namespace
}  // namespace ontonet
