// load_training_data on GenNet's examples: genotype.h5 + subjects.csv, and the A_to_Z PLINK set.
// Expected counts were computed from subjects.csv with awk; the PLINK dosages and their training
// means and standard deviations by decoding the .bed with a few lines of Python.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "../test_support.hpp"
#include "ontonet/train/training_data.hpp"
#include "training_data_fixtures.hpp"

namespace ontonet {
namespace {

using test::feature_value;
using test::has_note;

DataOptions gennet_options(const std::string& example) {
  DataOptions options;
  options.format = "gennet";
  options.folder = test::shared_data("gennet/" + example);
  return options;
}

DataOptions a_to_z_plink_options() {
  DataOptions options;
  options.format = "plink";
  options.plink = test::shared_data("gennet/A_to_Z/plink/GenNet_simulation");
  options.task = TaskKind::kBinary;
  return options;
}

std::size_t count_with(const std::vector<std::string>& ids, const std::string& fragment) {
  return static_cast<std::size_t>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
    return id.find(fragment) != std::string::npos;
  }));
}

double sum_of_targets(const TrainingSet& set, const std::vector<std::size_t>& split) {
  double sum = 0.0;
  for (std::size_t i : split) sum += set.targets(0, static_cast<Index>(i));
  return sum;
}

TEST(GenNetTrainingData, ReadsClassificationExampleSplitsFromSetColumn) {
  DataOptions options = gennet_options("example_classification");
  options.task = TaskKind::kBinary;
  const TrainingSet set = load_training_data(options);
  EXPECT_EQ(set.splits.train.size(), 4000u);
  EXPECT_EQ(set.splits.validation.size(), 2000u);
  EXPECT_EQ(set.splits.test.size(), 2000u);
  EXPECT_EQ(set.task, TaskKind::kBinary);
  EXPECT_EQ(sum_of_targets(set, set.splits.train), 682.0);  // awk: labels of set 1
  // 750 rows carry a patient_id that occurs more than once; 382 of them repeat an earlier one.
  EXPECT_EQ(count_with(set.sample_ids, "@row"), 750u);
  EXPECT_TRUE(has_note(set.notes, "382 rows of")) << test::notes_text(set.notes);
  EXPECT_EQ(set.features->feature_ids().size(), 100u);
  EXPECT_EQ(set.features->feature_ids()[0], "variant0");
}

TEST(GenNetTrainingData, AppendsZScoredCovariateFittedOnTrain) {
  DataOptions options = gennet_options("example_regression_cov");
  options.topology = options.folder + "/topology.csv";
  const TrainingSet set = load_training_data(options);
  EXPECT_EQ(set.splits.train.size(), 4000u);
  EXPECT_EQ(set.splits.test.size(), 4000u);
  const std::vector<std::string>& ids = set.features->feature_ids();
  ASSERT_EQ(ids.size(), 101u);
  EXPECT_EQ(ids[0], "SNP0");
  EXPECT_EQ(ids[99], "SNP99");
  EXPECT_EQ(ids[100], "cov:cov_1");
  EXPECT_EQ(set.n_covariates, 1u);
  // Python over the set-1 rows of subjects.csv: mean 0.158, population sd 0.3647410040014748.
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "center", "cov:cov_1"), 0.158, 1e-6);
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "scale", "cov:cov_1"),
              0.3647410040014748, 1e-6);
  // Genotypes are not standardized unless asked.
  EXPECT_EQ(test::preprocessing_value(set.preprocessing, "scale", "SNP3"), 1.0);
  // Patient 24794568 (genotype row 0) has cov_1 = 0 and label 0.5319656429.
  EXPECT_NEAR(feature_value(*set.features, set.sample_ids, "24794568", "cov:cov_1"),
              (0.0 - 0.158) / 0.3647410040014748, 1e-5);
  EXPECT_FLOAT_EQ(set.targets(0, static_cast<Index>(test::index_of(set.sample_ids, "24794568"))),
                  0.5319656429f);
}

