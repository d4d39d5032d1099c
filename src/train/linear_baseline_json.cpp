#include "ontonet/train/linear_baselines.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

nlohmann::json linear_baseline_json(const LinearBaselineResult& result) {
  nlohmann::json path = nlohmann::json::array();
  for (const PenaltyTrial& trial : result.path) {
    path.push_back({{"penalty", trial.penalty},
                    {"validation_loss", trial.validation_loss},
                    {"converged", trial.converged}});
  }
  return {{"model", result.model},
          {"penalty", result.penalty},
          {"penalty_path", path},
          {"notes", result.notes},
          {"metrics", metrics_json(result.metrics)}};
}

}  // namespace ontonet
