// The matrix layout on a hand-written case (every expected number worked out below by hand),
// preprocessing fitted on the training split only, the errors for bad data, and the TrainingSet
// checks.
#include "ontonet/train/training_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../test_support.hpp"
#include "training_data_fixtures.hpp"

namespace ontonet {
namespace {

using test::feature_value;
using test::has_note;
using test::preprocessing_value;

// s8 is only in the matrix, s7 only in the phenotypes, s6 has no target; s2's g2 and s3's age
// are missing. Train = s1, s2, s3: g1 mean 2 (sd sqrt(2/3)); g2 mean of 10 and 30 = 20 (sd 10);
// age mean of 30 and 40 = 35 (sd 5).
const char* kMatrix =
    "sample\tg1\tg2\tg3\n"
    "s1\t1\t10\t0\n"
    "s2\t2\tNA\t1\n"
    "s3\t3\t30\t0\n"
    "s4\t4\t40\t1\n"
    "s5\t5\t50\t0\n"
    "s6\t6\t60\t1\n"
    "s8\t8\t80\t1\n";
const char* kPhenotypes =
    "sample\tphenotype\tsplit\tage\n"
    "s1\t1.5\ttrain\t30\n"
    "s2\t2.5\ttrain\t40\n"
    "s3\t3.5\ttrain\tNA\n"
    "s4\t4.5\tvalidation\t50\n"
    "s5\t5.5\ttest\t60\n"
    "s6\tNA\ttrain\t70\n"
    "s7\t1.0\ttrain\t20\n";

DataOptions matrix_options(const test::ScratchDir& dir, const std::string& matrix = kMatrix,
                           const std::string& phenotypes = kPhenotypes) {
  DataOptions options;
  options.format = "matrix";
  options.matrix = dir.write("matrix.tsv", matrix);
  options.phenotypes = dir.write("phenotypes.tsv", phenotypes);
  options.split_column = "split";
  options.covariates = {"age"};
  return options;
}

TEST(MatrixTrainingData, JoinsImputesAndCountsEverything) {
  test::ScratchDir dir("matrix");
  const DataOptions options = matrix_options(dir);
  const TrainingSet set = load_training_data(options);
  EXPECT_EQ(set.sample_ids, (std::vector<std::string>{"s1", "s2", "s3", "s4", "s5"}));
  EXPECT_EQ(set.splits.train, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(set.splits.validation, (std::vector<std::size_t>{3}));
  EXPECT_EQ(set.splits.test, (std::vector<std::size_t>{4}));
  EXPECT_EQ(set.features->feature_ids(), (std::vector<std::string>{"g1", "g2", "g3", "cov:age"}));
  EXPECT_EQ(set.n_covariates, 1u);
  EXPECT_FLOAT_EQ(set.targets(0, 4), 5.5f);
  const std::string notes = test::notes_text(set.notes);
  EXPECT_TRUE(has_note(set.notes, "1 samples of " + options.matrix + " are not in")) << notes;
  EXPECT_TRUE(has_note(set.notes, "'s8'")) << notes;
  EXPECT_TRUE(has_note(set.notes, "1 samples of " + options.phenotypes + " are not in")) << notes;
  EXPECT_TRUE(has_note(set.notes, "'s7'")) << notes;
  EXPECT_TRUE(has_note(set.notes, "1 samples without a target")) << notes;
  EXPECT_TRUE(has_note(set.notes, "'s6'")) << notes;
  EXPECT_TRUE(has_note(set.notes, "2 missing feature values imputed")) << notes;

  // No standardization: genotype-like features keep their values, the missing g2 of s2 becomes
  // the training mean 20; the covariate is z-scored anyway.
  EXPECT_EQ(feature_value(*set.features, set.sample_ids, "s4", "g1"), 4.0f);
  EXPECT_EQ(feature_value(*set.features, set.sample_ids, "s2", "g2"), 20.0f);
  EXPECT_EQ(preprocessing_value(set.preprocessing, "fill", "g2"), 20.0);
  EXPECT_EQ(preprocessing_value(set.preprocessing, "center", "cov:age"), 35.0);
  EXPECT_EQ(preprocessing_value(set.preprocessing, "scale", "cov:age"), 5.0);
  EXPECT_EQ(feature_value(*set.features, set.sample_ids, "s5", "cov:age"), (60.0f - 35.0f) / 5.0f);
  EXPECT_EQ(feature_value(*set.features, set.sample_ids, "s3", "cov:age"), 0.0f);
}

TEST(MatrixTrainingData, ZScoresWithTrainingStatisticsOnly) {
  test::ScratchDir dir("matrix");
  DataOptions options = matrix_options(dir);
  options.standardization = Standardization::kZScore;
  const TrainingSet set = load_training_data(options);
  EXPECT_EQ(preprocessing_value(set.preprocessing, "center", "g1"), 2.0);
  EXPECT_NEAR(preprocessing_value(set.preprocessing, "scale", "g1"), std::sqrt(2.0 / 3.0), 1e-7);
  EXPECT_EQ(preprocessing_value(set.preprocessing, "scale", "g2"), 10.0);
  EXPECT_NEAR(feature_value(*set.features, set.sample_ids, "s5", "g2"), (50.0 - 20.0) / 10.0, 1e-6);
  EXPECT_EQ(feature_value(*set.features, set.sample_ids, "s2", "g2"), 0.0f);  // imputed mean

  // Changing the test sample s5 and the validation sample s4 leaves every statistic unchanged.
  std::string changed = kMatrix;
  changed.replace(changed.find("s5\t5\t50"), 7, "s5\t500\t-9");
  changed.replace(changed.find("s4\t4\t40"), 7, "s4\t-4\t99");
  std::string phenotypes = kPhenotypes;
  phenotypes.replace(phenotypes.find("test\t60"), 7, "test\t6000");
  const TrainingSet other = load_training_data(matrix_options(dir, changed, phenotypes));
  DataOptions other_options = matrix_options(dir, changed, phenotypes);
  other_options.standardization = Standardization::kZScore;
  EXPECT_EQ(load_training_data(other_options).preprocessing, set.preprocessing);
  EXPECT_EQ(feature_value(*other.features, other.sample_ids, "s5", "g1"), 500.0f);
}

TEST(MatrixTrainingData, StratifiesSeededSplitForBinaryTask) {
  test::ScratchDir dir("matrix-binary");
  std::string matrix = "id,x\n", phenotypes = "sample,case\n";
  for (int i = 0; i < 40; ++i) {
    matrix += "p" + std::to_string(i) + "," + std::to_string(i) + "\n";
    phenotypes += "p" + std::to_string(i) + "," + (i % 4 == 0 ? "case" : "control") + "\n";
  }
  DataOptions options = matrix_options(dir, matrix, phenotypes);
  options.split_column.clear();
  options.covariates.clear();
  options.target_column = "case";
  options.task = TaskKind::kBinary;
  const TrainingSet set = load_training_data(options);
  // 10 cases and 30 controls, each 0.8 / 0.1 / 0.1: cases 8 / 1 / 1, controls 24 / 3 / 3.
  ASSERT_EQ(set.splits.train.size(), 32u);
  double cases = 0.0;
  for (std::size_t i : set.splits.train) cases += set.targets(0, static_cast<Index>(i));
  EXPECT_EQ(cases, 8.0);
  EXPECT_EQ(set.splits.validation.size(), 4u);
  EXPECT_EQ(set.splits.test.size(), 4u);
}

TEST(MatrixTrainingData, NotesValidationEmptyByRequest) {
  test::ScratchDir dir("matrix-fractions");
  DataOptions options = matrix_options(dir);
  options.split_column.clear();
  options.fractions = {0.8, 0.0, 0.2};
  const TrainingSet set = load_training_data(options);
  EXPECT_TRUE(set.splits.validation.empty());
  EXPECT_EQ(set.splits.train.size(), 4u);
  EXPECT_TRUE(has_note(set.notes, "validation split empty: its fraction is 0"));
}

TEST(MatrixTrainingData, PredictionAppliesStoredPreprocessing) {
  test::ScratchDir dir("matrix-predict");
  DataOptions options = matrix_options(dir);
  options.standardization = Standardization::kZScore;
  const TrainingSet set = load_training_data(options);
  DataOptions cohort = options;
  cohort.matrix = dir.write("cohort.tsv", "id\tg3\tg2\tg1\tother\nq1\t1\tNA\t5\t7\n");
  cohort.phenotypes.clear();
  const PredictionInputs inputs = load_prediction_inputs(cohort, {"g1", "g2"}, set.preprocessing);
  EXPECT_EQ(inputs.sample_ids, std::vector<std::string>{"q1"});
  EXPECT_EQ(inputs.targets.size(), 0);
  Matrix<float> x;
  inputs.features->fill({0}, x);
  EXPECT_NEAR(x(0, 0), (5.0 - 2.0) / std::sqrt(2.0 / 3.0), 1e-5);  // training statistics of g1
  EXPECT_EQ(x(1, 0), 0.0f);  // g2 missing -> training mean -> 0 after centering
  EXPECT_TRUE(has_note(inputs.notes, "1 missing feature values"));
  // The model's covariate needs the phenotype file.
  test::expect_data_error(
      [&] {
        load_prediction_inputs(cohort, {"g1", "cov:age"}, set.preprocessing);
      },
      cohort.matrix, "1 are missing from the data: 'cov:age'");
}

TEST(TrainingDataErrors, RefusesSampleIdsWithNoOverlap) {
  test::ScratchDir dir("no-overlap");
  const DataOptions options = matrix_options(
      dir, "id\tg\na\t1\nb\t2\n", "sample\tphenotype\tsplit\tage\nc\t1\ttrain\t1\nd\t2\ttest\t2\n");
  test::expect_data_error([&] { load_training_data(options); }, options.phenotypes,
                          "expected sample IDs shared with " + options.matrix +
                              ", found none: 'c', 'd' here; 'a', 'b' in the data");
}

TEST(TrainingDataErrors, RefusesPhenotypeOfOneClass) {
  test::ScratchDir dir("one-class");
  DataOptions options = matrix_options(
      dir, "id\tg\na\t1\nb\t2\nc\t3\n",
      "sample\tphenotype\tsplit\tage\na\t1\ttrain\t1\nb\tcase\ttrain\t2\nc\t0\tvalidation\t3\n");
  options.task = TaskKind::kBinary;
  test::expect_data_error([&] { load_training_data(options); }, options.phenotypes,
                          "expected both classes 0 and 1 among the 2 training samples, found only "
                          "class 1");
}

TEST(TrainingDataErrors, RefusesEmptySplitFromSplitColumn) {
  test::ScratchDir dir("empty-split");
  const DataOptions options = matrix_options(
      dir, "id\tg\na\t1\nb\t2\nc\t3\n",
      "sample\tphenotype\tsplit\tage\na\t1\ttrain\t1\nb\t2\ttrain\t2\nc\t3\ttest\t3\n");
  test::expect_data_error([&] { load_training_data(options); }, options.phenotypes,
                          "expected samples in the validation split of column 'split', found none "
                          "(train 2, validation 0, test 1");
}

TEST(TrainingDataErrors, RefusesUnknownFormatAndMissingPaths) {
  DataOptions options;
  options.format = "vcf";
  EXPECT_THROW(load_training_data(options), ConfigError);
  options.format = "matrix";
  try {
    load_training_data(options);
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "data.matrix");
  }
}

TEST(TrainingSetChecks, RefusesNonFiniteAndNonBinaryTargets) {
  test::ScratchDir dir("check");
  TrainingSet set = load_training_data(matrix_options(dir));
  set.description = "the data";
  EXPECT_NO_THROW(check_training_set(set));
  set.targets(0, 1) = std::nanf("");
  test::expect_data_error([&] { check_training_set(set); }, "the data",
                          "expected finite targets; sample 's2'");
  set.targets(0, 1) = 0.5f;
  set.task = TaskKind::kBinary;
  test::expect_data_error([&] { check_training_set(set); }, "the data",
                          "expected binary targets 0 or 1; sample 's1'");
  set.targets.setZero();
  test::expect_data_error(
      [&] { check_training_set(set); }, "the data",
      "expected both classes 0 and 1 in the training split, found only class 0");
  set.splits.test.push_back(0);
  EXPECT_THROW(check_training_set(set), InternalError);
}

TEST(TaskKind, NamesAndParses) {
  for (TaskKind task :
       {TaskKind::kRegression, TaskKind::kBinary, TaskKind::kMulticlass, TaskKind::kSurvival}) {
    EXPECT_EQ(parse_task_kind(task_kind_name(task), "train.task"), task);
  }
  EXPECT_STREQ(task_kind_name(TaskKind::kBinary), "binary");
  EXPECT_STREQ(task_kind_name(TaskKind::kMulticlass), "multiclass");
  EXPECT_STREQ(task_kind_name(TaskKind::kSurvival), "survival");
  try {
    parse_task_kind("cox", "train.task");
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "train.task");
    EXPECT_NE(std::string(error.what()).find("\"cox\""), std::string::npos);
  }
}

// Genotypes as read are small integers: the source holds them as int8 and hands batches out as
// codes with exactly fill()'s values; imputed, scaled or large values keep the float path.
TEST(MatrixTrainingData, SmallIntegerDataAreHandedOutAsCodesWithTheirValues) {
  test::ScratchDir dir("matrix-codes");
  const auto genotypes = [](const std::string& s3_g2) {
    // Training split s0-s7: g2's observed training values besides s3 are 0, 1, 0, 0, 1, 0, 1,
    // so a missing s3 is imputed with 3 / 7.
    std::string matrix = "id\tg1\tg2\n", phenotypes = "sample\ty\tsplit\n";
    for (int i = 0; i < 10; ++i) {
      const std::string id = "s" + std::to_string(i);
      matrix += id + "\t" + std::to_string(i % 3) + "\t" +
                (i == 3 ? s3_g2 : std::to_string(i % 2)) + "\n";
      phenotypes += id + "\t" + std::to_string(i) + "\t" +
                    (i == 8   ? "validation"
                     : i == 9 ? "test"
                              : "train") +
                    "\n";
    }
    return std::make_pair(matrix, phenotypes);
  };
  const auto load = [&](const std::string& s3_g2, Standardization standardization) {
    const auto [matrix, phenotypes] = genotypes(s3_g2);
    DataOptions options = matrix_options(dir, matrix, phenotypes);
    options.covariates.clear();
    options.target_column = "y";
    options.standardization = standardization;
    return load_training_data(options);
  };
  const std::vector<std::size_t> rows{0, 5, 3, 9};

  const TrainingSet integers = load("2", Standardization::kNone);
  Matrix<float> x;
  CodeMatrix codes;
  integers.features->fill(rows, x);
  ASSERT_TRUE(integers.features->fill_codes(rows, codes));
  EXPECT_EQ(Matrix<float>(codes.cast<float>()), x);

  // A missing value imputed with a mean of 3 / 7, a z-score and a dosage beyond int8: floats.
  for (const auto& [value, standardization] :
       std::vector<std::pair<std::string, Standardization>>{{"NA", Standardization::kNone},
                                                            {"2", Standardization::kZScore},
                                                            {"300", Standardization::kNone}}) {
    const TrainingSet floats = load(value, standardization);
    CodeMatrix untouched;
    EXPECT_FALSE(floats.features->fill_codes(rows, untouched)) << value;
    EXPECT_EQ(untouched.size(), 0) << value;
  }
}

}  // namespace
}  // namespace ontonet