TEST(GenNetTrainingData, RefusesTopologyNodePastTheGenotypeColumns) {
  test::ScratchDir dir("gennet-topology");
  DataOptions options = gennet_options("example_regression");
  options.topology = dir.write("topology.csv",
                               "chr,layer0_node,layer0_name,layer1_node,layer1_name\n"
                               "1,0,rs0,0,GENE\n"
                               "1,100,rs100,0,GENE\n");
  test::expect_data_error([&] { load_training_data(options); }, options.topology,
                          "expected layer0_node indices below 100, the number of columns of");
  try {
    load_training_data(options);
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 3u);
  }
}

TEST(GenNetTrainingData, RefusesNonBinaryLabelsForBinaryTask) {
  DataOptions options = gennet_options("example_regression");
  options.task = TaskKind::kBinary;
  // Line 2 of subjects.csv holds label 0.5319656429.
  test::expect_data_error([&] { load_training_data(options); }, options.folder + "/subjects.csv",
                          "expected a binary label 0 or 1");
}

// sample_1 (the first .fam row), decoded from the .bed in Python: SNPs 0..7 have A1 dosages
// 0 0 1 1 2 1 2 0, SNP 99 has 2. GenNet's genotype.h5 counts the other allele: 2 - dosage.
TEST(PlinkTrainingData, ReadsAToZWithFamPhenotypeAndStratifiedSplit) {
  const TrainingSet set = load_training_data(a_to_z_plink_options());
  ASSERT_EQ(set.sample_ids.size(), 14000u);
  // 11,257 controls and 2,743 cases, each split 0.8 / 0.1 / 0.1 by largest remainder:
  // controls 9005 / 1126 / 1126, cases 2195 / 274 / 274.
  EXPECT_EQ(set.splits.train.size(), 11200u);
  EXPECT_EQ(set.splits.validation.size(), 1400u);
  EXPECT_EQ(set.splits.test.size(), 1400u);
  EXPECT_EQ(sum_of_targets(set, set.splits.train), 2195.0);
  EXPECT_EQ(sum_of_targets(set, set.splits.test), 274.0);
  EXPECT_TRUE(has_note(set.notes, "GenNet's coding")) << test::notes_text(set.notes);
  const std::vector<std::string>& ids = set.features->feature_ids();
  ASSERT_EQ(ids.size(), 100u);
  EXPECT_EQ(ids[0], "16:6068679_C_A");
  Matrix<float> x;
  set.features->fill({0, 1, 13999}, x);
  const float sample_1[] = {0, 0, 1, 1, 2, 1, 2, 0};
  for (Index snp = 0; snp < 8; ++snp) EXPECT_EQ(x(snp, 0), sample_1[snp]) << snp;
  EXPECT_EQ(x(99, 0), 2.0f);
  const float sample_14000[] = {0, 1, 1, 0, 0, 0, 0, 1};
  for (Index snp = 0; snp < 8; ++snp) EXPECT_EQ(x(snp, 2), sample_14000[snp]) << snp;
}

DataOptions a_to_z_with_subjects() {
  DataOptions options = a_to_z_plink_options();
  options.phenotypes = test::shared_data("gennet/A_to_Z/run_folder/subjects.csv");
  options.sample_column = "patient_id";
  options.target_column = "labels";
  options.split_column = "set";
  options.topology = test::shared_data("gennet/A_to_Z/run_folder/topology.csv");
  return options;
}

