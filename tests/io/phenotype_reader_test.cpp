#include "ontonet/io/phenotype_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/gennet_subjects_reader.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "ontonet/io/sample_join.hpp"

namespace ontonet {
namespace {

using test::ScratchDir;

const PhenotypeTableSpec kAllKinds = {"id",
                                      {{"height", PhenotypeKind::kContinuous, ""},
                                       {"status", PhenotypeKind::kBinary, ""},
                                       {"subtype", PhenotypeKind::kMulticlass, ""},
                                       {"months", PhenotypeKind::kSurvival, "died"}},
                                      "split",
                                      '\0'};

const char* const kTable =
    "id\theight\tstatus\tsubtype\tmonths\tdied\tsplit\tignored\n"
    "s1\t1.70\tcase\tLumB\t12.5\t1\ttrain\tx\n"
    "s2\tNA\tControl\tBasal\t30\t0\tvalidation\ty\n"
    "s3\t1.82\t1\tLumA\tNA\t1\t3\tz\n"
    "s4\t1.60\t0\t\t7\ttrue\t1\tw\n";

std::string error_of(const std::string& path, const PhenotypeTableSpec& spec) {
  try {
    read_phenotypes(path, spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PhenotypeReader, ReadsEveryKindWithMissingValuesCounted) {
  ScratchDir dir("pheno");
  const PhenotypeTable table = read_phenotypes(dir.write("p.tsv", kTable), kAllKinds);
  EXPECT_EQ(table.sample_ids, (std::vector<std::string>{"s1", "s2", "s3", "s4"}));
  ASSERT_EQ(table.columns.size(), 4u);

  const PhenotypeColumn& height = table.columns[0];
  EXPECT_FLOAT_EQ(height.values[0], 1.70f);
  EXPECT_TRUE(std::isnan(height.values[1]));
  EXPECT_EQ(height.n_missing, 1u);

  EXPECT_EQ(table.columns[1].values, (std::vector<float>{1, 0, 1, 0}));
  EXPECT_EQ(table.columns[1].n_missing, 0u);

  const PhenotypeColumn& subtype = table.columns[2];
  EXPECT_EQ(subtype.class_labels, (std::vector<std::string>{"Basal", "LumA", "LumB"}));
  EXPECT_EQ(subtype.values[0], 2.0f);  // LumB
  EXPECT_EQ(subtype.values[1], 0.0f);  // Basal
  EXPECT_EQ(subtype.values[2], 1.0f);  // LumA
  EXPECT_TRUE(std::isnan(subtype.values[3]));
  EXPECT_EQ(subtype.n_missing, 1u);

  const PhenotypeColumn& survival = table.columns[3];
  EXPECT_EQ(survival.values[0], 12.5f);
  EXPECT_EQ(survival.events[1], 0.0f);
  EXPECT_TRUE(std::isnan(survival.values[2]));
  EXPECT_TRUE(std::isnan(survival.events[2]));
  EXPECT_EQ(survival.events[3], 1.0f);
  EXPECT_EQ(survival.n_missing, 1u);

  EXPECT_EQ(table.splits, (std::vector<DataSplit>{DataSplit::kTrain, DataSplit::kValidation,
                                                  DataSplit::kTest, DataSplit::kTrain}));
}

TEST(PhenotypeReader, RejectsMissingColumnAndBadValuesNamingColumnAndLine) {
  ScratchDir dir("pheno");
  const std::string path = dir.write("p.csv", "id,status\ns1,1\ns2,2\n");
  PhenotypeTableSpec spec{"id", {{"status", PhenotypeKind::kBinary, ""}}, "", '\0'};
  EXPECT_NE(error_of(path, spec)
                .find("p.csv:3: expected 0/1, case/control, yes/no or true/false "
                      "in column 'status', got '2'"),
            std::string::npos)
      << error_of(path, spec);
  spec.split_column = "fold";
  EXPECT_NE(error_of(path, spec).find("p.csv:1: expected a column named 'fold' (split)"),
            std::string::npos);
  spec = {"id", {{"status", PhenotypeKind::kSurvival, "event"}}, "", '\0'};
  EXPECT_NE(error_of(path, spec).find("expected a column named 'event' (survival event)"),
            std::string::npos);
}

TEST(PhenotypeReader, RejectsWrongFieldCountBadSplitAndRepeatedSample) {
  ScratchDir dir("pheno");
  const PhenotypeTableSpec spec{"id", {{"y", PhenotypeKind::kContinuous, ""}}, "set", '\0'};
  const std::string short_row = dir.write("a.tsv", "id\ty\tset\ns1\t1\ttrain\ns2\t2\n");
  EXPECT_NE(error_of(short_row, spec).find("a.tsv:3: expected 3 fields as in the header, got 2"),
            std::string::npos);
  const std::string bad_split = dir.write("b.tsv", "id\ty\tset\ns1\t1\tholdout\n");
  EXPECT_NE(error_of(bad_split, spec)
                .find("b.tsv:2: expected train, validation, test (or 1, 2, "
                      "3) in column 'set', got 'holdout'"),
            std::string::npos);
  const std::string repeat = dir.write("c.tsv", "id\ty\tset\ns1\t1\t1\ns1\t2\t2\n");
  EXPECT_NE(error_of(repeat, spec)
                .find("c.tsv:3: expected unique sample IDs, but 's1' was "
                      "already on line 2"),
            std::string::npos);
  const std::string not_number = dir.write("d.tsv", "id\ty\tset\ns1\tabc\t1\n");
  EXPECT_NE(error_of(not_number, spec).find("d.tsv:2: expected a number or NA in column 'y'"),
            std::string::npos);
}

TEST(SampleJoin, PairsSharedSamplesAndCountsTheRestOnEachSide) {
  const SampleJoin join = join_by_sample_id({"a", "b", "c", "d"}, {"d", "x", "b", "y", "z"});
  EXPECT_EQ(join.pairs, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 2}, {3, 0}}));
  EXPECT_EQ(join.n_only_in_data, 2u);
  EXPECT_EQ(join.examples_only_in_data, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(join.n_only_in_phenotypes, 3u);
  EXPECT_EQ(join.examples_only_in_phenotypes, (std::vector<std::string>{"x", "y", "z"}));
}

// GenNet's A_to_Z subjects.csv read as a plain phenotype table and joined to the PLINK .fam: the
// same 14,000 samples, with the .fam phenotype equal to the subjects' labels.
TEST(PhenotypeReader, JoinsGenNetSubjectsToPlinkSamples) {
  const PhenotypeTable table =
      read_phenotypes(test::shared_data("gennet/A_to_Z/run_folder/subjects.csv"),
                      {"patient_id", {{"labels", PhenotypeKind::kBinary, ""}}, "set", '\0'});
  ASSERT_EQ(table.sample_ids.size(), 14000u);
  const PlinkDataset plink = open_plink(test::shared_data("gennet/A_to_Z/plink/GenNet_simulation"));
  std::vector<std::string> plink_ids;
  for (const PlinkSample& sample : plink.samples()) plink_ids.push_back(sample.individual_id);
  const SampleJoin join = join_by_sample_id(plink_ids, table.sample_ids);
  EXPECT_EQ(join.pairs.size(), 14000u);
  EXPECT_EQ(join.n_only_in_data, 0u);
  EXPECT_EQ(join.n_only_in_phenotypes, 0u);
  std::size_t disagreements = 0;
  for (const auto& [plink_row, table_row] : join.pairs) {
    disagreements += plink.samples()[plink_row].phenotype != table.columns[0].values[table_row];
  }
  EXPECT_EQ(disagreements, 0u);
  std::size_t train = 0;
  for (DataSplit split : table.splits) train += split == DataSplit::kTrain;
  EXPECT_EQ(train, 10000u);
}

}  // namespace
}  // namespace ontonet
