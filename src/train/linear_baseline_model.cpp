#include "ontonet/core/error.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/train/linear_baselines.hpp"

namespace ontonet {

Model<float> linear_baseline_model(const LinearBaselineResult& result,
                                   const std::vector<std::string>& feature_ids) {
  ONTONET_CHECK(static_cast<Index>(feature_ids.size()) == result.weights.size(),
                "one feature ID per linear baseline weight");
  DenseMlpShape shape;
  shape.n_inputs = static_cast<Index>(feature_ids.size());
  shape.n_outputs = 1;
  Model<float> model(dense_mlp_spec(shape, feature_ids), 0);
  // One level: the output neuron, fed by every input in order, so CSR order is feature order.
  ONTONET_CHECK(model.levels().size() == 1 && model.levels()[0].weights.size() == shape.n_inputs,
                "a linear model is one level over every input");
  model.levels()[0].weights.value = result.weights.cast<float>();
  model.levels()[0].bias.value.setConstant(static_cast<float>(result.intercept));
  return model;
}

}  // namespace ontonet
