#include "ontonet/io/nest_vnn_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::ScratchDir;

template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(NestVnnReader, IndexFileAcceptsAnyOrderAndRejectsGapsAndRepeats) {
  ScratchDir dir("nest");
  EXPECT_EQ(read_index_file(dir.write("ok.txt", "1\tB\n0\tA\n2\tC\n")),
            (std::vector<std::string>{"A", "B", "C"}));
  const std::string gap = dir.write("gap.txt", "0\tA\n2\tC\n");
  EXPECT_NE(error_of([&] {
              read_index_file(gap);
            }).find("gap.txt: expected contiguous 0-based indices 0..1, but index 1 is missing"),
            std::string::npos)
      << error_of([&] { read_index_file(gap); });
  const std::string repeat = dir.write("repeat.txt", "0\tA\n1\tB\n1\tC\n");
  EXPECT_NE(error_of([&] {
              read_index_file(repeat);
            }).find("repeat.txt:3: expected each index once, but 1 was already on line 2"),
            std::string::npos);
  const std::string twice = dir.write("twice.txt", "0\tA\n1\tA\n");
  EXPECT_NE(error_of([&] {
              read_index_file(twice);
            }).find("twice.txt:2: expected unique names, but 'A' was already on line 1"),
            std::string::npos);
  const std::string one_based = dir.write("bad.txt", "0\tA\nx\tB\n");
  EXPECT_NE(error_of([&] {
              read_index_file(one_based);
            }).find("bad.txt:2: expected a 0-based index in column 1, got 'x'"),
            std::string::npos);
}

TEST(NestVnnReader, InterleavesChannelsGeneMajor) {
  ScratchDir dir("nest");
  const std::string cells = dir.write("cell2ind.txt", "0\tc0\n1\tc1\n");
  const std::string genes = dir.write("gene2ind.txt", "0\tTP53\n1\tRB1\n2\tMYC\n");
  dir.write("cell2mutation.txt", "1,0,0\n0,1,0\n");
  dir.write("cell2cndeletion.txt", "0,0,0\n0,1,0\n");
  dir.write("cell2cnamplification.txt", "0,0,1\n1,0,0\n");
  const SampleMatrix matrix = read_cell_features(cells, genes, nest_vnn_channels(dir.path("")));
  EXPECT_EQ(matrix.sample_ids, (std::vector<std::string>{"c0", "c1"}));
  ASSERT_EQ(matrix.feature_ids.size(), 9u);
  EXPECT_EQ(matrix.feature_ids[0], "TP53:mutation");
  EXPECT_EQ(matrix.feature_ids[4], "RB1:cndeletion");
  EXPECT_EQ(matrix.feature_ids[8], "MYC:cnamplification");
  ASSERT_EQ(matrix.values.rows(), 2);
  EXPECT_EQ(matrix.values(0, 0), 1.0f);  // c0 TP53 mutation
  EXPECT_EQ(matrix.values(0, 8), 1.0f);  // c0 MYC amplification
  EXPECT_EQ(matrix.values(1, 3), 1.0f);  // c1 RB1 mutation
  EXPECT_EQ(matrix.values(1, 4), 1.0f);  // c1 RB1 deletion
  EXPECT_EQ(matrix.values(1, 2), 1.0f);  // c1 TP53 amplification
  EXPECT_EQ(matrix.values.sum(), 5.0f);
}

TEST(NestVnnReader, RejectsChannelWithWrongShapeOrNonNumber) {
  ScratchDir dir("nest");
  const std::string cells = dir.write("cell2ind.txt", "0\tc0\n1\tc1\n");
  const std::string genes = dir.write("gene2ind.txt", "0\tTP53\n1\tRB1\n");
  const std::string path = dir.write("m.txt", "1,0\n0,1,0\n");
  const auto read = [&] { read_cell_features(cells, genes, {{"mutation", path}}); };
  EXPECT_NE(error_of(read).find("m.txt:2: expected 2 comma-separated values, got 3"),
            std::string::npos)
      << error_of(read);
  dir.write("m.txt", "1,0\n");
  EXPECT_NE(error_of(read).find("m.txt: expected 2 rows, one per cell of"), std::string::npos)
      << error_of(read);
  dir.write("m.txt", "1,0\n0,yes\n");
  EXPECT_NE(error_of(read).find("m.txt:2: expected a number in column 2, got 'yes'"),
            std::string::npos);
}

