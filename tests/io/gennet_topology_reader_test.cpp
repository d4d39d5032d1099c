#include "ontonet/io/gennet_topology_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../test_support.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

const std::string kHeader = "chr,layer0_node,layer0_name,layer1_node,layer1_name\n";

TEST(GenNetTopologyReader, ReadsFourLayersIntoInputsAnnotationsAndEdges) {
  ScratchDir dir("gennet");
  const std::string path = dir.write(
      "topology.csv",
      "chr,layer0_node,layer0_name,layer1_node,layer1_name,layer2_node,layer2_name,layer3_node,"
      "layer3_name\n"
      "1,0,rs1 ,0,GENE_A ,0,PathX,0,Top\n"
      "1,1,rs2,0,GENE_A,0,PathX,0,Top\n"
      "1,2,rs3,1,GENE_B,1,PathY,0,Top\n"
      "1,2,rs3,0,GENE_A,0,PathX,0,Top\n");
  const GenNetTopology topology = read_gennet_topology(path);
  EXPECT_EQ(topology.n_layers, 4);
  ASSERT_EQ(topology.inputs.size(), 4u);
  EXPECT_EQ(topology.inputs[0].input, "rs1");
  EXPECT_EQ(topology.inputs[0].gene, "GENE_A");
  EXPECT_EQ(topology.inputs[3].input, "rs3");
  EXPECT_EQ(topology.inputs[3].gene, "GENE_A");
  EXPECT_EQ(topology.inputs[3].location.line, 5u);
  const OntologyRecords& ontology = topology.ontology;
  ASSERT_EQ(ontology.terms.size(), 3u);
  EXPECT_EQ(ontology.terms[0].id, "PathX");
  EXPECT_EQ(ontology.terms[1].id, "Top");
  EXPECT_EQ(ontology.terms[2].id, "PathY");
  EXPECT_EQ(ontology.terms[2].location.line, 4u);
  ASSERT_EQ(ontology.annotations.size(), 2u);
  EXPECT_EQ(ontology.annotations[1].gene, "GENE_B");
  EXPECT_EQ(ontology.annotations[1].term, "PathY");
  ASSERT_EQ(ontology.edges.size(), 2u);
  EXPECT_EQ(ontology.edges[1].child, "PathY");
  EXPECT_EQ(ontology.edges[1].parent, "Top");
  EXPECT_EQ(ontology.edges[1].relation, "default");
  EXPECT_TRUE(ontology.notes.empty());
}

TEST(GenNetTopologyReader, AcceptsLeadingIndexColumnAndPaddedHeader) {
  ScratchDir dir("gennet");
  const std::string path =
      dir.write("topology.csv",
                ", chr , layer0_node , layer0_name , layer1_node , layer1_name\n"
                "0,16,0,chr16:6068679,7,RBFOX1\n"
                "1,16,1,chr16:6070442,7,RBFOX1\n");
  const GenNetTopology topology = read_gennet_topology(path);
  EXPECT_EQ(topology.n_layers, 2);
  ASSERT_EQ(topology.inputs.size(), 2u);
  EXPECT_EQ(topology.inputs[1].input, "chr16:6070442");
  EXPECT_EQ(topology.inputs[1].gene, "RBFOX1");
  EXPECT_TRUE(topology.ontology.terms.empty());
  EXPECT_TRUE(topology.ontology.annotations.empty());
}

TEST(GenNetTopologyReader, NamesInputsByLayer0NodeIndexLeavingGapsEmpty) {
  ScratchDir dir("gennet");
  const std::string path =
      dir.write("topology.csv", kHeader + "1,3,rs4,0,A\n1,0,rs1,0,A\n1,3,rs4,1,B\n1,5,rs6,1,B\n");
  const GenNetTopology topology = read_gennet_topology(path);
  const std::vector<std::string> expected = {"rs1", "", "", "rs4", "", "rs6"};
  EXPECT_EQ(topology.input_names, expected);
}

TEST(GenNetTopologyReader, RejectsHugeLayer0NodeIndex) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,67108864,rs2,0,A\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 3,
                     "expected a layer0_node index of at most 67108863, found 67108864");
}

