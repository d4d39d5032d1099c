// load_training_data and load_prediction_inputs: the choice of layout. Each layout's loader is in
// training_data_<format>.cpp.
#include "ontonet/train/training_data.hpp"

#include "ontonet/core/error.hpp"
#include "training_data_common.hpp"

namespace ontonet {

namespace {

[[noreturn]] void throw_unknown_format(const std::string& format) {
  throw ConfigError("data.format",
                    "must be one of nest_vnn, gennet, plink, matrix; got \"" + format + "\"");
}

}  // namespace

TrainingSet load_training_data(const DataOptions& options) {
  if (options.format == "nest_vnn") return data_loading::load_nest_vnn(options);
  if (options.format == "gennet") return data_loading::load_gennet(options);
  if (options.format == "plink") return data_loading::load_plink(options);
  if (options.format == "matrix") return data_loading::load_matrix(options);
  throw_unknown_format(options.format);
}

PredictionInputs load_prediction_inputs(const DataOptions& options,
                                        const std::vector<std::string>& feature_ids,
                                        const nlohmann::json& preprocessing) {
  if (options.format == "nest_vnn") {
    return data_loading::predict_nest_vnn(options, feature_ids, preprocessing);
  }
  if (options.format == "gennet") {
    return data_loading::predict_gennet(options, feature_ids, preprocessing);
  }
  if (options.format == "plink") {
    return data_loading::predict_plink(options, feature_ids, preprocessing);
  }
  if (options.format == "matrix") {
    return data_loading::predict_matrix(options, feature_ids, preprocessing);
  }
  throw_unknown_format(options.format);
}

}  // namespace ontonet
