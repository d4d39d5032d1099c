// RLIPP of one term: the full pipeline (folds, standardization, PCA, ridge, penalty choice,
// Spearman) against scikit-learn, planted terms whose sign is known, degenerate sides, option
// errors, determinism and calls from several threads at once.
#include "ontonet/explain/rlipp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

// The reference data, the same formulas as data() in the script below.
struct ReferenceData {
  Eigen::MatrixXd term;    // [n_term, n]
  Eigen::MatrixXd inputs;  // [n_inputs, n]
  std::vector<double> target;
};

ReferenceData reference_data(Index n, Index n_term, Index n_inputs) {
  ReferenceData data;
  data.inputs.resize(n_inputs, n);
  data.term.resize(n_term, n);
  data.target.resize(static_cast<std::size_t>(n));
  for (Index s = 0; s < n; ++s) {
    const double sd = static_cast<double>(s);
    for (Index r = 0; r < n_inputs; ++r) {
      const double rd = static_cast<double>(r);
      data.inputs(r, s) =
          std::sin(0.23 * (sd + 1) * (rd + 2)) + 0.3 * std::cos(1.7 * sd + 0.5 * rd);
    }
    const double product = data.inputs(0, s) * data.inputs(1, s);
    data.target[static_cast<std::size_t>(s)] =
        product + 0.4 * std::sin(0.9 * sd) + 0.2 * data.inputs(2 % n_inputs, s);
    for (Index r = 0; r < n_term; ++r) {
      const double rd = static_cast<double>(r);
      data.term(r, s) = std::tanh(product * (rd + 1) + 0.3 * std::sin(0.37 * sd * (rd + 1) + rd));
    }
  }
  return data;
}

// Expected values from scikit-learn 1.2.1 / scipy 1.10.1 (Debian 12), with the folds that
// rlipp_fold_assignment gives (pinned by FoldAssignmentIsPinnedAndBalanced), by this script
// (arguments: n n_term n_inputs pca_components folds-as-JSON):
//
//   import sys, json
//   import numpy as np
//   from scipy.stats import spearmanr
//   from sklearn.pipeline import make_pipeline
//   from sklearn.preprocessing import StandardScaler
//   from sklearn.decomposition import PCA
//   from sklearn.linear_model import Ridge
//   def data(n, n_term, n_in):
//       s = np.arange(n)
//       x = np.array([np.sin(0.23 * (s + 1) * (r + 2)) + 0.3 * np.cos(1.7 * s + 0.5 * r)
//                     for r in range(n_in)])
//       y = x[0] * x[1] + 0.4 * np.sin(0.9 * s) + 0.2 * x[2 % n_in]
//       t = np.array([np.tanh(x[0] * x[1] * (r + 1) + 0.3 * np.sin(0.37 * s * (r + 1) + r))
//                     for r in range(n_term)])
//       return t, x, y
//   def side(feat, y, fold, k, penalties):
//       oof = np.zeros((len(y), len(penalties)))
//       for j, a in enumerate(penalties):
//           for f in range(fold.max() + 1):
//               tr, te = fold != f, fold == f
//               steps = [StandardScaler()]
//               if k > 0 and feat.shape[0] > k:
//                   steps.append(PCA(k, svd_solver="full"))
//               steps.append(Ridge(alpha=a))
//               m = make_pipeline(*steps).fit(feat[:, tr].T, y[tr])
//               oof[te, j] = m.predict(feat[:, te].T)
//       mse = ((oof - y[:, None]) ** 2).mean(0)
//       best = max(j for j in range(len(penalties)) if mse[j] == mse.min())
//       return spearmanr(y, oof[:, best]).correlation, penalties[best]
//   n, n_term, n_in, k = map(int, sys.argv[1:5])
//   fold = np.array(json.loads(sys.argv[5]))
//   pen = [1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]
//   t, x, y = data(n, n_term, n_in)
//   rt, pt = side(t, y, fold, k, pen)
//   ri, pi = side(x, y, fold, k, pen)
//   print(f"term {rt!r} {pt}  inputs {ri!r} {pi}  rlipp {(rt - ri) / abs(ri)!r}")
//
// The chosen penalties win by at least 1e-5 relative mean squared error, far above rounding.
struct ReferenceCase {
  const char* name;
  Index n, n_term, n_inputs, folds, pca_components;
  std::uint64_t seed;
  double term_correlation, term_penalty, input_correlation, input_penalty, rlipp;
};