TEST(GenNetTopologyReader, NotesUnknownColumns) {
  ScratchDir dir("gennet");
  const std::string path = dir.write(
      "topology.csv", "layer0_node,layer0_name,layer1_node,layer1_name,weight\n0,rs1,0,A,1\n");
  const GenNetTopology topology = read_gennet_topology(path);
  ASSERT_EQ(topology.ontology.notes.size(), 1u);
  EXPECT_NE(topology.ontology.notes[0].find("column 'weight'"), std::string::npos);
}

TEST(GenNetTopologyReader, AcceptsByteOrderMarkAndCrlf) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", "\xEF\xBB\xBF" + kHeader + "1,0,rs1,0,A\r\n");
  const GenNetTopology topology = read_gennet_topology(path);
  ASSERT_EQ(topology.inputs.size(), 1u);
  EXPECT_EQ(topology.inputs[0].gene, "A");
}

TEST(GenNetTopologyReader, RejectsHeaderWithoutGeneLayer) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", "chr,layer0_node,layer0_name\n1,0,rs1\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 1,
                     "expected a header with columns layer0_node, layer0_name, layer1_node, "
                     "layer1_name");
}

TEST(GenNetTopologyReader, RejectsMissingNameColumn) {
  ScratchDir dir("gennet");
  const std::string path =
      dir.write("topology.csv", "chr,layer0_node,layer0_name,layer1_node\n1,0,rs1,0\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 1,
                     "expected columns layer1_node and layer1_name");
}

TEST(GenNetTopologyReader, RejectsGapBetweenLayers) {
  ScratchDir dir("gennet");
  const std::string path = dir.write(
      "topology.csv",
      "\nlayer0_node,layer0_name,layer1_node,layer1_name,layer3_node,layer3_name\n0,rs1,0,A,0,P\n");
  expect_input_error(
      [&] { read_gennet_topology(path); }, path, 2,
      "expected columns layer2_node and layer2_name (the header goes up to layer 3)");
}

TEST(GenNetTopologyReader, RejectsColumnNamedTwice) {
  ScratchDir dir("gennet");
  const std::string path = dir.write(
      "topology.csv", "layer0_node,layer0_name,layer1_node,layer1_name,layer1_name\n0,rs1,0,A,A\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 1,
                     "'layer1_name' names columns 4 and 5");
}

TEST(GenNetTopologyReader, RejectsWrongColumnCount) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,rs2,0\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 3,
                     "expected 5 comma-separated columns as in the header (line 1), got 4");
}

TEST(GenNetTopologyReader, RejectsNonIntegerNodeIndex) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,rs2,0.5,A\n");
  expect_input_error(
      [&] { read_gennet_topology(path); }, path, 3,
      "expected a non-negative integer node index in column layer1_node, found '0.5'");
}

TEST(GenNetTopologyReader, RejectsNegativeNodeIndex) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,-1,rs1,0,A\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 2, "found '-1'");
}

TEST(GenNetTopologyReader, RejectsNodeIndexWithTwoNamesNamingBothLines) {
  ScratchDir dir("gennet");
  const std::string path =
      dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,rs2,1,B\n1,2,rs3,0,C\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 4,
                     "expected one name per node index in layer 1; node 0 is 'C' here but 'A' at "
                     "line 2");
}

TEST(GenNetTopologyReader, RejectsNameWithTwoNodeIndicesNamingBothLines) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,rs1,1,B\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 3,
                     "expected one node index per name in layer 0; 'rs1' is node 1 here but node 0 "
                     "at line 2");
}

TEST(GenNetTopologyReader, RejectsEmptyName) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,rs2,0,  \n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 3,
                     "expected a name in column 5, found an empty field");
}

TEST(GenNetTopologyReader, RejectsHeaderWithoutRows) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader);
  expect_input_error([&] { read_gennet_topology(path); }, path, 0, "expected at least one row");
}

TEST(GenNetTopologyReader, RejectsEmptyFile) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", "");
  expect_input_error([&] { read_gennet_topology(path); }, path, 0, "0 bytes");
}

TEST(GenNetTopologyReader, RejectsBinaryFile) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", test::binary_bytes());
  expect_input_error([&] { read_gennet_topology(path); }, path, 1, "UTF-8");
}

