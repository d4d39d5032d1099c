#include "ontonet/network/input_map_builders.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../io/reader_error_expectations.hpp"
#include "../test_support.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using Genes = std::vector<std::string>;

PlinkVariant snp(const std::string& chromosome, const std::string& id, std::int64_t position) {
  PlinkVariant variant;
  variant.chromosome = chromosome;
  variant.id = id;
  variant.position_bp = position;
  return variant;
}

GeneRange gene_range(const std::string& gene, const std::string& chromosome, std::int64_t start,
                     std::int64_t end) {
  return {gene, chromosome, start, end, {}};
}

// ---- feature-gene tables and records -----------------------------------------------------------

TEST(InputMapFromFeatureTable, KeepsDataOrderAndWiresFeaturesToSeveralGenes) {
  ScratchDir dir("input-map");
  const std::string path = dir.write("map.tsv",
                                     "feature\tgene\n"
                                     "# a comment\n"
                                     "rs2\tBRCA2\n"
                                     "rs1\tTP53\n"
                                     "\n"
                                     "rs1\tATM\n"
                                     "rs1\tTP53\n");
  const BuiltInputMap built = input_map_from_feature_table({"rs1", "rs2", "rs3"}, path);
  EXPECT_EQ(built.map.feature_ids, (Genes{"rs1", "rs2", "rs3"}));
  ASSERT_EQ(built.map.feature_genes.size(), 3u);
  EXPECT_EQ(built.map.feature_genes[0], (Genes{"ATM", "TP53"}));
  EXPECT_EQ(built.map.feature_genes[1], (Genes{"BRCA2"}));
  EXPECT_TRUE(built.map.feature_genes[2].empty());
  EXPECT_EQ(built.report.n_features, 3u);
  EXPECT_EQ(built.report.n_mapped_features, 2u);
  EXPECT_EQ(built.report.n_unmapped_features, 1u);
  EXPECT_EQ(built.report.n_connections, 3u);
  EXPECT_EQ(built.report.n_genes, 3u);
  EXPECT_EQ(built.report.n_repeated_pairs, 1u);
  EXPECT_TRUE(built.report.features_not_in_data.empty());
}

TEST(InputMapFromFeatureTable, ReportsTableFeaturesMissingFromTheDataOnceEach) {
  ScratchDir dir("input-map");
  const std::string path =
      dir.write("map.tsv", "rs9\tA\nrs1\tB\nrs9\tC\nrs8\tA\n");  // no header: first line is data
  const BuiltInputMap built = input_map_from_feature_table({"rs1"}, path);
  EXPECT_EQ(built.map.feature_genes[0], (Genes{"B"}));
  EXPECT_EQ(built.report.features_not_in_data, (Genes{"rs9", "rs8"}));
}

TEST(InputMapFromRecords, RefusesARepeatedDataFeature) {
  EXPECT_THROW(input_map_from_records({"rs1", "rs2", "rs1"}, {}), ConfigError);
}

TEST(InputMapFromRecords, FollowsTheGivenFeatureOrderNotTheRecordOrder) {
  const std::vector<InputMapRecord> records = {{"b", "G2", {}}, {"a", "G1", {}}, {"c", "G1", {}}};
  const BuiltInputMap built = input_map_from_records({"c", "b", "a"}, records);
  EXPECT_EQ(built.map.feature_genes, (std::vector<Genes>{{"G1"}, {"G2"}, {"G1"}}));
  EXPECT_EQ(built.report.n_genes, 2u);
}

// ---- identity and channels ---------------------------------------------------------------------

TEST(IdentityInputMap, FeedsEachGeneFromItself) {
  const InputMap map = identity_input_map({"TP53", "KRAS"});
  EXPECT_EQ(map.feature_ids, (Genes{"TP53", "KRAS"}));
  EXPECT_EQ(map.feature_genes, (std::vector<Genes>{{"TP53"}, {"KRAS"}}));
  EXPECT_THROW(identity_input_map({"TP53", "TP53"}), ConfigError);
}