TEST(PlinkTrainingData, MatchesGenNetH5OfTheSameCohort) {
  const TrainingSet plink = load_training_data(a_to_z_with_subjects());
  DataOptions h5 = gennet_options("A_to_Z/run_folder");
  h5.task = TaskKind::kBinary;
  h5.topology = h5.folder + "/topology.csv";
  const TrainingSet gennet = load_training_data(h5);
  EXPECT_EQ(plink.sample_ids, gennet.sample_ids);
  EXPECT_EQ(plink.splits.train, gennet.splits.train);
  EXPECT_EQ(plink.splits.validation.size(), 2000u);
  EXPECT_EQ(plink.splits.test, gennet.splits.test);
  EXPECT_EQ(plink.features->feature_ids(), gennet.features->feature_ids());
  EXPECT_EQ(plink.features->feature_ids()[57], "chr2:115225851");  // topology.csv line 59
  EXPECT_EQ(plink.targets, gennet.targets);
  const std::vector<std::size_t> rows = {0, 1, 2, 5000, 10001, 13999};
  Matrix<float> from_bed, from_h5;
  plink.features->fill(rows, from_bed);
  gennet.features->fill(rows, from_h5);
  ASSERT_EQ(from_bed.rows(), 100);
  const Matrix<float> expected = Matrix<float>::Constant(100, 6, 2.0f) - from_bed;
  EXPECT_EQ(from_h5, expected);
}

TEST(PlinkTrainingData, ZScoresWithTrainingMeanAndSd) {
  DataOptions options = a_to_z_with_subjects();
  options.topology.clear();
  options.standardization = Standardization::kZScore;
  const TrainingSet set = load_training_data(options);
  // Python over the 10,000 set-1 samples: SNP 0 mean 0.595, sd 0.6475916923494631.
  const std::string snp0 = "16:6068679_C_A";
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "center", snp0), 0.595, 1e-6);
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "scale", snp0), 0.6475916923494631,
              1e-6);
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "fill", snp0), 0.595, 1e-6);
  // sample_1 has dosage 0 at SNP 0.
  EXPECT_NEAR(feature_value(*set.features, set.sample_ids, "sample_1", snp0),
              (0.0 - 0.595) / 0.6475916923494631, 1e-5);
}

TEST(PlinkTrainingData, PredictionSelectsAndReordersSnps) {
  const TrainingSet set = load_training_data(a_to_z_plink_options());
  const std::vector<std::string> snps = {set.features->feature_ids()[7],
                                         set.features->feature_ids()[3],
                                         set.features->feature_ids()[4]};
  DataOptions options = a_to_z_plink_options();
  const PredictionInputs inputs = load_prediction_inputs(options, snps, set.preprocessing);
  EXPECT_EQ(inputs.sample_ids.size(), 14000u);
  EXPECT_EQ(inputs.targets.size(), 0);
  Matrix<float> x;
  inputs.features->fill({0}, x);
  ASSERT_EQ(x.rows(), 3);
  EXPECT_EQ(x(0, 0), 0.0f);  // sample_1: SNP 7, SNP 3, SNP 4 = 0, 1, 2
  EXPECT_EQ(x(1, 0), 1.0f);
  EXPECT_EQ(x(2, 0), 2.0f);
}

TEST(GenNetTrainingData, PredictionMatchesTrainingFeatures) {
  DataOptions options = gennet_options("example_regression_cov");
  options.standardization = Standardization::kZScore;
  const TrainingSet set = load_training_data(options);
  const PredictionInputs inputs =
      load_prediction_inputs(options, set.features->feature_ids(), set.preprocessing);
  ASSERT_EQ(inputs.sample_ids, set.sample_ids);
  EXPECT_EQ(inputs.targets, set.targets);
  const std::vector<std::size_t> rows = {0, 4000, 9999};
  Matrix<float> trained, predicted;
  set.features->fill(rows, trained);
  inputs.features->fill(rows, predicted);
  EXPECT_EQ(trained, predicted);
}

