#include "ontonet/io/obo_reader.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "../test_support.hpp"
#include "gzip_test_file.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

// Line numbers are given in the comments; tests below rely on them.
const std::string kSmallObo =
    "format-version: 1.2\n"                                     // 1
    "ontology: test\n"                                          // 2
    "\n"                                                        // 3
    "[Term]\n"                                                  // 4
    "id: GO:0000001\n"                                          // 5
    "name: root process\n"                                      // 6
    "namespace: biological_process\n"                           // 7
    "\n"                                                        // 8
    "[Term]\n"                                                  // 9
    "id: GO:0000002 ! the child\n"                              // 10
    "name: child process\n"                                     // 11
    "namespace: biological_process\n"                           // 12
    "alt_id: GO:0009992\n"                                      // 13
    "alt_id: GO:0009993\n"                                      // 14
    "def: \"A child! With {braces}.\" [GOC:x]\n"                // 15
    "is_a: GO:0000001 ! root process\n"                         // 16
    "relationship: part_of GO:0000003 {source=\"x\"} ! part\n"  // 17
    "relationship: regulates GO:0000001\n"                      // 18
    "\n"                                                        // 19
    "[Term]\n"                                                  // 20
    "id: GO:0000003\n"                                          // 21
    "name: other process\n"                                     // 22
    "namespace: biological_process\n"                           // 23
    "is_a: GO:0000001\n"                                        // 24
    "\n"                                                        // 25
    "[Typedef]\n"                                               // 26
    "id: part_of\n"                                             // 27
    "is_a: overlaps\n";                                         // 28

std::map<std::string, std::size_t> count_by_relation(const OntologyRecords& records) {
  std::map<std::string, std::size_t> counts;
  for (const EdgeRecord& edge : records.edges) ++counts[edge.relation];
  return counts;
}

TEST(OboReader, ReadsTermsAndEdgesWithTheirLines) {
  ScratchDir dir("obo");
  const std::string path = dir.write("small.obo", kSmallObo);
  const OntologyRecords records = read_obo(path);

  ASSERT_EQ(records.terms.size(), 3u);
  const TermRecord& child = records.terms[1];
  EXPECT_EQ(child.id, "GO:0000002");
  EXPECT_EQ(child.name, "child process");
  EXPECT_EQ(child.name_space, "biological_process");
  EXPECT_EQ(child.alt_ids, (std::vector<std::string>{"GO:0009992", "GO:0009993"}));
  EXPECT_EQ(child.location.file, path);
  EXPECT_EQ(child.location.line, 9u);

  ASSERT_EQ(records.edges.size(), 3u);  // regulates is not selected by default
  const EdgeRecord& is_a = records.edges[0];
  EXPECT_EQ(is_a.child, "GO:0000002");
  EXPECT_EQ(is_a.parent, "GO:0000001");
  EXPECT_EQ(is_a.relation, "is_a");
  EXPECT_EQ(is_a.location.line, 16u);
  const EdgeRecord& part_of = records.edges[1];
  EXPECT_EQ(part_of.parent, "GO:0000003");  // comment and {qualifiers} removed
  EXPECT_EQ(part_of.relation, "part_of");
  EXPECT_EQ(part_of.location.line, 17u);
  EXPECT_EQ(records.edges[2].location.line, 24u);

  EXPECT_EQ(records.dropped,
            (std::map<std::string, std::size_t>{{"regulates edges (relation not selected)", 1}}));
  EXPECT_TRUE(records.notes.empty());
  EXPECT_TRUE(records.annotations.empty());
}

TEST(OboReader, KeepsOnlySelectedRelations) {
  ScratchDir dir("obo");
  OboOptions options;
  options.edge_relations = {"part_of", "regulates"};
  const OntologyRecords records = read_obo(dir.write("small.obo", kSmallObo), options);
  EXPECT_EQ(count_by_relation(records),
            (std::map<std::string, std::size_t>{{"part_of", 1}, {"regulates", 1}}));
  EXPECT_EQ(records.dropped.at("is_a edges (relation not selected)"), 2u);
}

