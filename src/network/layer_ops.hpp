// Records what LayerSettings ask of a layer after its weighted sum: the activation and, when the
// layer has one, batch norm before or after it.
#pragma once

#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/ops_normalization.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/network_spec.hpp"

namespace ontonet::detail {

template <typename Scalar>
NodeId apply_activation(Tape<Scalar>& tape, NodeId x, Activation activation) {
  switch (activation) {
    case Activation::kIdentity:
      return x;
    case Activation::kTanh:
      return ops::tanh(tape, x);
    case Activation::kRelu:
      return ops::relu(tape, x);
    case Activation::kSigmoid:
      return ops::sigmoid(tape, x);
  }
  ONTONET_CHECK(false, "unknown activation");
}

// z: [n, batch] -> [n, batch]. batch_norm may be null (no batch norm).
template <typename Scalar>
NodeId apply_layer_settings(Tape<Scalar>& tape, NodeId z, const LayerSettings& settings,
                            BatchNorm<Scalar>* batch_norm) {
  const bool norm_first = settings.norm_order == NormOrder::kNormThenActivation;
  if (batch_norm != nullptr && norm_first) z = ops::batch_norm(tape, z, *batch_norm);
  z = apply_activation(tape, z, settings.activation);
  if (batch_norm != nullptr && !norm_first) z = ops::batch_norm(tape, z, *batch_norm);
  return z;
}

}  // namespace ontonet::detail
