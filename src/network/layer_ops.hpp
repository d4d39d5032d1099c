// Records what LayerSettings ask of a layer after its weighted sum: the activation (inside the
// weighted sum's own op when it can be) and, when the layer has one, batch norm before or after
// it, then dropout in training mode.
#pragma once

#include <random>

#include "ontonet/autodiff/ops_activation.hpp"
#include "ontonet/autodiff/ops_dropout.hpp"
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

// The activation ops::sparse_linear applies inside its own pass for a layer with these settings:
// the layer's, unless batch norm comes between the weighted sum and the activation.
inline Activation fused_activation(const LayerSettings& settings) {
  const bool norm_first =
      settings.batch_norm && settings.norm_order == NormOrder::kNormThenActivation;
  return norm_first ? Activation::kIdentity : settings.activation;
}

// z: [n, batch], the layer's weighted sum with fused_activation(settings) already applied -> the
// rest of what the settings ask: batch norm and the activation if batch norm comes first, batch
// norm after it otherwise, then dropout. batch_norm is null exactly when the settings have none.
// dropout_rng draws the masks; it may be null only when the tape is in inference mode or the layer
// has no dropout.
template <typename Scalar>
NodeId apply_layer_settings(Tape<Scalar>& tape, NodeId z, const LayerSettings& settings,
                            BatchNorm<Scalar>* batch_norm, std::mt19937_64* dropout_rng) {
  if (batch_norm != nullptr) {
    z = ops::batch_norm(tape, z, *batch_norm);
    if (settings.norm_order == NormOrder::kNormThenActivation) {
      z = apply_activation(tape, z, settings.activation);
    }
  }
  // At inference dropout is the identity: not recording it spares a copy of the level.
  if (settings.dropout > 0.0 && tape.training()) {
    ONTONET_CHECK(dropout_rng != nullptr, "a layer with dropout trains with a mask generator");
    z = ops::dropout(tape, z, static_cast<Scalar>(settings.dropout), *dropout_rng);
  }
  return z;
}

}  // namespace ontonet::detail