const ReferenceCase kReferenceCases[] = {
    {"primal", 40, 3, 5, 4, 0, 7, 0.7664165103189494, 1, 0.28761726078799255, 10,
     1.6647097195042397},
    {"primal PCA", 40, 3, 5, 4, 2, 7, 0.7711069418386494, 10, -0.30900562851782365, 100,
     3.4954462659380696},
    // 30 inputs on 16 training samples: the dual (kernel) ridge and the dual PCA.
    {"dual", 24, 2, 30, 3, 0, 11, 0.7426086956521739, 10, 0.40347826086956523, 10,
     0.8405172413793103},
    {"dual PCA", 24, 2, 30, 3, 4, 11, 0.7426086956521739, 10, 0.3652173913043478, 0.001,
     1.0333333333333332},
};

TEST(Rlipp, FoldAssignmentIsPinnedAndBalanced) {
  const std::vector<Index> expected = {0, 3, 1, 2, 3, 2, 0, 0, 3, 1, 0, 0, 2, 2, 0, 3, 2, 3, 2, 3,
                                       2, 0, 2, 1, 0, 3, 1, 3, 0, 0, 1, 1, 3, 1, 1, 1, 1, 3, 2, 2};
  EXPECT_EQ(rlipp_fold_assignment(40, 4, 7), expected);
  const std::vector<Index> expected_24 = {1, 1, 2, 2, 2, 2, 1, 2, 0, 1, 2, 1,
                                          0, 1, 0, 0, 1, 0, 2, 1, 0, 0, 0, 2};
  EXPECT_EQ(rlipp_fold_assignment(24, 3, 11), expected_24);
  // 11 samples in 3 folds: sizes 3, 4, 4 (chunks [0, 3), [3, 7), [7, 11) of the permutation).
  std::vector<int> sizes(3, 0);
  for (Index fold : rlipp_fold_assignment(11, 3, 5)) ++sizes[static_cast<std::size_t>(fold)];
  EXPECT_EQ(sizes, (std::vector<int>{3, 4, 4}));
}

TEST(Rlipp, MatchesScikitLearnPipeline) {
  for (const ReferenceCase& c : kReferenceCases) {
    SCOPED_TRACE(c.name);
    const ReferenceData data = reference_data(c.n, c.n_term, c.n_inputs);
    RlippOptions options;
    options.folds = c.folds;
    options.pca_components = c.pca_components;
    options.seed = c.seed;
    const RlippScore score = rlipp_score(data.term, data.inputs, data.target, options);
    EXPECT_NEAR(score.term_correlation, c.term_correlation, 1e-12);
    EXPECT_NEAR(score.input_correlation, c.input_correlation, 1e-12);
    EXPECT_NEAR(score.rlipp, c.rlipp, 1e-10);
    EXPECT_EQ(score.term_penalty, c.term_penalty);
    EXPECT_EQ(score.input_penalty, c.input_penalty);
    EXPECT_FALSE(score.term_correlation_undefined);
    EXPECT_FALSE(score.input_correlation_undefined);
  }
}

TEST(Rlipp, PcaWithAtLeastAsManyComponentsAsFeaturesChangesNothing) {
  const ReferenceData data = reference_data(40, 3, 5);
  RlippOptions plain;
  plain.folds = 4;
  RlippOptions pca = plain;
  pca.pca_components = 5;  // both sides have <= 5 features: used as they are
  const RlippScore a = rlipp_score(data.term, data.inputs, data.target, plain);
  const RlippScore b = rlipp_score(data.term, data.inputs, data.target, pca);
  EXPECT_EQ(a.term_correlation, b.term_correlation);
  EXPECT_EQ(a.input_correlation, b.input_correlation);
  EXPECT_EQ(a.rlipp, b.rlipp);
}

TEST(Rlipp, ShiftingAndScalingFeaturesChangesNothing) {
  // Standardization on the training folds makes the fit blind to each feature's location and
  // scale; a large offset must not cost precision in the fold moments either.
  const ReferenceData data = reference_data(40, 3, 5);
  RlippOptions options;
  options.folds = 4;
  options.seed = 7;
  const Eigen::MatrixXd term = (3.0 * data.term).array() + 1e6;
  const Eigen::MatrixXd inputs = (0.01 * data.inputs).array() - 5e5;
  const RlippScore moved = rlipp_score(term, inputs, data.target, options);
  EXPECT_NEAR(moved.term_correlation, kReferenceCases[0].term_correlation, 1e-12);
  EXPECT_NEAR(moved.input_correlation, kReferenceCases[0].input_correlation, 1e-12);
  EXPECT_EQ(moved.term_penalty, kReferenceCases[0].term_penalty);
  EXPECT_EQ(moved.input_penalty, kReferenceCases[0].input_penalty);
}

