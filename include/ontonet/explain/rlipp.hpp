// RLIPP, the relative local improvement in predictive power of one term of a visible network
// (DCell, Ma et al. 2018; NeST-VNN, Zhao et al. 2024): how much better the term's own neurons
// predict the phenotype than the neurons that feed it (its children's neurons and the inputs of
// its directly annotated genes). A term that only passes its inputs on scores about 0; one that
// computes something its inputs do not express linearly (an interaction, a threshold) scores > 0.
//
// For each side (the term's neurons, then its inputs) a ridge regression with intercept predicts
// the target, and the side is scored by the Spearman correlation between its out-of-fold
// predictions and the target:
//   rlipp = (rho_term - rho_inputs) / |rho_inputs|.
// The procedure, in full:
//  - Folds: samples are permuted with a Fisher-Yates shuffle drawn from std::mt19937_64(seed)
//    (identical on every platform; see rlipp_fold_assignment) and cut into `folds` contiguous
//    chunks of the permutation, sizes within one of each other. Both sides use the same folds, so
//    their correlations are paired.
//  - On each training fold: features are standardized with the training mean and population
//    standard deviation (a feature constant on the training fold becomes 0 everywhere); with
//    pca_components = k > 0 and more than k features, they are then replaced by their first k
//    principal components, fitted on the standardized training fold (no re-scaling of the
//    components); then ridge regression (scikit-learn's convention, as in ridge_path: minimizes
//    sum_i (y_i - x_i.w - b)^2 + penalty * ||w||^2, intercept unpenalized) is fitted for every
//    penalty, and the held-out fold is predicted. So the whole pipeline equals scikit-learn's
//    make_pipeline(StandardScaler(), [PCA(k, svd_solver="full"),] Ridge(alpha=penalty)).
//  - Penalty rule: the penalty whose out-of-fold predictions have the lowest mean squared error
//    over all samples (ties to the larger penalty), chosen per side; its out-of-fold predictions
//    are the ones correlated with the target. Choosing on the same folds that score the model
//    (instead of an inner cross-validation) is optimistic by the best of a few correlated
//    estimates; with a handful of penalties and hundreds of samples per fold that is small, it
//    affects both sides alike, and it costs one fit per fold instead of folds².
//  - Undefined cases: a side whose features are all constant, or whose chosen out-of-fold
//    predictions are constant, has no Spearman correlation; its correlation is reported as 0 with
//    its *_undefined flag set. When |rho_inputs| < 1e-12 (including an undefined input side), rlipp
//    is NaN: the caller prints "n/a".
//
// Cost: ridge_path would rebuild a [p, p] Gram matrix per fold; instead, when p <= the training
// samples, each fold's cross-products are summed once and a training fold's are the total minus
// the held-out fold's, so the data are read once per side; then one Cholesky per penalty and fold
// ([p, p]), or with PCA one symmetric eigendecomposition per fold, after which every penalty costs
// a division. When p > the training samples each fold is fitted by ridge_path's [n, n] dual form.
// Measured on this project's 2-core machine, one thread: 5,000 samples with 20 term neurons and
// 300 inputs, 5 folds, 7 penalties: 65 ms (100 ms with 20 principal components); 1,000 samples
// with 6 and 50: 1.5 ms. The function keeps no state between calls, so many terms may be scored
// at once from several threads.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"

namespace ontonet {

struct RlippOptions {
  Index folds = 5;  // >= 2, and <= samples / 2 so that every fold holds >= 2 samples
  // Ridge penalties to choose from; non-empty, each finite and > 0; order and repeats do not
  // matter.
  std::vector<double> penalties = {1e-3, 1e-2, 1e-1, 1, 10, 100, 1000};
  Index pca_components = 0;  // 0: off; k > 0: first k principal components of wider inputs
  std::uint64_t seed = 1;    // fold assignment
};

struct RlippScore {
  double term_correlation = 0;   // Spearman rho of the term side's out-of-fold predictions
  double input_correlation = 0;  // the same for the input side
  double rlipp = 0;              // NaN when |input_correlation| < 1e-12
  // The penalty chosen for each side; NaN for a side whose features are all constant (nothing is
  // fitted).
  double term_penalty = 0;
  double input_penalty = 0;
  bool term_correlation_undefined = false;  // correlation reported as 0 (see above)
  bool input_correlation_undefined = false;
};

// term_neurons: [n_term_neurons, samples]; inputs: [n_input_neurons, samples]; target: one value
// per sample. Requires at least one row in each matrix, the same samples in all three (checked:
// InternalError) and finite values (ontonet::Error naming the first bad entry).
// Throws ConfigError "rlipp.folds", "rlipp.penalties" or "rlipp.pca_components" for bad options.
RlippScore rlipp_score(const Eigen::MatrixXd& term_neurons, const Eigen::MatrixXd& inputs,
                       const std::vector<double>& target, const RlippOptions& options);

// The option checks of rlipp_score alone, for `samples` samples: a caller scoring many terms in
// parallel calls this once before its loop, since an exception must not leave an OpenMP region.
void check_rlipp_options(const RlippOptions& options, Index samples);

// The fold (0..folds-1) of each of `samples` samples, as rlipp_score assigns them. Requires
// 1 <= folds <= samples (checked: InternalError).
std::vector<Index> rlipp_fold_assignment(Index samples, Index folds, std::uint64_t seed);

}  // namespace ontonet
