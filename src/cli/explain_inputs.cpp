#include "explain_inputs.hpp"

#include <cmath>
#include <map>

#include "ontonet/core/error.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "ontonet/io/text_table.hpp"

namespace ontonet::cli {

namespace {

// The preprocessing a model stores, per feature: the fill value for missing (the training mean),
// then (x - center) / scale.
struct Preprocessing {
  std::vector<std::string> ids;
  std::vector<double> fill, center, scale;

  explicit Preprocessing(const nlohmann::json& json)
      : ids(json.at("feature_ids").get<std::vector<std::string>>()),
        fill(json.at("fill").get<std::vector<double>>()),
        center(json.at("center").get<std::vector<double>>()),
        scale(json.at("scale").get<std::vector<double>>()) {}
};

}  // namespace

std::vector<std::size_t> split_rows(const TrainingSet& data, const std::string& split) {
  if (split == "all") {
    std::vector<std::size_t> rows(data.sample_ids.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return rows;
  }
  const std::vector<std::size_t>& rows = split == "train"        ? data.splits.train
                                         : split == "validation" ? data.splits.validation
                                                                 : data.splits.test;
  if (rows.empty()) {
    throw ConfigError("--split", "the run's " + split +
                                     " split is empty; choose another with --split "
                                     "train|validation|test|all");
  }
  return rows;
}

Eigen::VectorXd baseline_input(const std::string& choice, const nlohmann::json& preprocessing_json,
                               const std::vector<std::string>& inputs) {
  const Preprocessing preprocessing(preprocessing_json);
  std::map<std::string, double> raw_values;
  if (choice != "zeros" && choice != "mean") {
    const TextTable table = read_text_table(choice);
    if (table.header.size() != 2) {
      throw InputError(choice, 1, "expected a header and two columns: feature<TAB>value");
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const double value = table.number(r, 1);
      if (!std::isfinite(value) || !raw_values.emplace(table.rows[r][0], value).second) {
        throw InputError(choice, table.line_numbers[r],
                         "expected one finite baseline value per feature, got '" +
                             table.rows[r][1] + "' for '" + table.rows[r][0] + "'");
      }
    }
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < preprocessing.ids.size(); ++k) index[preprocessing.ids[k]] = k;
  Eigen::VectorXd baseline(static_cast<Index>(inputs.size()));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::size_t k = index.at(inputs[i]);
    double raw = 0;
    if (choice == "mean") {
      raw = preprocessing.fill[k];
    } else if (choice != "zeros") {
      const auto value = raw_values.find(inputs[i]);
      if (value == raw_values.end()) {
        throw InputError(choice, 0,
                         "expected a baseline value for input feature '" + inputs[i] +
                             "' (a feature<TAB>value table with a header)");
      }
      raw = value->second;
    }
    baseline[static_cast<Index>(i)] = (raw - preprocessing.center[k]) / preprocessing.scale[k];
  }
  return baseline;
}

std::vector<std::string> model_input_ids(const NetworkSpec& spec) {
  std::vector<std::string> ids;
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind == NeuronKind::kInput) ids.push_back(block.entity);
  }
  return ids;
}

NeuronMatrix model_inputs(const TrainingSet& data, const std::vector<std::size_t>& rows,
                          const std::vector<std::string>& inputs, const std::string& model_path) {
  Matrix<float> x;
  data.features->fill(rows, x);
  std::map<std::string, Index> row_of;
  const std::vector<std::string>& ids = data.features->feature_ids();
  for (std::size_t k = 0; k < ids.size(); ++k) row_of[ids[k]] = static_cast<Index>(k);
  NeuronMatrix result(static_cast<Index>(inputs.size()), x.cols());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto row = row_of.find(inputs[i]);
    if (row == row_of.end()) {
      throw InputError(model_path, 0,
                       "expected a model of the run's data, but its input '" + inputs[i] +
                           "' is not a feature of the data");
    }
    result.row(static_cast<Index>(i)) = x.row(row->second).cast<double>();
  }
  return result;
}

EntityNaming entity_naming(const RunInputs& inputs) {
  EntityNaming naming;
  naming.term_names = inputs.term_names;
  for (std::size_t f = 0; f < inputs.input_map.feature_ids.size(); ++f) {
    naming.feature_genes[inputs.input_map.feature_ids[f]] = inputs.input_map.feature_genes[f];
  }
  return naming;
}

// Genome positions of PLINK inputs from the .bim file, whose variants are the data's genetic
// feature columns in order (a GenNet topology may have renamed them).
std::map<std::string, GenomePosition> snp_positions(const RunInputs& inputs) {
  std::map<std::string, GenomePosition> positions;
  if (inputs.data_options.format != "plink") return positions;
  const std::vector<PlinkVariant> variants = read_bim(inputs.data_options.plink + ".bim");
  const std::vector<std::string>& ids = inputs.data.features->feature_ids();
  if (ids.size() - inputs.data.n_covariates != variants.size()) return positions;
  for (std::size_t k = 0; k < variants.size(); ++k) {
    positions[ids[k]] = {variants[k].chromosome, variants[k].position_bp};
  }
  return positions;
}

}  // namespace ontonet::cli