TEST(OboReader, DropsObsoleteTermsWithTheirEdgesAndCountsEdgesToThem) {
  ScratchDir dir("obo");
  const std::string path = dir.write("obsolete.obo",
                                     "[Term]\nid: A:1\n\n"
                                     "[Term]\nid: A:2\nis_a: A:1\nis_a: A:3\n\n"
                                     "[Term]\nid: A:3\nis_obsolete: true\nreplaced_by: A:1\n"
                                     "is_a: A:1\n\n"
                                     "[Term]\nid: A:4\nis_obsolete: false\nis_a: A:2\n");
  const OntologyRecords records = read_obo(path);
  ASSERT_EQ(records.terms.size(), 3u);
  EXPECT_EQ(records.terms[2].id, "A:4");
  ASSERT_EQ(records.edges.size(), 2u);
  EXPECT_EQ(records.edges[0].parent, "A:1");
  EXPECT_EQ(records.edges[1].child, "A:4");
  EXPECT_EQ(records.dropped, (std::map<std::string, std::size_t>{{"obsolete terms", 1},
                                                                 {"edges to obsolete terms", 1}}));
  ASSERT_EQ(records.notes.size(), 1u);
  EXPECT_NE(records.notes[0].find("replaced_by"), std::string::npos) << records.notes[0];
}

TEST(OboReader, KeepsOnlyTheChosenNamespaceAndCountsEdgesLeavingIt) {
  ScratchDir dir("obo");
  const std::string path = dir.write("mixed.obo",
                                     "default-namespace: biological_process\n\n"
                                     "[Term]\nid: GO:1\n\n"  // default namespace
                                     "[Term]\nid: GO:2\nnamespace: molecular_function\n\n"
                                     "[Term]\nid: GO:3\nnamespace: biological_process\n"
                                     "is_a: GO:1\nrelationship: part_of GO:2\n"
                                     "is_a: GO:404\n");  // undeclared: the ontology stage decides
  OboOptions options;
  options.name_space = "biological_process";
  const OntologyRecords records = read_obo(path, options);
  ASSERT_EQ(records.terms.size(), 2u);
  EXPECT_EQ(records.terms[0].name_space, "biological_process");
  ASSERT_EQ(records.edges.size(), 2u);
  EXPECT_EQ(records.edges[1].parent, "GO:404");
  EXPECT_EQ(records.dropped, (std::map<std::string, std::size_t>{
                                 {"terms outside namespace biological_process", 1},
                                 {"edges to terms outside namespace biological_process", 1}}));
}

TEST(OboReader, RejectsNamespaceNoTermHasAndListsTheFilesNamespaces) {
  ScratchDir dir("obo");
  const std::string path = dir.write("small.obo", kSmallObo);
  OboOptions options;
  options.name_space = "biological_proces";
  expect_input_error([&] { read_obo(path, options); }, path, 0,
                     "namespace 'biological_proces'; the file's namespaces are: "
                     "biological_process");
}

TEST(OboReader, NotesUnknownRelationButCountsDeclaredOnes) {
  ScratchDir dir("obo");
  const std::string path = dir.write("relations.obo",
                                     "[Term]\nid: X:1\n\n"
                                     "[Term]\nid: X:2\nrelationship: frobs X:1\n"
                                     "relationship: frobs X:1\nrelationship: touches X:1\n\n"
                                     "[Typedef]\nid: touches\n");
  const OntologyRecords records = read_obo(path);
  EXPECT_TRUE(records.edges.empty());
  EXPECT_EQ(records.notes,
            (std::vector<std::string>{"unknown relation 'frobs' ignored on 2 lines"}));
  EXPECT_EQ(records.dropped,
            (std::map<std::string, std::size_t>{{"touches edges (relation not selected)", 1}}));
}

TEST(OboReader, KeepsUnknownRelationWhenSelected) {
  ScratchDir dir("obo");
  OboOptions options;
  options.edge_relations = {"frobs"};
  const OntologyRecords records = read_obo(
      dir.write("frobs.obo", "[Term]\nid: X:1\n[Term]\nid: X:2\nrelationship: frobs X:1\n"),
      options);
  ASSERT_EQ(records.edges.size(), 1u);
  EXPECT_EQ(records.edges[0].relation, "frobs");
  EXPECT_TRUE(records.notes.empty());
}

