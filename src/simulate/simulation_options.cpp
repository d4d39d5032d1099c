#include "ontonet/simulate/simulation_options.hpp"

#include <cmath>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

std::string number_text(double value) {
  nlohmann::json json = value;
  return json.dump();
}

}  // namespace

void check_simulation_options(const SimulationOptions& o) {
  if (o.n_samples < 10) {
    throw ConfigError("--samples", "must be at least 10, got " + std::to_string(o.n_samples));
  }
  if (!(o.correlation >= 0.0 && o.correlation < 1.0)) {
    throw ConfigError("--correlation", "must be in [0, 1), got " + number_text(o.correlation));
  }
  if (!(o.heritability >= 0.0 && o.heritability < 1.0)) {
    throw ConfigError("--heritability", "must be in [0, 1), got " + number_text(o.heritability));
  }
  if (o.data_type == SimulatedDataType::kGenotype) {
    if (!(o.maf_min > 0.0 && o.maf_min <= 0.5)) {
      throw ConfigError("--maf-min", "must be in (0, 0.5], got " + number_text(o.maf_min));
    }
    if (!(o.maf_max >= o.maf_min && o.maf_max <= 0.5)) {
      throw ConfigError("--maf-max", "must be in [--maf-min, 0.5] = [" + number_text(o.maf_min) +
                                         ", 0.5], got " + number_text(o.maf_max));
    }
  }
  if (o.causal_terms < 1) throw ConfigError("--causal-terms", "must be at least 1, got 0");
  if (o.causal_genes_per_term < 1) {
    throw ConfigError("--causal-genes-per-term", "must be at least 1, got 0");
  }
  if (o.causal_min_genes > o.causal_max_genes) {
    throw ConfigError("--causal-min-genes", "must not exceed --causal-max-genes (" +
                                                std::to_string(o.causal_max_genes) + "), got " +
                                                std::to_string(o.causal_min_genes));
  }
  if (o.causal_genes_per_term > o.causal_max_genes) {
    throw ConfigError("--causal-genes-per-term",
                      "must not exceed --causal-max-genes (" + std::to_string(o.causal_max_genes) +
                          "): no term that small holds " + std::to_string(o.causal_genes_per_term) +
                          " genes");
  }
  if (o.model == PhenotypeModel::kWithinTermInteraction && o.causal_genes_per_term < 2) {
    throw ConfigError("--causal-genes-per-term",
                      "must be at least 2 for --model within_term_interaction, which multiplies "
                      "pairs of causal genes of one term");
  }
  if (o.model == PhenotypeModel::kAcrossTermInteraction && o.causal_terms < 2) {
    throw ConfigError("--causal-terms",
                      "must be at least 2 for --model across_term_interaction, which multiplies "
                      "causal genes of two different terms");
  }
  if (o.task == SimulatedTask::kBinary) {
    if (!(o.prevalence > 0.0 && o.prevalence < 1.0)) {
      throw ConfigError("--prevalence", "must be in (0, 1), got " + number_text(o.prevalence));
    }
    const double cases = std::round(o.prevalence * static_cast<double>(o.n_samples));
    if (cases < 1.0 || cases > static_cast<double>(o.n_samples) - 1.0) {
      throw ConfigError("--prevalence",
                        number_text(o.prevalence) + " makes round(prevalence x " +
                            std::to_string(o.n_samples) +
                            " samples) = " + std::to_string(static_cast<long long>(cases)) +
                            " cases; it must leave at least one case and one control");
    }
  }
}

SimulatedDataType parse_simulated_data_type(const std::string& name, const std::string& option) {
  if (name == "expression") return SimulatedDataType::kExpression;
  if (name == "genotype") return SimulatedDataType::kGenotype;
  throw ConfigError(option, "must be expression or genotype, got '" + name + "'");
}

PhenotypeModel parse_phenotype_model(const std::string& name, const std::string& option) {
  if (name == "additive") return PhenotypeModel::kAdditive;
  if (name == "within_term_interaction") return PhenotypeModel::kWithinTermInteraction;
  if (name == "across_term_interaction") return PhenotypeModel::kAcrossTermInteraction;
  throw ConfigError(
      option,
      "must be additive, within_term_interaction or across_term_interaction, got '" + name + "'");
}

SimulatedTask parse_simulated_task(const std::string& name, const std::string& option) {
  if (name == "regression") return SimulatedTask::kRegression;
  if (name == "binary") return SimulatedTask::kBinary;
  throw ConfigError(option, "must be regression or binary, got '" + name + "'");
}

std::string simulated_data_type_name(SimulatedDataType type) {
  return type == SimulatedDataType::kGenotype ? "genotype" : "expression";
}

std::string phenotype_model_name(PhenotypeModel model) {
  switch (model) {
    case PhenotypeModel::kAdditive:
      return "additive";
    case PhenotypeModel::kWithinTermInteraction:
      return "within_term_interaction";
    case PhenotypeModel::kAcrossTermInteraction:
      return "across_term_interaction";
  }
  return "additive";
}

std::string simulated_task_name(SimulatedTask task) {
  return task == SimulatedTask::kBinary ? "binary" : "regression";
}

nlohmann::json simulation_options_json(const SimulationOptions& o) {
  return {{"samples", o.n_samples},
          {"data_type", simulated_data_type_name(o.data_type)},
          {"correlation", o.correlation},
          {"maf_min", o.maf_min},
          {"maf_max", o.maf_max},
          {"causal_terms", o.causal_terms},
          {"causal_min_genes", o.causal_min_genes},
          {"causal_max_genes", o.causal_max_genes},
          {"causal_genes_per_term", o.causal_genes_per_term},
          {"model", phenotype_model_name(o.model)},
          {"heritability", o.heritability},
          {"task", simulated_task_name(o.task)},
          {"prevalence", o.prevalence},
          {"seed", o.seed}};
}

}  // namespace ontonet