TEST(GenNetTopologyReader, RejectsNulByte) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,A\n1,1,r\0,0,A\n"s);
  expect_input_error([&] { read_gennet_topology(path); }, path, 3, "NUL byte");
}

TEST(GenNetTopologyReader, RejectsInvalidUtf8Name) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + "1,0,rs1,0,G\xE8NE\n");
  expect_input_error([&] { read_gennet_topology(path); }, path, 2, "expected UTF-8");
}

TEST(GenNetTopologyReader, RejectsTenMegabyteLine) {
  ScratchDir dir("gennet");
  const std::string path = dir.write("topology.csv", kHeader + test::ten_megabyte_line());
  expect_input_error([&] { read_gennet_topology(path); }, path, 2, "expected a line of at most");
}

TEST(GenNetTopologyReader, RejectsTruncatedGzip) {
  ScratchDir dir("gennet");
  const std::string path =
      dir.write("topology.csv.gz", test::truncated_gzip(kHeader + "1,0,rs1,0,A\n1,1,rs2,0,A\n"));
  expect_input_error([&] { read_gennet_topology(path); }, path, 1,
                     "expected a complete gzip stream");
}

struct TopologyCounts {
  std::size_t inputs, genes, terms, annotations;
  int n_layers;
};

TopologyCounts count(const GenNetTopology& topology) {
  std::set<std::string> inputs, genes;
  for (const InputMapRecord& record : topology.inputs) {
    inputs.insert(record.input);
    genes.insert(record.gene);
  }
  return {inputs.size(), genes.size(), topology.ontology.terms.size(),
          topology.ontology.annotations.size(), topology.n_layers};
}

TEST(GenNetTopologyReader, ReadsGenNetExamplesWithExactCounts) {
  struct Expected {
    const char* file;
    TopologyCounts counts;
  };
  // Counted independently with Python's csv module (fields stripped, index column skipped).
  const Expected examples[] = {
      {"gennet/A_to_Z/run_folder/topology.csv", {100, 10, 0, 0, 2}},
      {"gennet/example_classification/topology.csv", {100, 10, 0, 0, 2}},
      {"gennet/example_regression/topology.csv", {100, 10, 2, 10, 3}},
      {"gennet/example_regression_cov/topology.csv", {100, 10, 2, 10, 3}},
  };
  for (const Expected& example : examples) {
    SCOPED_TRACE(example.file);
    const GenNetTopology topology = read_gennet_topology(test::shared_data(example.file));
    const TopologyCounts counts = count(topology);
    EXPECT_EQ(topology.inputs.size(), 100u);
    EXPECT_EQ(counts.inputs, example.counts.inputs);
    EXPECT_EQ(counts.genes, example.counts.genes);
    EXPECT_EQ(counts.terms, example.counts.terms);
    EXPECT_EQ(counts.annotations, example.counts.annotations);
    EXPECT_EQ(counts.n_layers, example.counts.n_layers);
    EXPECT_TRUE(topology.ontology.edges.empty());
    EXPECT_TRUE(topology.ontology.notes.empty());
    // Every example names layer0_node 0..99 once each.
    ASSERT_EQ(topology.input_names.size(), 100u);
    EXPECT_EQ(std::count(topology.input_names.begin(), topology.input_names.end(), ""), 0);
  }
}

TEST(GenNetTopologyReader, TrimsPaddedNamesOfRegressionExample) {
  const GenNetTopology topology =
      read_gennet_topology(test::shared_data("gennet/example_regression/topology.csv"));
  EXPECT_EQ(topology.inputs[0].input, "SNP0");
  EXPECT_EQ(topology.inputs[0].gene, "HERC2");
  EXPECT_EQ(topology.input_names[0], "SNP0");
  EXPECT_EQ(topology.input_names[99], "SNP99");
  ASSERT_EQ(topology.ontology.terms.size(), 2u);
  EXPECT_EQ(topology.ontology.terms[0].id, "Path1");
  EXPECT_EQ(topology.ontology.annotations[0].term, "Path1");
  EXPECT_EQ(topology.ontology.annotations[0].gene, "HERC2");
}

}  // namespace
}  // namespace ontonet
