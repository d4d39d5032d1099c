// load_training_data and load_prediction_inputs on the NeST-VNN palbociclib data of ../shared.
// Expected counts and values were computed from the raw files with cut/sort/uniq and Python.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "../test_support.hpp"
#include "ontonet/train/training_data.hpp"
#include "training_data_fixtures.hpp"

namespace ontonet {
namespace {

using test::feature_value;
using test::has_note;

DataOptions nest_vnn_options() {
  DataOptions options;
  options.format = "nest_vnn";
  options.folder = test::shared_data("nest_vnn");
  options.responses = test::shared_data("nest_vnn/training_data.txt");
  options.test_responses = test::shared_data("nest_vnn/test_data.txt");
  return options;
}

// The cell line of a sample ID: the part before '@' or '#'.
std::string cell_of(const std::string& id) { return id.substr(0, id.find_first_of("@#")); }

std::set<std::string> cells_of(const TrainingSet& set, const std::vector<std::size_t>& split) {
  std::set<std::string> cells;
  for (std::size_t i : split) cells.insert(cell_of(set.sample_ids[i]));
  return cells;
}

// Cut and uniq: training_data.txt has 1,316 rows on 742 cells (574 twice, as GDSC1 and GDSC2);
// test_data.txt 333 rows on 192 cells (141 twice); no cell is in both files.
TEST(NestVnnTrainingData, SplitsRowsByCellWithTestFile) {
  const TrainingSet set = load_training_data(nest_vnn_options());
  ASSERT_EQ(set.sample_ids.size(), 1316u + 333u);
  EXPECT_EQ(set.splits.test.size(), 333u);
  EXPECT_EQ(set.splits.train.size() + set.splits.validation.size(), 1316u);
  // 742 cells in the ratio 0.8 : 0.1 -> 659.6 and 82.4 -> 660 and 82 (largest remainder).
  const std::set<std::string> train = cells_of(set, set.splits.train);
  const std::set<std::string> validation = cells_of(set, set.splits.validation);
  const std::set<std::string> test = cells_of(set, set.splits.test);
  EXPECT_EQ(train.size(), 660u);
  EXPECT_EQ(validation.size(), 82u);
  EXPECT_EQ(test.size(), 192u);
  for (const std::string& cell : validation) EXPECT_EQ(train.count(cell), 0u) << cell;
  for (const std::string& cell : test) EXPECT_EQ(train.count(cell) + validation.count(cell), 0u);
  EXPECT_EQ(set.task, TaskKind::kRegression);
  EXPECT_EQ(set.targets.rows(), 1);
  EXPECT_TRUE(has_note(set.notes, "715 cell lines have several response rows"))
      << test::notes_text(set.notes);
}

TEST(NestVnnTrainingData, NamesRepeatedCellsBySourceAndReadsTheirFeatures) {
  const TrainingSet set = load_training_data(nest_vnn_options());
  const FeatureSource& features = *set.features;
  ASSERT_EQ(features.feature_ids().size(), 718u * 3u);
  EXPECT_EQ(features.feature_ids()[0], "ABCB1:mutation");
  EXPECT_EQ(features.feature_ids()[2], "ABCB1:cnamplification");
  // HS633T_SOFT_TISSUE is cell 376, measured in GDSC1 and GDSC2: row 376 of cell2mutation.txt has
  // 7 ones (CD79B, DDR2, DIS3L2, HIST3H3, KRAS, LRP1B, TP53), cell2cndeletion.txt CDKN2A, CDKN2B,
  // MTAP, cell2cnamplification.txt KRAS and TERT.
  const std::string sample = "HS633T_SOFT_TISSUE@GDSC2";
  const std::size_t i = test::index_of(set.sample_ids, sample);
  EXPECT_NE(std::find(set.sample_ids.begin(), set.sample_ids.end(), "HS633T_SOFT_TISSUE@GDSC1"),
            set.sample_ids.end());
  EXPECT_FLOAT_EQ(set.targets(0, static_cast<Index>(i)), 0.6695136077442607f);
  EXPECT_EQ(feature_value(features, set.sample_ids, sample, "CD79B:mutation"), 1.0f);
  EXPECT_EQ(feature_value(features, set.sample_ids, sample, "CDKN2A:cndeletion"), 1.0f);
  EXPECT_EQ(feature_value(features, set.sample_ids, sample, "KRAS:cnamplification"), 1.0f);
  EXPECT_EQ(feature_value(features, set.sample_ids, sample, "KRAS:mutation"), 1.0f);
  EXPECT_EQ(feature_value(features, set.sample_ids, sample, "ABCB1:mutation"), 0.0f);
  Matrix<float> x;
  features.fill({i}, x);
  float mutations = 0.0f;
  for (Index g = 0; g < 718; ++g) mutations += x(3 * g, 0);
  EXPECT_EQ(mutations, 7.0f);
  // Without standardization the preprocessing only imputes: center 0, scale 1.
  EXPECT_EQ(test::preprocessing_value(set.preprocessing, "center", "KRAS:mutation"), 0.0);
  EXPECT_EQ(test::preprocessing_value(set.preprocessing, "scale", "KRAS:mutation"), 1.0);
}

TEST(NestVnnTrainingData, SplitsCellsByFractionsWithoutTestFile) {
  DataOptions options = nest_vnn_options();
  options.test_responses.clear();
  const TrainingSet set = load_training_data(options);
  ASSERT_EQ(set.sample_ids.size(), 1316u);
  // 742 cells x 0.8 / 0.1 / 0.1 = 593.6 / 74.2 / 74.2 -> 594 / 74 / 74.
  EXPECT_EQ(cells_of(set, set.splits.train).size(), 594u);
  EXPECT_EQ(cells_of(set, set.splits.validation).size(), 74u);
  EXPECT_EQ(cells_of(set, set.splits.test).size(), 74u);
  // The same seed gives the same split; another seed another one.
  EXPECT_EQ(load_training_data(options).splits.train, set.splits.train);
  options.split_seed = 2;
  EXPECT_NE(load_training_data(options).splits.train, set.splits.train);
}

TEST(NestVnnTrainingData, CountsUnknownCellsAndRefusesFileWithNone) {
  test::ScratchDir dir("nest-vnn");
  DataOptions options = nest_vnn_options();
  options.test_responses.clear();
  options.fractions = {1.0, 0.0, 0.0};
  options.responses = dir.write("responses.txt",
                                "HS633T_SOFT_TISSUE\tdrug\t0.5\tGDSC2\n"
                                "NOT_A_CELL\tdrug\t0.25\tGDSC2\n"
                                "ALSO_UNKNOWN\tdrug\t0.75\tGDSC1\n");
  const TrainingSet set = load_training_data(options);
  ASSERT_EQ(set.sample_ids, std::vector<std::string>{"HS633T_SOFT_TISSUE"});
  EXPECT_TRUE(has_note(set.notes, "2 rows of " + options.responses + " name cells not in"))
      << test::notes_text(set.notes);
  EXPECT_TRUE(has_note(set.notes, "'NOT_A_CELL', 'ALSO_UNKNOWN'"));
  EXPECT_TRUE(has_note(set.notes, "validation split empty"));

  options.responses = dir.write("none.txt", "NOT_A_CELL\tdrug\t0.25\n");
  test::expect_data_error([&] { load_training_data(options); }, options.responses,
                          "expected cells listed in");
}

TEST(NestVnnTrainingData, PredictsExternalCohortWithAndWithoutResponses) {
  const TrainingSet set = load_training_data(nest_vnn_options());
  DataOptions ucsd;
  ucsd.format = "nest_vnn";
  ucsd.folder = test::shared_data("nest_vnn/external_UCSD");
  ucsd.responses = test::shared_data("nest_vnn/external_UCSD/test_UCSD.txt");
  const PredictionInputs inputs =
      load_prediction_inputs(ucsd, set.features->feature_ids(), set.preprocessing);
  ASSERT_EQ(inputs.sample_ids.size(), 141u);
  ASSERT_EQ(inputs.targets.cols(), 141);
  EXPECT_EQ(inputs.sample_ids[0], "pt_1");
  EXPECT_FLOAT_EQ(inputs.targets(0, 0), 0.7908383751080381f);
  // pt_1 (row 0 of external_UCSD/cell2ind.txt) has 23 mutations, AKT1 among them, and GRM3
  // amplified.
  EXPECT_EQ(feature_value(*inputs.features, inputs.sample_ids, "pt_1", "AKT1:mutation"), 1.0f);
  EXPECT_EQ(feature_value(*inputs.features, inputs.sample_ids, "pt_1", "GRM3:cnamplification"),
            1.0f);
  EXPECT_EQ(inputs.features->feature_ids(), set.features->feature_ids());

  DataOptions msk;
  msk.format = "nest_vnn";
  msk.folder = test::shared_data("nest_vnn/external_MSK");
  const PredictionInputs unscored =
      load_prediction_inputs(msk, set.features->feature_ids(), set.preprocessing);
  EXPECT_EQ(unscored.sample_ids.size(), 459u);
  EXPECT_EQ(unscored.targets.size(), 0);
  EXPECT_EQ(unscored.features->n_samples(), 459u);
}

TEST(NestVnnTrainingData, PredictionReordersToModelFeaturesAndNamesMissingOnes) {
  const TrainingSet set = load_training_data(nest_vnn_options());
  DataOptions ucsd;
  ucsd.format = "nest_vnn";
  ucsd.folder = test::shared_data("nest_vnn/external_UCSD");
  const std::vector<std::string> reordered = {"GRM3:cnamplification", "AKT1:mutation"};
  const PredictionInputs inputs = load_prediction_inputs(ucsd, reordered, set.preprocessing);
  Matrix<float> x;
  inputs.features->fill({0}, x);
  ASSERT_EQ(x.rows(), 2);
  EXPECT_EQ(x(0, 0), 1.0f);
  EXPECT_EQ(x(1, 0), 1.0f);

  const std::vector<std::string> unknown = {"AKT1:mutation", "NOPE:mutation", "AKT1:methylation"};
  test::expect_data_error([&] { load_prediction_inputs(ucsd, unknown, set.preprocessing); },
                          ucsd.folder,
                          "2 are missing from the data: 'NOPE:mutation', "
                          "'AKT1:methylation'");
}

}  // namespace
}  // namespace ontonet