// Forty A_to_Z samples with a phenotype file of the test's own: sample_k has label k % 2, age
// 20 + k, and split train for k <= 30, validation for 31..35, test for 36..40. Train ages 21..50:
// mean 35.5, population sd sqrt((30^2 - 1) / 12).
TEST(PlinkTrainingData, AppendsCovariatesAfterSnpsAndPredictsWithThem) {
  test::ScratchDir dir("plink-covariates");
  std::string phenotypes = "IID\tcase\tage\tpart\n";
  for (int k = 1; k <= 40; ++k) {
    phenotypes += "sample_" + std::to_string(k) + "\t" + std::to_string(k % 2) + "\t" +
                  std::to_string(20 + k) + "\t" +
                  (k <= 30   ? "train"
                   : k <= 35 ? "validation"
                             : "test") +
                  "\n";
  }
  DataOptions options = a_to_z_plink_options();
  options.phenotypes = dir.write("phenotypes.tsv", phenotypes);
  options.sample_column = "IID";
  options.target_column = "case";
  options.split_column = "part";
  options.covariates = {"age"};
  const TrainingSet set = load_training_data(options);
  ASSERT_EQ(set.sample_ids.size(), 40u);
  EXPECT_EQ(set.splits.train.size(), 30u);
  EXPECT_EQ(set.splits.test.size(), 5u);
  EXPECT_EQ(set.n_covariates, 1u);
  ASSERT_EQ(set.features->feature_ids().size(), 101u);
  EXPECT_EQ(set.features->feature_ids()[100], "cov:age");
  EXPECT_TRUE(has_note(set.notes, "13960 samples of")) << test::notes_text(set.notes);
  const double sd = std::sqrt((30.0 * 30.0 - 1.0) / 12.0);
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "center", "cov:age"), 35.5, 1e-6);
  EXPECT_NEAR(test::preprocessing_value(set.preprocessing, "scale", "cov:age"), sd, 1e-5);
  Matrix<float> x;
  set.features->fill({0, 39}, x);
  EXPECT_EQ(x(0, 0), 0.0f);  // sample_1, SNP 0
  EXPECT_NEAR(x(100, 0), (21.0 - 35.5) / sd, 1e-5);
  EXPECT_NEAR(x(100, 1), (60.0 - 35.5) / sd, 1e-5);

  const PredictionInputs inputs =
      load_prediction_inputs(options, set.features->feature_ids(), set.preprocessing);
  ASSERT_EQ(inputs.sample_ids, set.sample_ids);
  Matrix<float> predicted;
  inputs.features->fill({0, 39}, predicted);
  EXPECT_EQ(predicted, x);
}

// A copy of the A_to_Z PLINK set in a scratch folder with the .bed replaced by `bed`.
std::string copy_plink_with_bed(const test::ScratchDir& dir, const std::string& bed) {
  const std::string source = test::shared_data("gennet/A_to_Z/plink/GenNet_simulation");
  for (const char* extension : {".bim", ".fam"}) {
    std::ifstream in(source + extension, std::ios::binary);
    dir.write(std::string("cohort") + extension,
              std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  dir.write("cohort.bed", bed);
  return dir.path("cohort");
}

std::string a_to_z_bed() {
  std::ifstream in(test::shared_data("gennet/A_to_Z/plink/GenNet_simulation.bed"),
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(PlinkTrainingData, RefusesBedOfWrongSizeNamingIt) {
  test::ScratchDir dir("plink-size");
  DataOptions options = a_to_z_plink_options();
  const std::string bed = a_to_z_bed();
  options.plink = copy_plink_with_bed(dir, bed.substr(0, bed.size() - 100));
  test::expect_data_error([&] { load_training_data(options); }, options.plink + ".bed",
                          "expected 350003 bytes (3 + 100 SNPs x 3500 bytes for 14000 samples), "
                          "got 349903 bytes");
}

TEST(PlinkTrainingData, RefusesBedWithWrongMagicNamingIt) {
  test::ScratchDir dir("plink-magic");
  DataOptions options = a_to_z_plink_options();
  std::string bed = a_to_z_bed();
  bed[1] = '\x1c';
  options.plink = copy_plink_with_bed(dir, bed);
  test::expect_data_error([&] { load_training_data(options); }, options.plink + ".bed",
                          "expected PLINK magic bytes 6c 1b 01, got 6c 1c 01");
}

}  // namespace
}  // namespace ontonet
