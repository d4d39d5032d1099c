// How the gradient of the explained output reaches each level of the network: a diagnostic of
// gradient-based attributions. In deep ReLU networks gradients shrink level by level or vanish
// behind dead and saturated units, and then saliency and gradient x input miss inputs that matter
// (integrated gradients and DeepLIFT, which compare against a baseline, do not). From
// backward(derivative_slopes(forward(x)), unit), per level (level 0 the input neurons, level l + 1
// the evaluator's level l, in evaluation order, up to the output's level), over the level's
// neurons that have a path to the output:
//
//   mean_gradient_norm  mean over samples of the L2 norm of d output / d post over those neurons
//   zero_fraction       fraction of (neuron, sample) entries that are exactly 0
//   relative_to_max     mean_gradient_norm / the largest mean_gradient_norm over the levels
//
// and, at the input level, the samples whose input gradient is entirely 0 although the output
// moved from the baseline's (|f(x) - f(baseline)| > 1e-12 (1 + |f(baseline)|)): saliency says
// "nothing matters" there while the output did change. Parallel over batches of samples; every
// per-sample value is computed within its own column and the sums run in sample order, so the
// result does not depend on the thread count.
#pragma once

#include <string>
#include <vector>

#include "ontonet/explain/attribution.hpp"

namespace ontonet {

// The warning fires when the input level's norm is below this fraction of the largest level's...
constexpr double kVanishingGradientRatio = 1e-3;
// ...or when more than this fraction of the input-gradient entries are exactly 0.
constexpr double kDeadGradientFraction = 0.5;

struct GradientFlowOptions {
  Index output_unit = 0;
  int threads = 1;
  Index batch_size = 128;  // samples evaluated together
};

struct LevelGradient {
  Index level = 0;                // 0: the inputs; l + 1: the evaluator's level l
  Index neurons = 0;              // neurons with a path to the output
  double mean_gradient_norm = 0;  // NaN when neurons is 0
  double zero_fraction = 0;       // NaN when neurons is 0
  double relative_to_max = 0;     // NaN when neurons is 0
};

struct GradientFlow {
  std::vector<LevelGradient> levels;  // level 0 (inputs) to the output's level
  Index samples = 0;
  Index saliency_blind_samples = 0;    // all-zero input gradient, output moved from the baseline
  double saliency_blind_fraction = 0;  // of the samples
  std::string warning;                 // empty when the input gradients look healthy
};

// Requires inputs.network, x [n_inputs, samples] with at least one sample and baseline
// [n_inputs] (entities are not used). Throws ConfigError("explain.output_unit" |
// "explain.threads" | "explain.batch_size" | "explain.samples", ...) for bad options.
GradientFlow gradient_flow(const ExplainInputs& inputs, const GradientFlowOptions& options);

}  // namespace ontonet