TEST(OboReader, AcceptsByteOrderMarkCrlfAndGzip) {
  ScratchDir dir("obo");
  std::string windows = "\xEF\xBB\xBF";
  for (char c : kSmallObo) windows += c == '\n' ? "\r\n"s : std::string(1, c);
  for (const std::string& path :
       {dir.write("windows.obo", windows), test::write_gzip(dir, "small.obo.gz", kSmallObo)}) {
    const OntologyRecords records = read_obo(path);
    ASSERT_EQ(records.terms.size(), 3u) << path;
    EXPECT_EQ(records.terms[1].name, "child process");
    EXPECT_EQ(records.edges[1].location.line, 17u);
  }
}

TEST(OboReader, ResolvesBackslashEscapesInNames) {
  ScratchDir dir("obo");
  const std::string path =
      dir.write("escapes.obo", "[Term]\nid: E:1\nname: stop\\! now\\nplease ! a comment\n");
  const OntologyRecords records = read_obo(path);
  ASSERT_EQ(records.terms.size(), 1u);
  EXPECT_EQ(records.terms[0].name, "stop! now please");
}

TEST(OboReader, SkipsTypedefInstanceAndUnknownStanzas) {
  ScratchDir dir("obo");
  const std::string path = dir.write("stanzas.obo",
                                     "[Typedef]\nid: part_of\nis_a: overlaps\n\n"
                                     "[Instance]\nid: I:1\ninstance_of: T:1\n\n"
                                     "[Term]\nid: T:1\n\n"
                                     "[Annotation]\nid: N:1\nis_a: T:1\n");
  const OntologyRecords records = read_obo(path);
  ASSERT_EQ(records.terms.size(), 1u);
  EXPECT_EQ(records.terms[0].location.line, 9u);
  EXPECT_TRUE(records.edges.empty());
  EXPECT_EQ(
      records.notes,
      (std::vector<std::string>{"1 [Annotation] stanzas skipped (not a stanza type of OBO 1.4)"}));
}

// Each malformed input is the small file with one line replaced; the error must point at it.
struct MalformedObo {
  const char* description;
  std::string text;
  std::size_t line;
  const char* fragment;
};

TEST(OboReader, RejectsMalformedLinesAtTheirLine) {
  const std::string stanza_head = "format-version: 1.2\n\n[Term]\nid: GO:1\n";  // lines 1-4
  const std::vector<MalformedObo> cases = {
      {"tag without colon", stanza_head + "name child\n", 5, "found no ':'"},
      {"unclosed header", stanza_head + "\n[Term\nid: GO:2\n", 6, "expected ']'"},
      {"empty header", stanza_head + "[]\n", 5, "stanza type"},
      {"empty id", stanza_head + "[Term]\nid:   ! nothing\n", 6, "term id after 'id:'"},
      {"id with spaces", stanza_head + "[Term]\nid: GO:2 GO:3\n", 6, "one term id"},
      {"second id", stanza_head + "id: GO:2\n", 5, "first at line 4"},
      {"second name", stanza_head + "name: a\nname: b\n", 6, "first at line 5"},
      {"second namespace", stanza_head + "namespace: a\nnamespace: b\n", 6, "namespace"},
      {"is_a without target", stanza_head + "is_a: ! comment only\n", 5, "after 'is_a:'"},
      {"relationship without target", stanza_head + "relationship: part_of\n", 5,
       "'relationship: <relation> <term id>'"},
      {"bad is_obsolete", stanza_head + "is_obsolete: yes\n", 5, "is_obsolete: true"},
      {"empty namespace", stanza_head + "namespace:\n", 5, "namespace"},
      {"missing id", stanza_head + "\n[Term]\nname: no id\n\n[Term]\nid: GO:3\n", 6,
       "expected an 'id:' tag"},
      {"truncated last stanza", stanza_head + "\n[Term]\nname: cut he", 6, "expected an 'id:' tag"},
      {"duplicate id", stanza_head + "\n[Term]\nid: GO:1 ! again\n", 7,
       "GO:1 was already declared at line 4"},
      {"NUL byte", stanza_head + "name: a\0b\n"s, 5, "NUL"},
      {"non-UTF-8 name", stanza_head + "name: caf\xE9\n", 5, "UTF-8"},
      {"10 MB line", "[Term]\nid: GO:1\nname: " + test::ten_megabyte_line(), 3, "at most"},
      {"binary", test::binary_bytes(), 1, ""},
      {"0 bytes", "", 0, "0 bytes"},
      {"no [Term]", "format-version: 1.2\n\n[Typedef]\nid: part_of\n", 0,
       "at least one [Term] stanza"},
  };
  ScratchDir dir("obo");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].description);
    const std::string path = dir.write("bad" + std::to_string(i) + ".obo", cases[i].text);
    expect_input_error([&] { read_obo(path); }, path, cases[i].line, cases[i].fragment);
  }
}