TEST(NestVnnReader, ReadsResponsesWithOptionalSourceAndRejectsBadLines) {
  ScratchDir dir("nest");
  const std::string path = dir.write("r.txt", "c0\tCCO\t0.5\tGDSC1\nc1\tCCO\t-1.25\n");
  const std::vector<DrugResponse> responses = read_drug_responses(path);
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0].source, "GDSC1");
  EXPECT_EQ(responses[1].response, -1.25f);
  EXPECT_EQ(responses[1].source, "");
  EXPECT_EQ(responses[1].location.line, 2u);
  dir.write("r.txt", "c0\tCCO\t0.5\nc1\tCCO\n");
  EXPECT_NE(error_of([&] {
              read_drug_responses(path);
            }).find("r.txt:2: expected 3 or 4 tab-separated columns"),
            std::string::npos);
  dir.write("r.txt", "c0\tCCO\tNA\n");
  EXPECT_NE(error_of([&] {
              read_drug_responses(path);
            }).find("r.txt:1: expected a numeric response in column 3, got 'NA'"),
            std::string::npos);
}

TEST(NestVnnReader, ReadsPalbociclibTaskWithExactCounts) {
  const std::string folder = test::shared_data("nest_vnn");
  const SampleMatrix matrix = read_cell_features(folder + "/cell2ind.txt", folder + "/gene2ind.txt",
                                                 nest_vnn_channels(folder));
  ASSERT_EQ(matrix.sample_ids.size(), 1244u);
  ASSERT_EQ(matrix.feature_ids.size(), 718u * 3u);
  EXPECT_EQ(matrix.sample_ids[0], "201T_LUNG");
  EXPECT_EQ(matrix.feature_ids[0], "ABCB1:mutation");
  EXPECT_EQ(matrix.feature_ids[3 * 717 + 2], "ZRSR2:cnamplification");
  // Totals of each channel's 1s, counted independently in Python: 36,061 mutations,
  // 8,670 deletions, 23,923 amplifications.
  double per_channel[3] = {0, 0, 0};
  for (Eigen::Index f = 0; f < matrix.values.cols(); ++f)
    per_channel[f % 3] += matrix.values.col(f).sum();
  EXPECT_EQ(per_channel[0], 36061.0);
  EXPECT_EQ(per_channel[1], 8670.0);
  EXPECT_EQ(per_channel[2], 23923.0);
  // Cell 0: first mutated gene index 77, first deleted 106, first amplified 69.
  EXPECT_EQ(matrix.values(0, 77 * 3 + 0), 1.0f);
  EXPECT_EQ(matrix.values(0, 76 * 3 + 0), 0.0f);
  EXPECT_EQ(matrix.values(0, 106 * 3 + 1), 1.0f);
  EXPECT_EQ(matrix.values(0, 69 * 3 + 2), 1.0f);

  const std::vector<DrugResponse> training = read_drug_responses(folder + "/training_data.txt");
  ASSERT_EQ(training.size(), 1316u);
  EXPECT_EQ(training[0].cell, "HS633T_SOFT_TISSUE");
  EXPECT_FLOAT_EQ(training[0].response, 0.6695136077442607f);
  std::size_t gdsc1 = 0;
  for (const DrugResponse& r : training) gdsc1 += r.source == "GDSC1";
  EXPECT_EQ(gdsc1, 706u);
  EXPECT_EQ(read_drug_responses(folder + "/test_data.txt").size(), 333u);

  const std::string ucsd = folder + "/external_UCSD";
  const SampleMatrix external =
      read_cell_features(ucsd + "/cell2ind.txt", ucsd + "/gene2ind.txt", nest_vnn_channels(ucsd));
  EXPECT_EQ(external.sample_ids.size(), 141u);
  EXPECT_EQ(external.sample_ids[140], "pt_512");
  const std::vector<DrugResponse> ucsd_responses = read_drug_responses(ucsd + "/test_UCSD.txt");
  ASSERT_EQ(ucsd_responses.size(), 141u);
  EXPECT_EQ(ucsd_responses[0].drug, "Palbociclib");
  EXPECT_EQ(ucsd_responses[0].source, "ARMOR");
}

TEST(NestVnnReader, ReadsDrugCellFingerprints) {
  const std::string folder = test::shared_data("drugcell");
  const SampleMatrix fingerprints =
      read_drug_fingerprints(folder + "/drug2ind.txt", folder + "/drug2fingerprint.txt");
  ASSERT_EQ(fingerprints.values.rows(), 684);
  ASSERT_EQ(fingerprints.values.cols(), 2048);
  EXPECT_EQ(fingerprints.feature_ids[2047], "bit2047");
  // Drug 0 sets 73 bits, the first at 1, 2, 4; 40,223 bits are set in all (Python count).
  EXPECT_EQ(fingerprints.values.row(0).sum(), 73.0f);
  EXPECT_EQ(fingerprints.values(0, 1), 1.0f);
  EXPECT_EQ(fingerprints.values(0, 3), 0.0f);
  EXPECT_EQ(fingerprints.values.sum(), 40223.0f);
  EXPECT_EQ(read_drug_responses(folder + "/drugcell_train.txt").size(), 10000u);
}

}  // namespace
}  // namespace ontonet