// Uniform in [-1, 1) from the raw 53 high bits, the same on every standard library.
double uniform(std::mt19937_64& generator) {
  return static_cast<double>(generator() >> 11) * 0x1.0p-52 - 1.0;
}

TEST(Rlipp, TermComputingAnInteractionScoresClearlyPositive) {
  // target = x1 * x2 + 0.5 x1 + noise. The inputs x1, x2 carry the product only nonlinearly, so a
  // linear model on them reaches the 0.5 x1 part alone; the term's neurons hold the product.
  const Index n = 1000;
  std::mt19937_64 generator(3);
  Eigen::MatrixXd inputs(2, n);
  Eigen::MatrixXd term(2, n);
  std::vector<double> target(static_cast<std::size_t>(n));
  for (Index s = 0; s < n; ++s) {
    const double x1 = uniform(generator);
    const double x2 = uniform(generator);
    inputs.col(s) << x1, x2;
    term.col(s) << x1 * x2, x1;
    target[static_cast<std::size_t>(s)] = x1 * x2 + 0.5 * x1 + 0.05 * uniform(generator);
  }
  const RlippScore score = rlipp_score(term, inputs, target, RlippOptions{});
  EXPECT_GT(score.term_correlation, 0.95);
  EXPECT_GT(score.input_correlation, 0.3);
  EXPECT_LT(score.input_correlation, 0.9);
  EXPECT_GT(score.rlipp, 0.3);
  EXPECT_NEAR(score.rlipp,
              (score.term_correlation - score.input_correlation) / score.input_correlation, 1e-15);
}

TEST(Rlipp, TermThatIsANoisyCopyOfItsInputsScoresNegative) {
  // The inputs predict the target almost exactly; the term's neurons are the inputs plus noise as
  // large as the signal, so they lose predictive power.
  const Index n = 800;
  std::mt19937_64 generator(4);
  Eigen::MatrixXd inputs(3, n);
  Eigen::MatrixXd term(3, n);
  std::vector<double> target(static_cast<std::size_t>(n));
  for (Index s = 0; s < n; ++s) {
    for (Index r = 0; r < 3; ++r) inputs(r, s) = uniform(generator);
    for (Index r = 0; r < 3; ++r) term(r, s) = inputs(r, s) + uniform(generator);
    target[static_cast<std::size_t>(s)] =
        inputs(0, s) + inputs(1, s) - inputs(2, s) + 0.05 * uniform(generator);
  }
  const RlippScore score = rlipp_score(term, inputs, target, RlippOptions{});
  EXPECT_GT(score.input_correlation, 0.95);
  EXPECT_LT(score.term_correlation, 0.85);
  EXPECT_LT(score.rlipp, -0.1);
}

TEST(Rlipp, SameSeedGivesBitIdenticalScoresAndAnotherSeedOtherFolds) {
  const ReferenceData data = reference_data(60, 4, 9);
  RlippOptions options;
  options.pca_components = 3;
  const RlippScore a = rlipp_score(data.term, data.inputs, data.target, options);
  const RlippScore b = rlipp_score(data.term, data.inputs, data.target, options);
  EXPECT_EQ(a.term_correlation, b.term_correlation);
  EXPECT_EQ(a.input_correlation, b.input_correlation);
  EXPECT_EQ(a.rlipp, b.rlipp);
  options.seed = 2;
  EXPECT_NE(rlipp_fold_assignment(60, 5, 1), rlipp_fold_assignment(60, 5, 2));
  const RlippScore c = rlipp_score(data.term, data.inputs, data.target, options);
  EXPECT_NE(a.input_correlation, c.input_correlation);
}

TEST(Rlipp, ParallelCallsGiveTheSerialResults) {
  const ReferenceData data = reference_data(200, 5, 40);
  std::vector<RlippOptions> variants(8);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    variants[i].seed = i + 1;
    variants[i].pca_components = static_cast<Index>(i % 3) * 4;
  }
  std::vector<double> serial(variants.size());
  for (std::size_t i = 0; i < variants.size(); ++i) {
    serial[i] = rlipp_score(data.term, data.inputs, data.target, variants[i]).rlipp;
  }
  std::vector<double> parallel(variants.size());
#pragma omp parallel for num_threads(4)
  for (std::size_t i = 0; i < variants.size(); ++i) {
    parallel[i] = rlipp_score(data.term, data.inputs, data.target, variants[i]).rlipp;
  }
  EXPECT_EQ(serial, parallel);
}