TEST(ChannelInputMap, OrdersFeaturesChannelMajorOrGeneMajor) {
  const Genes genes = {"TP53", "KRAS"};
  const Genes channels = {"mutation", "cndeletion", "cnamplification"};
  const InputMap by_channel = channel_input_map(genes, channels, ChannelOrder::kChannelMajor);
  EXPECT_EQ(by_channel.feature_ids,
            (Genes{"TP53:mutation", "KRAS:mutation", "TP53:cndeletion", "KRAS:cndeletion",
                   "TP53:cnamplification", "KRAS:cnamplification"}));
  EXPECT_EQ(by_channel.feature_genes[3], (Genes{"KRAS"}));
  const InputMap by_gene = channel_input_map(genes, channels, ChannelOrder::kGeneMajor);
  EXPECT_EQ(by_gene.feature_ids,
            (Genes{"TP53:mutation", "TP53:cndeletion", "TP53:cnamplification", "KRAS:mutation",
                   "KRAS:cndeletion", "KRAS:cnamplification"}));
  EXPECT_EQ(by_gene.feature_genes[2], (Genes{"TP53"}));
  EXPECT_EQ(by_gene.feature_genes[3], (Genes{"KRAS"}));
}

TEST(ChannelInputMap, RefusesEmptyRepeatedOrCollidingNames) {
  EXPECT_THROW(channel_input_map({"A"}, {}, ChannelOrder::kGeneMajor), ConfigError);
  EXPECT_THROW(channel_input_map({"A"}, {"m", "m"}, ChannelOrder::kGeneMajor), ConfigError);
  EXPECT_THROW(channel_input_map({"A:b", "A"}, {"c", "b:c"}, ChannelOrder::kGeneMajor),
               ConfigError);
}

// ---- positions against gene ranges -------------------------------------------------------------

TEST(InputMapFromPositions, WindowEdgesAreInclusive) {
  const std::vector<GeneRange> genes = {gene_range("G", "1", 1000, 2000)};
  const std::vector<PlinkVariant> snps = {snp("1", "before", 899), snp("1", "first", 900),
                                          snp("1", "inside", 1500), snp("1", "last", 2100),
                                          snp("1", "after", 2101)};
  const BuiltInputMap built = input_map_from_positions(snps, genes, 100);
  EXPECT_EQ(built.map.feature_genes, (std::vector<Genes>{{}, {"G"}, {"G"}, {"G"}, {}}));
  const BuiltInputMap no_window = input_map_from_positions(snps, genes, 0);
  EXPECT_EQ(no_window.report.n_mapped_features, 1u);
  const BuiltInputMap exact = input_map_from_positions(
      {snp("1", "start", 1000), snp("1", "end", 2000), snp("1", "past", 2001)}, genes, 0);
  EXPECT_EQ(exact.map.feature_genes, (std::vector<Genes>{{"G"}, {"G"}, {}}));
}

TEST(InputMapFromPositions, MapsOverlapsAcrossChromosomeSpellingsAndLeavesGapsEmpty) {
  const std::vector<GeneRange> genes = {
      gene_range("A", "chr1", 100, 500), gene_range("B", "1", 400, 900),
      gene_range("C", "X", 100, 200), gene_range("A", "1", 450, 460),  // A's second location
      gene_range("D", "chr2", 100, 200)};
  const std::vector<PlinkVariant> snps = {snp("1", "both", 450),   snp("chr1", "onlyB", 600),
                                          snp("23", "x", 150),     snp("1", "gap", 1000),
                                          snp("2", "unknown", 0),  snp("1", "onlyA", 150),
                                          snp("5", "nochrom", 150)};
  const BuiltInputMap built = input_map_from_positions(snps, genes, 0);
  EXPECT_EQ(built.map.feature_ids,
            (Genes{"both", "onlyB", "x", "gap", "unknown", "onlyA", "nochrom"}));
  EXPECT_EQ(built.map.feature_genes,
            (std::vector<Genes>{{"A", "B"}, {"B"}, {"C"}, {}, {}, {"A"}, {}}));
  EXPECT_EQ(built.report.n_connections, 5u);
  EXPECT_EQ(built.report.n_unmapped_features, 3u);
  EXPECT_EQ(built.report.n_genes, 3u);
}

