#include "ontonet/io/gaf_reader.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "gzip_test_file.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

// One GAF 2.2 line with the columns the reader uses; the others hold typical values.
std::string gaf_line(const std::string& object_id, const std::string& symbol,
                     const std::string& qualifier, const std::string& go_id,
                     const std::string& evidence, const std::string& aspect) {
  const std::vector<std::string> columns = {
      "NCBIGene", object_id, symbol, qualifier,    go_id,      "PMID:1", evidence, "", aspect,
      "a gene",   "",        "gene", "taxon:9606", "20220912", "NCBI",   "",       ""};
  std::string line;
  for (const std::string& column : columns) line += (line.empty() ? "" : "\t") + column;
  return line + "\n";
}

const std::string kHeader = "!gaf-version: 2.2\n!generated-by: test\n";  // lines 1-2

// Lines 3-9.
const std::string kSmallGaf =
    kHeader + gaf_line("672", "BRCA1", "involved_in", "GO:0006281", "IDA", "P") +
    gaf_line("672", "BRCA1", "involved_in", "GO:0006281", "IEA", "P") +
    gaf_line("672", "BRCA1", "enables", "GO:0003677", "IEA", "F") +
    gaf_line("675", "BRCA2", "NOT|involved_in", "GO:0006281", "IDA", "P") +
    gaf_line("675", "BRCA2", "located_in", "GO:0005634", "TAS", "C") +
    gaf_line("7157", "TP53", "involved_in", "GO:0006281", "IEA", "P") +
    gaf_line("7157", "TP53", "NOT", "GO:0005634", "IDA", "C");

std::set<std::string> genes_of(const OntologyRecords& records) {
  std::set<std::string> genes;
  for (const AnnotationRecord& annotation : records.annotations) genes.insert(annotation.gene);
  return genes;
}

TEST(GafReader, ReadsEachTermGenePairOnceAtItsFirstLine) {
  ScratchDir dir("gaf");
  const std::string path = dir.write("small.gaf", kSmallGaf);
  const OntologyRecords records = read_gaf(path);
  ASSERT_EQ(records.annotations.size(), 4u);
  EXPECT_EQ(records.annotations[0].term, "GO:0006281");
  EXPECT_EQ(records.annotations[0].gene, "BRCA1");
  EXPECT_EQ(records.annotations[0].location.file, path);
  EXPECT_EQ(records.annotations[0].location.line, 3u);
  EXPECT_EQ(records.annotations[1].term, "GO:0003677");
  EXPECT_EQ(records.annotations[1].location.line, 5u);
  EXPECT_EQ(records.annotations[3].gene, "TP53");
  EXPECT_EQ(records.annotations[3].location.line, 8u);
  EXPECT_EQ(records.dropped,
            (std::map<std::string, std::size_t>{{"NOT-qualified annotations", 2},
                                                {"repeated (term, gene) annotations", 1}}));
  EXPECT_TRUE(records.notes.empty());
  EXPECT_TRUE(records.terms.empty());
  EXPECT_TRUE(records.edges.empty());
}

TEST(GafReader, KeysGenesByObjectIdWhenAsked) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.gene_key = GafGeneKey::kObjectId;
  const OntologyRecords records = read_gaf(dir.write("small.gaf", kSmallGaf), options);
  EXPECT_EQ(genes_of(records), (std::set<std::string>{"672", "675", "7157"}));
}

TEST(GafReader, CountsExcludedEvidenceCodes) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.exclude_evidence = {"IEA"};
  const OntologyRecords records = read_gaf(dir.write("small.gaf", kSmallGaf), options);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.annotations[1].gene, "BRCA2");  // BRCA1's pair survives through its IDA line
  EXPECT_EQ(records.dropped, (std::map<std::string, std::size_t>{
                                 {"NOT-qualified annotations", 2},
                                 {"annotations with excluded evidence code IEA", 3}}));
}

TEST(GafReader, CountsEvidenceCodesNotIncluded) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.include_evidence = {"IDA", "IEA"};
  options.exclude_evidence = {"IEA"};
  const OntologyRecords records = read_gaf(dir.write("small.gaf", kSmallGaf), options);
  ASSERT_EQ(records.annotations.size(), 1u);
  EXPECT_EQ(records.dropped.at("annotations with evidence code TAS (not an included code)"), 1u);
  EXPECT_EQ(records.dropped.at("annotations with excluded evidence code IEA"), 3u);
}

