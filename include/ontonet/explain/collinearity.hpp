// How collinear the input features inside each gene and term are: a diagnostic of how attributions
// are split between inputs. Correlated inputs (SNPs in linkage, co-expressed genes, the channels of
// one gene) carry the same signal, so which of them a trained network (and an attribution method)
// credits is arbitrary; the entity's total is meaningful, its split is not. For every gene and term
// with at least 2 input features:
//
//   features               the input features feeding the entity's neurons, read from the
//                          network's weights (the sources below n_inputs of the edges into the
//                          entity's neurons; for DrugCell terms these are entity.input_neurons'
//                          features, for GenNet genes its SNPs). A gene without neurons of its own
//                          (DrugCell: a gene is its input features) takes its own features, and its
//                          weight block below runs into the neurons those features feed.
//   constant_features      features constant over the samples: left out of the correlations
//   correlation_condition  lambda_max / lambda_min of the Pearson correlation matrix of the other
//                          features over the samples; +inf when singular (lambda_min <= 1e-12
//                          lambda_max); NaN when fewer than 2 features vary
//   max_abs_correlation    the largest |correlation| between two of them
//   weight_condition       sigma_max / sigma_min of the weights [entity neurons x features] (all
//                          features, constant ones included): sigma_min is the smallest of the
//                          min(rows, cols) singular values; +inf when it is 0 (<= 1e-12 sigma_max)
//   warning                correlation_condition > max_condition: attributions inside this entity
//                          cannot be split reliably between its inputs
//
// The default max_condition 1000 is a condition index sqrt(1000) ~ 31.6, just above Belsley's 30.
// Parallel over entities; each entity's numbers come from its own arithmetic, so they do not depend
// on the thread count. Cost per entity: O(k^2 samples + k^3) for k features and 8 k^2 bytes, so an
// entity with more than max_features varying features (a gene spanning thousands of SNPs, a GO
// term with thousands of directly annotated genes) is listed without its correlation numbers
// instead of stalling the run: 2,000 features take about a second, 20,000 would take 3.2 GB and
// most of an hour. The same bound applies to the smaller side of its weight block.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/explain/attribution.hpp"

namespace ontonet {

struct CollinearityOptions {
  double max_condition = 1000;
  Index max_features = 2000;
  int threads = 1;
};

struct EntityCollinearity {
  std::size_t entity = 0;       // index into the entities
  std::vector<Index> features;  // input neurons, sorted
  Index constant_features = 0;
  double correlation_condition = 0;
  double max_abs_correlation = 0;  // NaN when fewer than 2 features vary
  double weight_condition = 0;
  bool warning = false;
  // More than max_features varying features: correlation_condition and max_abs_correlation are
  // NaN (and weight_condition too when its block is that large on both sides), not measured.
  bool too_many_features = false;
};

struct Collinearity {
  std::vector<EntityCollinearity> entities;  // genes and terms with >= 2 features, entity order
  double max_condition = 0;                  // the threshold used
  Index max_features = 0;                    // the bound used
  Index warnings = 0;
  Index too_many_features = 0;  // entities left unmeasured for their size
};

// Requires inputs.network, inputs.entities and x [n_inputs, samples] (the baseline is not used).
// Throws ConfigError("explain.max_condition" | "explain.max_collinearity_features" |
// "explain.threads", ...) for bad options (max_condition must be > 1, max_features >= 2).
Collinearity collinearity(const ExplainInputs& inputs, const CollinearityOptions& options);

}  // namespace ontonet