TEST(InputMapFromPositions, AgreesWithABruteForceScanOnManyOverlaps) {
  std::vector<GeneRange> genes;
  for (int g = 0; g < 40; ++g) {
    genes.push_back(gene_range("G" + std::to_string(g), g % 2 ? "1" : "chr1", 37 * g % 500 + 1,
                               37 * g % 500 + 1 + (13 * g) % 90));
  }
  std::vector<PlinkVariant> snps;
  for (int s = 0; s < 300; ++s) snps.push_back(snp("1", "s" + std::to_string(s), (s * 7919) % 700));
  const std::int64_t window = 25;
  const BuiltInputMap built = input_map_from_positions(snps, genes, window);
  for (std::size_t s = 0; s < snps.size(); ++s) {
    std::set<std::string> expected;
    for (const GeneRange& range : genes) {
      const std::int64_t p = snps[s].position_bp;
      if (p > 0 && range.start - window <= p && p <= range.end + window)
        expected.insert(range.gene);
    }
    EXPECT_EQ(built.map.feature_genes[s], Genes(expected.begin(), expected.end())) << "SNP " << s;
  }
}

TEST(InputMapFromPositions, RefusesANegativeWindow) {
  EXPECT_THROW(input_map_from_positions({}, {}, -1), ConfigError);
}

TEST(ReadBim, ReadsWhitespaceSeparatedColumnsAndRejectsBadPositions) {
  ScratchDir dir("bim");
  const std::string good = dir.write("good.bim", "1 rs1 0 100 A G\nchr2\trs2\t0.5\t200\tC\tT\n");
  const std::vector<PlinkVariant> variants = read_bim(good);
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[1].chromosome, "chr2");
  EXPECT_EQ(variants[1].id, "rs2");
  EXPECT_EQ(variants[1].position_bp, 200);
  const std::string bad = dir.write("bad.bim", "1 rs1 0 100 A G\n1 rs2 0 1e5 A G\n");
  expect_input_error([&] { read_bim(bad); }, bad, 2,
                     "expected an integer base-pair position in column 4");
  const std::string short_line = dir.write("short.bim", "1 rs1 0 100 A\n");
  expect_input_error([&] { read_bim(short_line); }, short_line, 1,
                     "expected 6 whitespace-separated columns");
}

// GenNet's simulated .bim (100 SNPs on chromosomes 2, 3, 4, 9, 10, 11, 16, 20) against the human
// gene ranges. Expected figures computed independently by a brute-force Python scan (prints
// mapped SNPs, connections, genes):
// clang-format off
//   python3 -c "import sys;n=lambda c:{'23':'X','24':'Y','25':'X','26':'MT','M':'MT'}.get(c[3:] if c.startswith('chr') else c,c[3:] if c.startswith('chr') else c);G=[l.split('\t') for l in open(sys.argv[1]).read().splitlines()[1:]];S=[l.split() for l in open(sys.argv[2])];w=int(sys.argv[3]);H=[{g[1] for g in G if n(g[2])==n(s[0]) and int(g[3])-w<=int(s[3])<=int(g[4])+w} for s in S];print(sum(map(bool,H)),sum(map(len,H)),len(set().union(*H)))" human_genes.tsv GenNet_simulation.bim WINDOW
// clang-format on
// window 0: 81 SNPs mapped, 81 connections, 10 genes; window 10 kb: 88 mapped, 92 connections,
// 10 genes.
TEST(InputMapFromBim, MapsGenNetSimulationSnpsToHumanGenes) {
  const std::string bim = test::shared_data("gennet/A_to_Z/plink/GenNet_simulation.bim");
  const std::string genes = test::shared_data("go/human_genes.tsv");
  const BuiltInputMap exact = input_map_from_bim(bim, genes, 0);
  EXPECT_EQ(exact.report.n_features, 100u);
  EXPECT_EQ(exact.report.n_mapped_features, 81u);
  EXPECT_EQ(exact.report.n_connections, 81u);
  EXPECT_EQ(exact.report.n_genes, 10u);
  const BuiltInputMap widened = input_map_from_bim(bim, genes, 10'000);
  EXPECT_EQ(widened.report.n_mapped_features, 88u);
  EXPECT_EQ(widened.report.n_connections, 92u);
  EXPECT_EQ(widened.report.n_genes, 10u);
}

}  // namespace
}  // namespace ontonet