TEST(GafReader, CountsAspectsNotSelected) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.aspects = "P";
  const OntologyRecords records = read_gaf(dir.write("small.gaf", kSmallGaf), options);
  ASSERT_EQ(records.annotations.size(), 2u);
  EXPECT_EQ(records.dropped, (std::map<std::string, std::size_t>{
                                 {"NOT-qualified annotations", 2},
                                 {"annotations of aspect C (aspect not selected)", 1},
                                 {"annotations of aspect F (aspect not selected)", 1},
                                 {"repeated (term, gene) annotations", 1}}));
}

TEST(GafReader, RejectsAspectOptionOtherThanPFC) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.aspects = "PX";
  EXPECT_THROW(read_gaf(dir.write("small.gaf", kSmallGaf), options), ConfigError);
}

TEST(GafReader, NotesGaf20AndMissingVersion) {
  ScratchDir dir("gaf");
  const std::string line = gaf_line("1", "A1BG", "enables", "GO:0003674", "ND", "F");
  const OntologyRecords old = read_gaf(dir.write("old.gaf", "!gaf-version: 2.0\n" + line));
  EXPECT_EQ(old.annotations.size(), 1u);
  ASSERT_EQ(old.notes.size(), 1u);
  EXPECT_NE(old.notes[0].find("GAF 2.0"), std::string::npos);
  const OntologyRecords bare = read_gaf(dir.write("bare.gaf", line));
  EXPECT_EQ(bare.annotations.size(), 1u);
  EXPECT_EQ(bare.notes, (std::vector<std::string>{"no '!gaf-version:' header; read as GAF 2.2"}));
}

TEST(GafReader, AcceptsByteOrderMarkCrlfBlankLinesAndGzip) {
  ScratchDir dir("gaf");
  std::string windows = "\xEF\xBB\xBF";
  for (char c : kSmallGaf) windows += c == '\n' ? "\r\n"s : std::string(1, c);
  windows += "\r\n";
  for (const std::string& path :
       {dir.write("windows.gaf", windows), test::write_gzip(dir, "small.gaf.gz", kSmallGaf)}) {
    const OntologyRecords records = read_gaf(path);
    ASSERT_EQ(records.annotations.size(), 4u) << path;
    EXPECT_EQ(records.annotations[3].location.line, 8u);
    EXPECT_TRUE(records.notes.empty());  // the version header was read through the BOM
  }
}

struct MalformedGaf {
  const char* description;
  std::string text;
  std::size_t line;
  const char* fragment;
};

TEST(GafReader, RejectsMalformedLinesAtTheirLine) {
  const std::string good = gaf_line("672", "BRCA1", "involved_in", "GO:0006281", "IDA", "P");
  std::string tab_missing = good;
  tab_missing.erase(tab_missing.find('\t'), 1);
  std::string extra_column = good;
  extra_column.insert(extra_column.size() - 1, "\textra");
  const std::vector<MalformedGaf> cases = {
      {"a tab missing", kHeader + good + tab_missing, 4,
       "expected 17 tab-separated columns (GAF 2.x), got 16"},
      {"extra column", kHeader + extra_column, 3, "got 18"},
      {"space-separated", kHeader + "NCBIGene 672 BRCA1 involved_in GO:0006281\n", 3, "got 1"},
      {"empty GO ID", kHeader + gaf_line("672", "BRCA1", "", " ", "IDA", "P"), 3,
       "expected a GO ID in column 5"},
      {"empty symbol", kHeader + gaf_line("672", "", "", "GO:1", "IDA", "P"), 3,
       "expected a gene symbol in column 3"},
      {"empty evidence", kHeader + gaf_line("672", "BRCA1", "", "GO:1", "", "P"), 3,
       "expected an evidence code in column 7"},
      {"aspect X", kHeader + gaf_line("672", "BRCA1", "", "GO:1", "IDA", "X"), 3,
       "expected aspect P, F or C in column 9, found 'X'"},
      {"aspect PF", kHeader + gaf_line("672", "BRCA1", "", "GO:1", "IDA", "PF"), 3, "'PF'"},
      {"GAF 1.0", "!gaf-version: 1.0\n" + good, 1, "GAF 1.x (15 columns) is not supported"},
      {"unknown version", "!gaf-version: 3.1\n" + good, 1, "found '3.1'"},
      {"NUL byte", kHeader + good + "NCBIGene\t1\0"s + "\n", 4, "NUL"},
      {"non-UTF-8 symbol", kHeader + gaf_line("1", "CAF\xC9", "", "GO:1", "IDA", "P"), 3, "UTF-8"},
      {"10 MB line", kHeader + test::ten_megabyte_line(), 3, "at most"},
      {"binary", test::binary_bytes(), 1, ""},
      {"0 bytes", "", 0, "0 bytes"},
      {"header only", kHeader + "\n", 0, "at least one annotation line"},
  };
  ScratchDir dir("gaf");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].description);
    const std::string path = dir.write("bad" + std::to_string(i) + ".gaf", cases[i].text);
    expect_input_error([&] { read_gaf(path); }, path, cases[i].line, cases[i].fragment);
  }
}

