// Constrained versus unconstrained, measured: the ontology network trained over a grid of penalty
// strengths, next to its controls (architecture_spec in network/baselines.hpp: the dense MLP of
// the same widths, the one of equal parameter count, the shuffled-wiring control), each over K
// seeds, all on the same data, splits and budget (epochs, batch size, optimizer, early stopping).
//
// Runs: model-major, seed-minor. Run (model m, seed s) builds its network from seed s (the shuffled
// control's wiring is redrawn per seed), initialises its weights from s and shuffles its batches
// with s, so seed s is paired across models: the dense and ontology runs of one seed see the same
// batch order. The grid's penalty (l1, l2 or group_lasso) is set to each lambda for the ontology
// network; the controls train with the shared options as given (that penalty at its configured
// value, 0 by default), as a user would train an unconstrained baseline.
//
// Runs go in parallel, one per thread, each single-threaded inside; every run is a function of its
// model and seed alone, so the result does not depend on the number of threads or on which run
// finishes first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ontonet/network/model.hpp"
#include "ontonet/network/network_spec.hpp"
#include "ontonet/train/trainer.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

struct ComparisonOptions {
  TrainOptions train;          // shared by every run; seed is set per run
  std::string penalty = "l2";  // what the grid sets on the ontology network: l1, l2, group_lasso
  std::vector<double> lambdas{0.0, 1e-4, 1e-3, 1e-2};
  std::vector<std::string> controls{"dense", "dense_equal_params", "shuffled"};
  Index n_seeds = 5;
  std::uint64_t first_seed = 1;  // seeds first_seed .. first_seed + n_seeds - 1
  int threads = 0;               // runs at once; 0: OpenMP's default
};

// Throws ConfigError("compare.<option>", ...) naming the first invalid option (and the train
// options' errors).
void check_comparison_options(const ComparisonOptions& options);

struct ComparedModel {
  std::string name;          // "ontology" (one lambda), "ontology lambda=0.001", or the control's
  std::string architecture;  // architecture_names()
  double lambda = 0.0;       // the grid's penalty strength this model trains with
};

struct ComparisonRun {
  std::size_t model = 0;  // index into ComparisonResult::models
  std::uint64_t seed = 0;
  Index parameters = 0;
  Index weights = 0;          // connection weights
  Index nonzero_weights = 0;  // of them, not exactly zero after training
  double seconds = 0.0;       // wall time of training and evaluation
  TrainingResult result;
};

struct ComparisonResult {
  TaskKind task = TaskKind::kRegression;
  std::string penalty;
  std::vector<ComparedModel> models;  // the ontology network per lambda, then the controls
  std::vector<ComparisonRun> runs;    // models.size() x n_seeds, model-major
};

// Told of every finished run; calls are serialized (never two at once), in completion order.
class ComparisonObserver {
 public:
  virtual ~ComparisonObserver() = default;
  virtual void on_run(const ComparedModel& model, const ComparisonRun& run, Model<float>& trained,
                      std::size_t done, std::size_t total) = 0;
};

// The models the options ask for, in the order run_comparison trains them.
std::vector<ComparedModel> compared_models(const ComparisonOptions& options);

// Trains every model over every seed. `ontology_spec` is the transparent network over the data's
// features (covariate branches included). Throws the ConfigError or InputError of a run as it is,
// and any other failure (a diverging run) as an Error naming the model and seed; the first failed
// run in run order decides, and no run starts after a failure. `earlier`, when not empty, holds
// one entry per run in run order (model-major, seed-minor): a run found there, finished by an
// earlier, interrupted comparison with the same options, is taken as it is instead of trained
// (the observer is not told of it).
ComparisonResult run_comparison(const NetworkSpec& ontology_spec, const TrainingSet& data,
                                const ComparisonOptions& options,
                                ComparisonObserver* observer = nullptr,
                                const std::vector<std::optional<ComparisonRun>>& earlier = {});

}  // namespace ontonet