TEST(OboReader, QuotesOnlyTheStartOfALongBadValue) {
  ScratchDir dir("obo");
  const std::string path =
      dir.write("long.obo", "[Term]\nid: GO:1\nis_a: GO:2 " + std::string(100000, 'x') + "\n");
  try {
    read_obo(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 3u);
    EXPECT_LT(std::string(error.what()).size(), path.size() + 200);
    EXPECT_NE(std::string(error.what()).find("found 'GO:2 xxx"), std::string::npos);
  }
}

TEST(OboReader, RejectsTruncatedGzip) {
  ScratchDir dir("obo");
  const std::string path = test::write_truncated_gzip(dir, "go.obo.gz", kSmallObo);
  expect_input_error([&] { read_obo(path); }, path, 1, "truncated");
}

TEST(OboReader, ReadsGoSliceExactly) {
  const std::string path = test::shared_data("go-slice/go-slice.obo");
  const OntologyRecords records = read_obo(path);
  ASSERT_EQ(records.terms.size(), 94u);
  EXPECT_EQ(count_by_relation(records),
            (std::map<std::string, std::size_t>{{"is_a", 77}, {"part_of", 31}}));
  std::size_t alt_ids = 0;
  for (const TermRecord& term : records.terms) alt_ids += term.alt_ids.size();
  EXPECT_EQ(alt_ids, 3u);
  EXPECT_EQ(records.terms[0].id, "GO:0000012");
  EXPECT_EQ(records.terms[0].name, "single strand break repair");
  EXPECT_EQ(records.terms[0].location.line, 6u);
  EXPECT_EQ(records.edges[0].parent, "GO:0006281");
  EXPECT_EQ(records.edges[0].location.line, 11u);
  EXPECT_TRUE(records.dropped.empty());
  EXPECT_TRUE(records.notes.empty());
}

TEST(OboReader, ReadsWholeGeneOntologyBiologicalProcessExactly) {
  // Expected counts computed independently from go.obo with a Python script.
  OboOptions options;
  options.name_space = "biological_process";
  const OntologyRecords records = read_obo(test::shared_data("go/go.obo"), options);
  EXPECT_EQ(records.terms.size(), 28140u);
  EXPECT_EQ(count_by_relation(records),
            (std::map<std::string, std::size_t>{{"is_a", 51414}, {"part_of", 5035}}));
  EXPECT_EQ(records.dropped, (std::map<std::string, std::size_t>{
                                 {"obsolete terms", 3910},
                                 {"terms outside namespace biological_process", 15418},
                                 {"regulates edges (relation not selected)", 3184},
                                 {"negatively_regulates edges (relation not selected)", 2742},
                                 {"positively_regulates edges (relation not selected)", 2732}}));
  EXPECT_TRUE(records.notes.empty());
  std::set<std::string> namespaces;
  for (const TermRecord& term : records.terms) namespaces.insert(term.name_space);
  EXPECT_EQ(namespaces, (std::set<std::string>{"biological_process"}));
}

TEST(OboReader, ReadsWholeGeneOntologyExactly) {
  const OntologyRecords records = read_obo(test::shared_data("go/go.obo"));
  EXPECT_EQ(records.terms.size(), 43558u);
  EXPECT_EQ(count_by_relation(records),
            (std::map<std::string, std::size_t>{{"is_a", 70058}, {"part_of", 6997}}));
  EXPECT_EQ(records.dropped.at("obsolete terms"), 3910u);
}

}  // namespace
}  // namespace ontonet
