// The activations a layer applies to its weighted sum. ops::sparse_linear can apply one inside its
// own pass (activation_rows.hpp), so a compiled level needs no separate activation node.
#pragma once

namespace ontonet {

enum class Activation { kIdentity, kTanh, kRelu, kSigmoid };

}  // namespace ontonet
