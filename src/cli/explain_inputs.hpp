// What `explain` reads from a run besides the model: the samples of a split, their inputs in the
// model's order, the baseline input in the model's units, the names of terms and the genes of
// features, and the genome positions of PLINK inputs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/explain/entities.hpp"
#include "ontonet/explain/network_evaluator.hpp"
#include "ontonet/report/explanation_report.hpp"
#include "run_inputs.hpp"

namespace ontonet::cli {

// Indices of the run's `split` ("train", "validation", "test" or "all"); ConfigError("--split")
// when that split is empty.
std::vector<std::size_t> split_rows(const TrainingSet& data, const std::string& split);

// The baseline of integrated gradients, DeepLIFT and knockout, [inputs], in the model's input
// units: "zeros" (raw 0), "mean" (the training means) or a feature<TAB>value table of raw values,
// each preprocessed as the model's stored `preprocessing` says. InputError names the table's file
// and line for a bad or missing value.
Eigen::VectorXd baseline_input(const std::string& choice, const nlohmann::json& preprocessing,
                               const std::vector<std::string>& inputs);

// The model's input feature IDs, in input-neuron order.
std::vector<std::string> model_input_ids(const NetworkSpec& spec);

// Samples `rows` as the model's inputs: [inputs, rows.size()]. InputError naming `model_path` when
// the model has an input the data lacks.
NeuronMatrix model_inputs(const TrainingSet& data, const std::vector<std::size_t>& rows,
                          const std::vector<std::string>& inputs, const std::string& model_path);

// Term names and the genes of each feature, as the run's ontology and input map give them.
EntityNaming entity_naming(const RunInputs& inputs);

// Genome positions of PLINK inputs; empty for other data.
std::map<std::string, GenomePosition> snp_positions(const RunInputs& inputs);

}  // namespace ontonet::cli
