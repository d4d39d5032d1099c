// The multiclass and survival tasks on the data side: targets and class labels read from a
// phenotype file (matrix and plink layouts), left-out samples counted, splits stratified by class
// and by event, labels mapped at prediction, and the refusals (layouts without a phenotype file,
// one class, no event in train). Every expected number is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "ontonet/train/training_data.hpp"
#include "training_data_fixtures.hpp"

namespace ontonet {
namespace {

using test::has_note;

// a8 is only in the phenotypes, so its label 'claudin' belongs to no sample with features;
// a3 misses its time, a4 its event, a7 its subtype. Sorted labels of the file: basal, claudin,
// her2, luminal; without claudin: basal 0, her2 1, luminal 2.
const char* kMatrix =
    "sample\tg1\tg2\n"
    "a1\t1\t0\n"
    "a2\t2\t1\n"
    "a3\t3\t0\n"
    "a4\t4\t1\n"
    "a5\t5\t0\n"
    "a6\t6\t1\n"
    "a7\t7\t0\n";
const char* kPhenotypes =
    "sample\tsubtype\tos_time\tos_event\tsplit\n"
    "a1\tluminal\t10.5\t1\ttrain\n"
    "a2\tbasal\t3\t0\ttrain\n"
    "a3\ther2\tNA\t1\ttrain\n"
    "a4\tluminal\t7\tNA\ttrain\n"
    "a5\tbasal\t2\t1\tvalidation\n"
    "a6\ther2\t4.25\t0\ttest\n"
    "a7\tNA\t5\t1\ttrain\n"
    "a8\tclaudin\t1\t1\ttest\n";

DataOptions matrix_options(const test::ScratchDir& dir, TaskKind task,
                           const std::string& phenotypes = kPhenotypes) {
  DataOptions options;
  options.format = "matrix";
  options.matrix = dir.write("matrix.tsv", kMatrix);
  options.phenotypes = dir.write("phenotypes.tsv", phenotypes);
  options.split_column = "split";
  options.task = task;
  if (task == TaskKind::kMulticlass) options.target_column = "subtype";
  if (task == TaskKind::kSurvival) {
    options.target_column = "os_time";
    options.event_column = "os_event";
  }
  return options;
}

std::vector<float> row_of(const Matrix<float>& targets, Index row) {
  std::vector<float> values;
  for (Index j = 0; j < targets.cols(); ++j) values.push_back(targets(row, j));
  return values;
}

template <typename Load>
void expect_config_error(Load&& load, const std::string& path, const std::string& fragment) {
  try {
    load();
    ADD_FAILURE() << "expected a ConfigError at " << path;
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), path) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(MulticlassTrainingData, ReadsClassIndicesAndSortedLabels) {
  test::ScratchDir dir("multiclass");
  const DataOptions options = matrix_options(dir, TaskKind::kMulticlass);
  const TrainingSet set = load_training_data(options);
  // a7 has no subtype; a3 and a4 have one (their missing time does not matter here).
  EXPECT_EQ(set.sample_ids, (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5", "a6"}));
  EXPECT_EQ(set.class_labels, (std::vector<std::string>{"basal", "her2", "luminal"}));
  ASSERT_EQ(set.targets.rows(), 1);
  EXPECT_EQ(row_of(set.targets, 0), (std::vector<float>{2, 0, 1, 2, 0, 1}));
  EXPECT_EQ(n_model_outputs(set), 3);
  EXPECT_EQ(set.splits.train, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(set.preprocessing.at("class_labels"), nlohmann::json({"basal", "her2", "luminal"}));
  const std::string notes = test::notes_text(set.notes);
  EXPECT_TRUE(has_note(
      set.notes, "1 samples without a target in " + options.phenotypes + " are left out: 'a7'"))
      << notes;
  EXPECT_TRUE(has_note(set.notes, "1 class labels of " + options.phenotypes +
                                      " belong only to samples left out, and are not classes of "
                                      "the model: 'claudin'"))
      << notes;
}

TEST(SurvivalTrainingData, ReadsTimeAndEventRowsAndCountsMissingOnes) {
  test::ScratchDir dir("survival");
  const DataOptions options = matrix_options(dir, TaskKind::kSurvival);
  const TrainingSet set = load_training_data(options);
  // a3 (no time) and a4 (no event) are left out; a7 keeps its survival without a subtype.
  EXPECT_EQ(set.sample_ids, (std::vector<std::string>{"a1", "a2", "a5", "a6", "a7"}));
  ASSERT_EQ(set.targets.rows(), 2);
  EXPECT_EQ(row_of(set.targets, 0), (std::vector<float>{10.5f, 3.0f, 2.0f, 4.25f, 5.0f}));
  EXPECT_EQ(row_of(set.targets, 1), (std::vector<float>{1, 0, 1, 0, 1}));
  EXPECT_EQ(n_model_outputs(set), 1);
  EXPECT_TRUE(set.class_labels.empty());
  EXPECT_FALSE(set.preprocessing.contains("class_labels"));
  EXPECT_EQ(set.splits.train, (std::vector<std::size_t>{0, 1, 4}));
  EXPECT_TRUE(has_note(set.notes,
                       "2 samples without a time and event (columns 'os_time', "
                       "'os_event') in " +
                           options.phenotypes + " are left out: 'a3', 'a4'"))
      << test::notes_text(set.notes);
}

// 40 samples: p<i> is basal when i % 4 == 0, her2 when i % 4 == 1, else luminal (10 / 10 / 20);
// its survival time is i + 1 with an event when i % 4 == 0 (10 events, 30 censored). Fractions
// 0.8 / 0.1 / 0.1 per stratum: 10 -> 8 / 1 / 1, 20 -> 16 / 2 / 2, 30 -> 24 / 3 / 3.
std::string forty_phenotypes() {
  std::string text = "sample\tsubtype\tos_time\tos_event\n";
  for (int i = 0; i < 40; ++i) {
    const char* subtype = i % 4 == 0 ? "basal" : i % 4 == 1 ? "her2" : "luminal";
    text += "p" + std::to_string(i) + "\t" + subtype + "\t" + std::to_string(i + 1) + "\t" +
            (i % 4 == 0 ? "1" : "0") + "\n";
  }
  return text;
}

DataOptions forty_options(const test::ScratchDir& dir, TaskKind task) {
  std::string matrix = "sample\tx\n";
  for (int i = 0; i < 40; ++i) matrix += "p" + std::to_string(i) + "\t" + std::to_string(i) + "\n";
  DataOptions options = matrix_options(dir, task, forty_phenotypes());
  options.matrix = dir.write("forty.tsv", matrix);
  options.split_column.clear();
  return options;
}

std::vector<std::size_t> count_per_value(const TrainingSet& set, Index row,
                                         const std::vector<std::size_t>& split, std::size_t n) {
  std::vector<std::size_t> counts(n, 0);
  for (std::size_t i : split) ++counts[static_cast<std::size_t>(set.targets(row, Index(i)))];
  return counts;
}

TEST(MulticlassTrainingData, StratifiesSeededSplitByClass) {
  test::ScratchDir dir("multiclass-stratified");
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    DataOptions options = forty_options(dir, TaskKind::kMulticlass);
    options.split_seed = seed;
    const TrainingSet set = load_training_data(options);
    EXPECT_EQ(count_per_value(set, 0, set.splits.train, 3), (std::vector<std::size_t>{8, 8, 16}));
    EXPECT_EQ(count_per_value(set, 0, set.splits.validation, 3),
              (std::vector<std::size_t>{1, 1, 2}));
    EXPECT_EQ(count_per_value(set, 0, set.splits.test, 3), (std::vector<std::size_t>{1, 1, 2}));
  }
}

TEST(SurvivalTrainingData, StratifiesSeededSplitByEvent) {
  test::ScratchDir dir("survival-stratified");
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    DataOptions options = forty_options(dir, TaskKind::kSurvival);
    options.split_seed = seed;
    const TrainingSet set = load_training_data(options);
    // Counts of censored (0) and events (1) per split.
    EXPECT_EQ(count_per_value(set, 1, set.splits.train, 2), (std::vector<std::size_t>{24, 8}));
    EXPECT_EQ(count_per_value(set, 1, set.splits.validation, 2), (std::vector<std::size_t>{3, 1}));
    EXPECT_EQ(count_per_value(set, 1, set.splits.test, 2), (std::vector<std::size_t>{3, 1}));
    // The time row stays with its sample: p<i> has time i + 1.
    for (std::size_t j = 0; j < set.sample_ids.size(); ++j) {
      EXPECT_EQ(set.targets(0, Index(j)), std::stof(set.sample_ids[j].substr(1)) + 1.0f);
    }
  }
}

TEST(MulticlassTrainingData, NotesClassesOnlyOutsideTrain) {
  test::ScratchDir dir("multiclass-outside");
  std::string phenotypes = kPhenotypes;
  // Moves the only her2 training sample (a3) to validation: her2 is then in validation and test.
  const std::string a3 = "a3\ther2\tNA\t1\ttrain";
  phenotypes.replace(phenotypes.find(a3), a3.size(), "a3\ther2\tNA\t1\tvalidation");
  const DataOptions options = matrix_options(dir, TaskKind::kMulticlass, phenotypes);
  const TrainingSet set = load_training_data(options);
  EXPECT_EQ(set.class_labels, (std::vector<std::string>{"basal", "her2", "luminal"}));
  EXPECT_TRUE(has_note(set.notes, "1 classes of " + options.phenotypes +
                                      " have no training sample, only validation or test ones; "
                                      "the model cannot learn them: 'her2'"))
      << test::notes_text(set.notes);
}

TEST(MulticlassTrainingData, RefusesTrainingSplitOfOneClass) {
  test::ScratchDir dir("multiclass-one");
  const DataOptions options = matrix_options(dir, TaskKind::kMulticlass,
                                             "sample\tsubtype\tsplit\n"
                                             "a1\tluminal\ttrain\n"
                                             "a2\tluminal\ttrain\n"
                                             "a3\tbasal\tvalidation\n");
  test::expect_data_error([&] { load_training_data(options); }, options.phenotypes,
                          "expected at least two classes among the 2 training samples, found "
                          "only 'luminal'");
}

TEST(SurvivalTrainingData, RefusesAllCensoredTrainingSplit) {
  test::ScratchDir dir("survival-censored");
  const DataOptions options = matrix_options(dir, TaskKind::kSurvival,
                                             "sample\tos_time\tos_event\tsplit\n"
                                             "a1\t5\t0\ttrain\n"
                                             "a2\t6\tfalse\ttrain\n"
                                             "a3\t7\t0\ttrain\n"
                                             "a4\t1\t1\tvalidation\n");
  test::expect_data_error([&] { load_training_data(options); }, options.phenotypes,
                          "expected at least one event among the 3 training samples, found all "
                          "censored");
}

TEST(SurvivalTrainingData, RequiresEventColumnOnlyForSurvival) {
  test::ScratchDir dir("survival-event-column");
  DataOptions options = matrix_options(dir, TaskKind::kSurvival);
  options.event_column.clear();
  expect_config_error([&] { load_training_data(options); }, "data.event_column",
                      "is required for task survival");
  options = matrix_options(dir, TaskKind::kRegression);
  options.target_column = "os_time";
  options.event_column = "os_event";
  expect_config_error([&] { load_training_data(options); }, "data.event_column",
                      "is only read for task survival, not regression");
}

TEST(TrainingDataErrors, LayoutsWithoutPhenotypeFileRefuseMulticlassAndSurvival) {
  DataOptions gennet;
  gennet.format = "gennet";
  gennet.folder = test::shared_data("gennet/example_classification");
  gennet.task = TaskKind::kMulticlass;
  expect_config_error([&] { load_training_data(gennet); }, "data.task",
                      "must be regression or binary for data format gennet");
  expect_config_error([&] { load_prediction_inputs(gennet, {}, nlohmann::json::object()); },
                      "data.task", "got multiclass");

  DataOptions nest_vnn;
  nest_vnn.format = "nest_vnn";
  nest_vnn.folder = test::shared_data("nest_vnn");
  nest_vnn.responses = "unused.txt";
  nest_vnn.task = TaskKind::kSurvival;
  expect_config_error([&] { load_training_data(nest_vnn); }, "data.task",
                      "must be regression or binary for data format nest_vnn");

  DataOptions plink;
  plink.format = "plink";
  plink.plink = test::shared_data("gennet/A_to_Z/plink/GenNet_simulation");
  plink.task = TaskKind::kSurvival;
  expect_config_error([&] { load_training_data(plink); }, "data.task",
                      "must be regression or binary for the .fam's 6th column");
}

TEST(MulticlassPrediction, MapsLabelsToTheModelsClassesAndRefusesUnknownOnes) {
  test::ScratchDir dir("multiclass-predict");
  const DataOptions options = matrix_options(dir, TaskKind::kMulticlass);
  const TrainingSet set = load_training_data(options);
  // The cohort has only her2 and luminal: its own indices would be 0 and 1, the model's are 1, 2.
  DataOptions cohort = options;
  cohort.split_column.clear();
  cohort.phenotypes = dir.write("cohort.tsv",
                                "sample\tsubtype\n"
                                "a5\tluminal\n"
                                "a1\ther2\n"
                                "a2\tNA\n"
                                "a6\tluminal\n");
  const PredictionInputs inputs =
      load_prediction_inputs(cohort, set.features->feature_ids(), set.preprocessing);
  EXPECT_EQ(inputs.sample_ids, (std::vector<std::string>{"a1", "a5", "a6"}));
  ASSERT_EQ(inputs.targets.rows(), 1);
  EXPECT_EQ(row_of(inputs.targets, 0), (std::vector<float>{1, 2, 2}));
  EXPECT_TRUE(has_note(inputs.notes, "'a2'")) << test::notes_text(inputs.notes);

  cohort.phenotypes = dir.write("unknown.tsv",
                                "sample\tsubtype\n"
                                "a1\tluminal\n"
                                "a3\tnormal\n");
  test::expect_data_error(
      [&] { load_prediction_inputs(cohort, set.features->feature_ids(), set.preprocessing); },
      cohort.phenotypes,
      "expected class labels the model was trained on ('basal', 'her2', 'luminal'); sample 'a3' "
      "has 'normal'");

  nlohmann::json without_labels = set.preprocessing;
  without_labels.erase("class_labels");
  test::expect_data_error(
      [&] { load_prediction_inputs(cohort, set.features->feature_ids(), without_labels); },
      "the model's preprocessing", "expected the class_labels of a multiclass model");
}

TEST(SurvivalPrediction, ReturnsTimeAndEventRows) {
  test::ScratchDir dir("survival-predict");
  DataOptions options = matrix_options(dir, TaskKind::kSurvival);
  const TrainingSet set = load_training_data(options);
  options.split_column.clear();
  const PredictionInputs inputs =
      load_prediction_inputs(options, set.features->feature_ids(), set.preprocessing);
  EXPECT_EQ(inputs.sample_ids, set.sample_ids);
  EXPECT_EQ(inputs.targets, set.targets);
}

TEST(TrainingSetChecks, RefusesBadMulticlassAndSurvivalTargets) {
  test::ScratchDir dir("check-tasks");
  TrainingSet multiclass = load_training_data(matrix_options(dir, TaskKind::kMulticlass));
  multiclass.description = "the data";
  EXPECT_NO_THROW(check_training_set(multiclass));
  multiclass.targets(0, 2) = 3.0f;
  test::expect_data_error([&] { check_training_set(multiclass); }, "the data",
                          "expected class indices 0 .. 2 (one per class label); sample 'a3' has 3");
  multiclass.targets(0, 2) = 0.5f;
  test::expect_data_error([&] { check_training_set(multiclass); }, "the data",
                          "sample 'a3' has 0.5");
  multiclass.targets(0, 2) = 0.0f;
  multiclass.targets(0, 0) = 0.0f;
  multiclass.targets(0, 3) = 0.0f;  // train a1..a4 all basal
  test::expect_data_error([&] { check_training_set(multiclass); }, "the data",
                          "expected at least two classes in the training split, found only "
                          "'basal' (4 samples)");
  multiclass.class_labels = {"basal"};
  test::expect_data_error([&] { check_training_set(multiclass); }, "the data",
                          "expected at least two class labels for a multiclass task, found 1");

  TrainingSet survival = load_training_data(matrix_options(dir, TaskKind::kSurvival));
  survival.description = "the data";
  EXPECT_NO_THROW(check_training_set(survival));
  survival.targets(0, 1) = -1.0f;
  test::expect_data_error([&] { check_training_set(survival); }, "the data",
                          "expected survival times >= 0; sample 'a2' has -1");
  survival.targets(0, 1) = 3.0f;
  survival.targets(1, 1) = 2.0f;
  test::expect_data_error([&] { check_training_set(survival); }, "the data",
                          "expected survival events 0 (censored) or 1 (event); sample 'a2' has 2");
  survival.targets.row(1).setZero();
  test::expect_data_error([&] { check_training_set(survival); }, "the data",
                          "expected at least one event in the training split, found all 3 "
                          "samples censored");
  survival.targets = survival.targets.topRows(1).eval();
  EXPECT_THROW(check_training_set(survival), InternalError);
}

// Forty A_to_Z samples with a survival phenotype of the test's own: sample_k has time k / 2, an
// event when k % 3 == 0 (sample_5's event missing), split train for k <= 30, validation for
// 31..35, test for 36..40.
TEST(PlinkTrainingData, ReadsSurvivalFromPhenotypeFile) {
  test::ScratchDir dir("plink-survival");
  std::string phenotypes = "IID\ttime\tevent\tpart\n";
  for (int k = 1; k <= 40; ++k) {
    phenotypes += "sample_" + std::to_string(k) + "\t" + std::to_string(k / 2.0) + "\t" +
                  (k == 5       ? "NA"
                   : k % 3 == 0 ? "1"
                                : "0") +
                  "\t" +
                  (k <= 30   ? "train"
                   : k <= 35 ? "validation"
                             : "test") +
                  "\n";
  }
  DataOptions options;
  options.format = "plink";
  options.plink = test::shared_data("gennet/A_to_Z/plink/GenNet_simulation");
  options.phenotypes = dir.write("phenotypes.tsv", phenotypes);
  options.sample_column = "IID";
  options.target_column = "time";
  options.event_column = "event";
  options.split_column = "part";
  options.task = TaskKind::kSurvival;
  const TrainingSet set = load_training_data(options);
  ASSERT_EQ(set.sample_ids.size(), 39u);
  EXPECT_EQ(set.sample_ids[4], "sample_6");
  ASSERT_EQ(set.targets.rows(), 2);
  for (std::size_t j = 0; j < set.sample_ids.size(); ++j) {
    const int k = std::stoi(set.sample_ids[j].substr(7));
    EXPECT_EQ(set.targets(0, Index(j)), static_cast<float>(k / 2.0)) << k;
    EXPECT_EQ(set.targets(1, Index(j)), k % 3 == 0 ? 1.0f : 0.0f) << k;
  }
  EXPECT_EQ(set.splits.train.size(), 29u);
  EXPECT_EQ(set.splits.validation.size(), 5u);
  EXPECT_TRUE(has_note(set.notes,
                       "1 samples without a time and event (columns 'time', 'event') "
                       "in " +
                           options.phenotypes + " are left out: 'sample_5'"))
      << test::notes_text(set.notes);

  const PredictionInputs inputs =
      load_prediction_inputs(options, set.features->feature_ids(), set.preprocessing);
  EXPECT_EQ(inputs.sample_ids, set.sample_ids);
  EXPECT_EQ(inputs.targets, set.targets);
}

}  // namespace
}  // namespace ontonet