TEST(Rlipp, ConstantTermNeuronsGiveZeroFlaggedCorrelation) {
  const ReferenceData data = reference_data(40, 2, 5);
  const Eigen::MatrixXd constant = Eigen::MatrixXd::Constant(2, 40, 0.3);
  RlippOptions options;
  options.folds = 4;
  const RlippScore score = rlipp_score(constant, data.inputs, data.target, options);
  EXPECT_TRUE(score.term_correlation_undefined);
  EXPECT_EQ(score.term_correlation, 0.0);
  EXPECT_TRUE(std::isnan(score.term_penalty));
  EXPECT_FALSE(score.input_correlation_undefined);
  // (0 - rho) / |rho| = -sign(rho)
  EXPECT_EQ(score.rlipp, score.input_correlation > 0 ? -1.0 : 1.0);
}

TEST(Rlipp, UndefinedInputCorrelationGivesNaN) {
  const ReferenceData data = reference_data(40, 2, 5);
  RlippOptions options;
  options.folds = 4;
  const Eigen::MatrixXd constant = Eigen::MatrixXd::Constant(3, 40, -1.0);
  const RlippScore score = rlipp_score(data.term, constant, data.target, options);
  EXPECT_TRUE(score.input_correlation_undefined);
  EXPECT_EQ(score.input_correlation, 0.0);
  EXPECT_FALSE(score.term_correlation_undefined);
  EXPECT_TRUE(std::isnan(score.rlipp));

  // A constant target: every prediction is its mean, so neither side has a correlation.
  const std::vector<double> flat(40, 2.5);
  const RlippScore flat_score = rlipp_score(data.term, data.inputs, flat, options);
  EXPECT_TRUE(flat_score.term_correlation_undefined);
  EXPECT_TRUE(flat_score.input_correlation_undefined);
  EXPECT_TRUE(std::isnan(flat_score.rlipp));
}

// The ConfigError's path and message of rlipp_score under `options`.
std::string config_error(const RlippOptions& options, Index samples = 40) {
  const ReferenceData data = reference_data(samples, 2, 3);
  try {
    rlipp_score(data.term, data.inputs, data.target, options);
  } catch (const ConfigError& error) {
    return error.path() + " | " + error.what();
  }
  return "no error";
}

TEST(Rlipp, RejectsBadOptionsNamingTheOption) {
  RlippOptions one_fold;
  one_fold.folds = 1;
  EXPECT_EQ(config_error(one_fold), "rlipp.folds | rlipp.folds must be >= 2, got 1");
  RlippOptions many_folds;
  many_folds.folds = 6;
  EXPECT_EQ(config_error(many_folds, 11),
            "rlipp.folds | rlipp.folds must be <= samples / 2 so that every fold holds >= 2 "
            "samples, got 6 folds for 11 samples");
  RlippOptions no_penalty;
  no_penalty.penalties.clear();
  EXPECT_EQ(config_error(no_penalty),
            "rlipp.penalties | rlipp.penalties must list at least one penalty");
  RlippOptions zero_penalty;
  zero_penalty.penalties = {1, 0};
  EXPECT_EQ(config_error(zero_penalty),
            "rlipp.penalties | rlipp.penalties must each be finite and > 0, got 0.000000");
  RlippOptions nan_penalty;
  nan_penalty.penalties = {std::nan("")};
  EXPECT_NE(config_error(nan_penalty).find("rlipp.penalties must each be finite and > 0"),
            std::string::npos);
  RlippOptions negative_pca;
  negative_pca.pca_components = -1;
  EXPECT_EQ(config_error(negative_pca),
            "rlipp.pca_components | rlipp.pca_components must be >= 0 (0 = off), got -1");
  // The same checks up front, for callers that score terms in parallel.
  EXPECT_THROW(check_rlipp_options(many_folds, 11), ConfigError);
  EXPECT_NO_THROW(check_rlipp_options(RlippOptions{}, 10));
}

TEST(Rlipp, RejectsMismatchedSizesAndNonFiniteValues) {
  const ReferenceData data = reference_data(40, 2, 3);
  std::vector<double> short_target(data.target.begin(), data.target.end() - 1);
  EXPECT_THROW(rlipp_score(data.term, data.inputs, short_target, RlippOptions{}), InternalError);
  EXPECT_THROW(rlipp_score(Eigen::MatrixXd(0, 40), data.inputs, data.target, RlippOptions{}),
               InternalError);

  Eigen::MatrixXd inputs = data.inputs;
  inputs(1, 7) = std::nan("");
  try {
    rlipp_score(data.term, inputs, data.target, RlippOptions{});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "rlipp: inputs[1, 7] is not finite (nan)");
  }
  std::vector<double> target = data.target;
  target[3] = -std::numeric_limits<double>::infinity();
  try {
    rlipp_score(data.term, data.inputs, target, RlippOptions{});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "rlipp: target[3] is not finite (-inf)");
  }
}

}  // namespace
}  // namespace ontonet