TEST(GafReader, RejectsEmptyObjectIdWhenKeyedByIt) {
  ScratchDir dir("gaf");
  GafOptions options;
  options.gene_key = GafGeneKey::kObjectId;
  const std::string path =
      dir.write("no-id.gaf", kHeader + gaf_line("", "BRCA1", "", "GO:1", "IDA", "P"));
  expect_input_error([&] { read_gaf(path, options); }, path, 3, "in column 2");
}

TEST(GafReader, RejectsTruncatedGzip) {
  ScratchDir dir("gaf");
  const std::string path = test::write_truncated_gzip(dir, "human.gaf.gz", kSmallGaf);
  expect_input_error([&] { read_gaf(path); }, path, 1, "truncated");
}

TEST(GafReader, ReadsGoSliceExactly) {
  // Expected counts computed independently from the file with a Python script.
  const OntologyRecords records = read_gaf(test::shared_data("go-slice/go-slice.gaf"));
  EXPECT_EQ(records.annotations.size(), 842u);  // 1,080 lines
  EXPECT_EQ(records.dropped,
            (std::map<std::string, std::size_t>{{"repeated (term, gene) annotations", 238}}));
  EXPECT_EQ(genes_of(records).size(), 498u);
  EXPECT_EQ(records.annotations[0].gene, "ABL1");
  EXPECT_EQ(records.annotations[0].term, "GO:0006298");
  EXPECT_EQ(records.annotations[0].location.line, 6u);
}

TEST(GafReader, ReadsHumanAnnotationsExactly) {
  const std::string path = test::shared_data("go/human.gaf.gz");
  const OntologyRecords by_symbol = read_gaf(path);
  EXPECT_EQ(by_symbol.annotations.size(), 300448u);  // 348,116 lines
  EXPECT_EQ(by_symbol.dropped,
            (std::map<std::string, std::size_t>{{"repeated (term, gene) annotations", 47668}}));
  EXPECT_EQ(genes_of(by_symbol).size(), 20728u);

  GafOptions by_id;
  by_id.gene_key = GafGeneKey::kObjectId;
  const OntologyRecords by_object_id = read_gaf(path, by_id);
  EXPECT_EQ(by_object_id.annotations.size(), 300448u);
  EXPECT_EQ(genes_of(by_object_id).size(), 20728u);
}

TEST(GafReader, FiltersHumanAnnotationsExactly) {
  const std::string path = test::shared_data("go/human.gaf.gz");
  GafOptions no_iea;
  no_iea.exclude_evidence = {"IEA"};
  const OntologyRecords curated = read_gaf(path, no_iea);
  EXPECT_EQ(curated.annotations.size(), 224690u);
  EXPECT_EQ(curated.dropped, (std::map<std::string, std::size_t>{
                                 {"annotations with excluded evidence code IEA", 76431},
                                 {"repeated (term, gene) annotations", 46995}}));
  EXPECT_EQ(genes_of(curated).size(), 19250u);

  GafOptions process;
  process.aspects = "P";
  const OntologyRecords processes = read_gaf(path, process);
  EXPECT_EQ(processes.annotations.size(), 140934u);
  EXPECT_EQ(processes.dropped, (std::map<std::string, std::size_t>{
                                   {"annotations of aspect C (aspect not selected)", 106381},
                                   {"annotations of aspect F (aspect not selected)", 84488},
                                   {"repeated (term, gene) annotations", 16313}}));
  EXPECT_EQ(genes_of(processes).size(), 18903u);
}

}  // namespace
}  // namespace ontonet
