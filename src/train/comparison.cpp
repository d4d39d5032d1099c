#include "ontonet/train/comparison.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>

#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"

namespace ontonet {

namespace {

double& penalty_strength(TrainOptions& options, const std::string& penalty) {
  if (penalty == "l1") return options.l1;
  if (penalty == "group_lasso") return options.group_lasso;
  return options.l2;
}

std::string lambda_text(double lambda) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", lambda);
  return text;
}

void count_weights(const Model<float>& model, ComparisonRun& run) {
  for (const ModelLevel<float>& level : model.levels()) {
    run.weights += level.pattern.nnz();
    const Vector<float>& values = level.weights.value;
    run.nonzero_weights += static_cast<Index>((values.array() != 0.0f).count());
  }
}

}  // namespace

void check_comparison_options(const ComparisonOptions& options) {
  check_train_options(options.train);
  if (options.penalty != "l1" && options.penalty != "l2" && options.penalty != "group_lasso") {
    throw ConfigError("compare.penalty",
                      "must be l1, l2 or group_lasso, got '" + options.penalty + "'");
  }
  if (options.lambdas.empty()) {
    throw ConfigError("compare.lambdas", "needs at least one penalty strength (0 for none)");
  }
  for (std::size_t i = 0; i < options.lambdas.size(); ++i) {
    const double lambda = options.lambdas[i];
    if (!(std::isfinite(lambda) && lambda >= 0.0)) {
      throw ConfigError("compare.lambdas", "must be finite and >= 0, got " + lambda_text(lambda));
    }
    if (std::find(options.lambdas.begin(), options.lambdas.begin() + static_cast<std::ptrdiff_t>(i),
                  lambda) != options.lambdas.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw ConfigError("compare.lambdas", "lists " + lambda_text(lambda) + " twice");
    }
  }
  for (std::size_t i = 0; i < options.controls.size(); ++i) {
    const std::string& control = options.controls[i];
    if (control != "dense" && control != "dense_equal_params" && control != "shuffled") {
      throw ConfigError("compare.controls",
                        "must be among dense, dense_equal_params, shuffled, got '" + control + "'");
    }
    if (std::count(options.controls.begin(), options.controls.end(), control) > 1) {
      throw ConfigError("compare.controls", "lists '" + control + "' twice");
    }
  }
  if (options.n_seeds < 1) {
    throw ConfigError("compare.seeds", "must be >= 1, got " + std::to_string(options.n_seeds));
  }
  if (options.threads < 0) {
    throw ConfigError("compare.threads", "must be >= 0, got " + std::to_string(options.threads));
  }
}

std::vector<ComparedModel> compared_models(const ComparisonOptions& options) {
  std::vector<ComparedModel> models;
  for (double lambda : options.lambdas) {
    const std::string name =
        options.lambdas.size() == 1 ? "ontology" : "ontology lambda=" + lambda_text(lambda);
    models.push_back({name, "ontology", lambda});
  }
  TrainOptions base = options.train;
  const double control_lambda = penalty_strength(base, options.penalty);
  for (const std::string& control : options.controls) {
    models.push_back({control, control, control_lambda});
  }
  return models;
}

ComparisonResult run_comparison(const NetworkSpec& ontology_spec, const TrainingSet& data,
                                const ComparisonOptions& options, ComparisonObserver* observer,
                                const std::vector<std::optional<ComparisonRun>>& earlier) {
  check_comparison_options(options);
  check_training_set(data);
  ComparisonResult result;
  result.task = data.task;
  result.penalty = options.penalty;
  result.models = compared_models(options);
  const auto n_seeds = static_cast<std::size_t>(options.n_seeds);
  const std::size_t total = result.models.size() * n_seeds;
  ONTONET_CHECK(earlier.empty() || earlier.size() == total, "one earlier entry per run");
  result.runs.resize(total);

  std::mutex mutex;
  std::size_t done = 0;
  for (std::size_t job = 0; job < earlier.size(); ++job) {
    if (!earlier[job]) continue;
    ONTONET_CHECK(earlier[job]->model == job / n_seeds &&
                      earlier[job]->seed == options.first_seed + job % n_seeds,
                  "an earlier run in its place");
    result.runs[job] = *earlier[job];
    ++done;
  }
  bool failed = false;
  std::vector<std::exception_ptr> errors(total);
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  // Dynamic scheduling only changes which thread trains a run, never the run.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads != 1)
  for (std::size_t job = 0; job < total; ++job) {
    if (!earlier.empty() && earlier[job]) continue;
    {
      const std::lock_guard<std::mutex> lock(mutex);
      if (failed) continue;
    }
    const ComparedModel& compared = result.models[job / n_seeds];
    ComparisonRun& run = result.runs[job];
    run.model = job / n_seeds;
    run.seed = options.first_seed + job % n_seeds;
    try {
      const auto begin = std::chrono::steady_clock::now();
      Model<float> model(architecture_spec(ontology_spec, compared.architecture,
                                           data.features->feature_ids(), run.seed),
                         run.seed);
      TrainOptions train = options.train;
      train.seed = run.seed;
      penalty_strength(train, options.penalty) = compared.lambda;
      run.result = train_model(model, data, train);
      run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      run.parameters = model.n_parameters();
      count_weights(model, run);
      const std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (observer != nullptr) observer->on_run(compared, run, model, done, total);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      failed = true;
      errors[job] = std::current_exception();
    }
  }
  for (std::size_t job = 0; job < total; ++job) {
    if (!errors[job]) continue;
    // Bad options or data are the user's whatever the run; a failure of training itself (such as
    // divergence) is named by its model and seed.
    try {
      std::rethrow_exception(errors[job]);
    } catch (const ConfigError&) {
      throw;
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& error) {
      throw Error("compare: " + result.models[job / n_seeds].name + ", seed " +
                  std::to_string(options.first_seed + job % n_seeds) + ": " + error.what());
    }
  }
  return result;
}

}  // namespace ontonet
