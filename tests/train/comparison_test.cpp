#include "ontonet/train/comparison.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "training_fixtures.hpp"

namespace ontonet {
namespace {

ComparisonOptions quick_comparison() {
  ComparisonOptions options;
  options.train.epochs = 6;
  options.train.batch_size = 32;
  options.train.learning_rate = 0.01;
  options.train.patience = 0;
  options.penalty = "l1";
  options.lambdas = {0.0, 1.0};
  options.n_seeds = 3;
  options.first_seed = 7;
  options.threads = 1;
  return options;
}

// Records what the observer is told.
class Recorder : public ComparisonObserver {
 public:
  void on_run(const ComparedModel& model, const ComparisonRun& run, Model<float>& trained,
              std::size_t done, std::size_t total) override {
    names.push_back(model.name);
    seeds.push_back(run.seed);
    parameters.push_back(trained.n_parameters());
    last_done = done;
    last_total = total;
  }
  std::vector<std::string> names;
  std::vector<std::uint64_t> seeds;
  std::vector<Index> parameters;
  std::size_t last_done = 0, last_total = 0;
};

TEST(Comparison, NamesOneModelPerLambdaThenTheControls) {
  ComparisonOptions options = quick_comparison();
  options.train.l1 = 0.002;
  const std::vector<ComparedModel> models = compared_models(options);
  ASSERT_EQ(models.size(), 5u);
  EXPECT_EQ(models[0].name, "ontology lambda=0");
  EXPECT_EQ(models[1].name, "ontology lambda=1");
  EXPECT_DOUBLE_EQ(models[1].lambda, 1.0);
  EXPECT_EQ(models[2].name, "dense");
  EXPECT_EQ(models[3].architecture, "dense_equal_params");
  EXPECT_EQ(models[4].architecture, "shuffled");
  // Controls keep the training options' value of the grid's penalty.
  EXPECT_DOUBLE_EQ(models[4].lambda, 0.002);

  options.lambdas = {0.01};
  EXPECT_EQ(compared_models(options).front().name, "ontology");
}

TEST(Comparison, RefusesBadOptionsNamingThem) {
  const auto refused = [](const ComparisonOptions& options, const std::string& option) {
    try {
      check_comparison_options(options);
      ADD_FAILURE() << "accepted options with a bad " << option;
    } catch (const ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find(option), std::string::npos) << error.what();
    }
  };
  ComparisonOptions options = quick_comparison();
  options.penalty = "l3";
  refused(options, "compare.penalty");
  options = quick_comparison();
  options.lambdas = {};
  refused(options, "compare.lambdas");
  options.lambdas = {0.1, -1.0};
  refused(options, "compare.lambdas");
  options.lambdas = {0.1, 0.1};
  refused(options, "compare.lambdas");
  options = quick_comparison();
  options.controls = {"dense", "resnet"};
  refused(options, "compare.controls");
  options.controls = {"dense", "dense"};
  refused(options, "compare.controls");
  options = quick_comparison();
  options.n_seeds = 0;
  refused(options, "compare.seeds");
  options = quick_comparison();
  options.train.epochs = 0;
  refused(options, "train.epochs");
}

TEST(Comparison, TrainsEveryModelOverEverySeedOnTheSameSplits) {
  const TrainingSet data = test::synthetic_training_set(240, TaskKind::kRegression);
  const NetworkSpec spec = test::hand_made_model(1).spec();
  Recorder recorder;
  const ComparisonResult result = run_comparison(spec, data, quick_comparison(), &recorder);

  ASSERT_EQ(result.models.size(), 5u);
  ASSERT_EQ(result.runs.size(), 15u);
  EXPECT_EQ(recorder.last_done, 15u);
  EXPECT_EQ(recorder.last_total, 15u);
  for (std::size_t k = 0; k < result.runs.size(); ++k) {
    const ComparisonRun& run = result.runs[k];
    EXPECT_EQ(run.model, k / 3);
    EXPECT_EQ(run.seed, 7 + k % 3);
    EXPECT_EQ(run.result.history.size(), 6u);
    EXPECT_EQ(run.result.metrics.count("test"), 1u);
    EXPECT_GT(run.seconds, 0.0);
  }
  // The dense controls take DrugCell's tanh, without its batch norm.
  const LayerSettings terms = dense_hidden_settings(spec);
  EXPECT_EQ(terms, (LayerSettings{Activation::kTanh, false, NormOrder::kActivationThenNorm}));
  EXPECT_EQ(result.runs[0].parameters, count_trainable_parameters(spec));
  EXPECT_EQ(result.runs[6].parameters, count_trainable_parameters(same_width_mlp(spec, terms)));
  EXPECT_EQ(result.runs[9].parameters,
            count_trainable_parameters(equal_parameter_mlp(spec, terms)));
  EXPECT_EQ(result.runs[12].parameters, count_trainable_parameters(spec));
  EXPECT_EQ(result.runs[0].weights, static_cast<Index>(spec.edges.size()));

  // The L1 grid point zeroes weights; lambda 0 and the controls do not.
  EXPECT_EQ(result.runs[0].nonzero_weights, result.runs[0].weights);
  EXPECT_LT(result.runs[3].nonzero_weights, result.runs[3].weights);
  EXPECT_EQ(result.runs[6].nonzero_weights, result.runs[6].weights);

  // The shuffled control is rewired per seed, so its seeds differ in more than initial weights;
  // the ontology network's seeds all share one wiring.
  EXPECT_NE(result.runs[12].result.metrics.at("test").at("loss"),
            result.runs[13].result.metrics.at("test").at("loss"));
}

TEST(Comparison, ResultDoesNotDependOnTheNumberOfThreads) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kBinary);
  const NetworkSpec spec = test::hand_made_model(1).spec();
  ComparisonOptions options = quick_comparison();
  options.n_seeds = 2;
  const ComparisonResult one = run_comparison(spec, data, options);
  options.threads = 2;
  const ComparisonResult two = run_comparison(spec, data, options);
  ASSERT_EQ(one.runs.size(), two.runs.size());
  for (std::size_t k = 0; k < one.runs.size(); ++k) {
    EXPECT_EQ(one.runs[k].seed, two.runs[k].seed);
    EXPECT_EQ(one.runs[k].result.metrics, two.runs[k].result.metrics) << "run " << k;
    EXPECT_EQ(one.runs[k].nonzero_weights, two.runs[k].nonzero_weights);
  }
}

// A comparison continued after an interruption: the runs given as finished are taken as they are
// (this one's wall time is a marker no training gives), the others trained, to the same result.
TEST(Comparison, EarlierRunsAreTakenAsTheyAreAndOnlyTheOthersTrained) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  const NetworkSpec spec = test::hand_made_model(1).spec();
  ComparisonOptions options = quick_comparison();
  options.n_seeds = 2;
  const ComparisonResult whole = run_comparison(spec, data, options);

  std::vector<std::optional<ComparisonRun>> earlier(whole.runs.size());
  earlier[0] = whole.runs[0];
  earlier[0]->seconds = 12345.0;
  earlier[3] = whole.runs[3];
  Recorder recorder;
  const ComparisonResult resumed = run_comparison(spec, data, options, &recorder, earlier);
  EXPECT_EQ(recorder.names.size(), whole.runs.size() - 2);
  EXPECT_EQ(recorder.last_done, whole.runs.size());
  EXPECT_EQ(resumed.runs[0].seconds, 12345.0);
  for (std::size_t k = 0; k < whole.runs.size(); ++k) {
    EXPECT_EQ(resumed.runs[k].seed, whole.runs[k].seed);
    EXPECT_EQ(resumed.runs[k].result.metrics, whole.runs[k].result.metrics) << "run " << k;
  }
}

TEST(Comparison, GroupLassoDropsWholeConnections) {
  const TrainingSet data = test::synthetic_training_set(240, TaskKind::kRegression);
  Model<float> model = test::hand_made_model(1);
  TrainOptions options;
  options.epochs = 20;
  options.batch_size = 32;
  options.learning_rate = 0.01;
  options.patience = 0;
  options.group_lasso = 2.0;
  train_model(model, data, options);
  // A group is every weight from one block into one block: all zero or none.
  const NetworkSpec& spec = model.spec();
  std::map<std::pair<Index, Index>, std::pair<int, int>> zero_and_total;
  for (const ModelLevel<float>& level : model.levels()) {
    for (Index row = 0; row < level.n_neurons; ++row) {
      for (Index k = level.pattern.row_offsets()[static_cast<std::size_t>(row)];
           k < level.pattern.row_offsets()[static_cast<std::size_t>(row) + 1]; ++k) {
        const auto key =
            std::pair{spec.block_of(level.first_neuron + row),
                      spec.block_of(level.pattern.col_indices()[static_cast<std::size_t>(k)])};
        zero_and_total[key].first += level.weights.value(k) == 0.0f ? 1 : 0;
        zero_and_total[key].second += 1;
      }
    }
  }
  int dropped = 0;
  for (const auto& [group, counts] : zero_and_total) {
    EXPECT_TRUE(counts.first == 0 || counts.first == counts.second)
        << "group of block " << group.second << " into block " << group.first << ": "
        << counts.first << " of " << counts.second << " weights zero";
    if (counts.first == counts.second) ++dropped;
  }
  EXPECT_GT(dropped, 0);
  EXPECT_LT(dropped, static_cast<int>(zero_and_total.size()));
}

TEST(Comparison, AFailedRunIsReportedWithItsModelAndSeed) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  ComparisonOptions options = quick_comparison();
  options.train.learning_rate = 1e30;
  try {
    run_comparison(test::hand_made_model(1).spec(), data, options);
    FAIL() << "a diverging comparison returned";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("compare: ontology lambda=0, seed 7"),
              std::string::npos)
        << error.what();
  }
}

TEST(Comparison, AnOptionThatEveryRunRefusesKeepsItsConfigError) {
  const TrainingSet data = test::synthetic_training_set(200, TaskKind::kRegression);
  ComparisonOptions options = quick_comparison();
  options.train.optimizer = "adam";
  options.train.weight_decay = 0.01;  // adam takes train.l2 instead
  EXPECT_THROW(run_comparison(test::hand_made_model(1).spec(), data, options), ConfigError);
}

}  // namespace
}  // namespace ontonet
