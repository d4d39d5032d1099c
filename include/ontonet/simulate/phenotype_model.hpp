// The phenotype the simulator plants, from the causal genes' standardized values z (each gene's
// value minus its population mean, over its population sd; simulated_inputs.hpp).
//
// The signal is a sum of summands beta * (product of one or two z):
//   additive                 sum over causal genes g of beta_g z_g;
//   within_term_interaction  per causal term, every pair g < h of its causal genes:
//                            beta_g beta_h z_g z_h (no single-gene term);
//   across_term_interaction  per pair of causal terms, every pair of a causal gene g of the one and
//                            h of the other: beta_g beta_h z_g z_h, i.e. the sum over term pairs
//                            of u_s u_t with u_t = sum over t's causal genes of beta_g z_g.
// With independent standard normal inputs both interaction models have no additive (marginal)
// effect: E[signal z_g] = 0 for every gene.
//
// The raw signal is centred and scaled over the samples so that its variance is exactly the
// heritability h2: signal = scale (raw - mean(raw)), scale = sqrt(h2 / var(raw)). Noise is N(0,
// 1 - h2) per sample, so the liability signal + noise has variance near 1; it is the regression
// phenotype. Binary: the round(prevalence n) samples with the highest liability (ties: the lower
// sample index) are cases (1), the others controls (0). Variances are over the samples (divided by
// n).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "ontonet/simulate/causal_truth.hpp"
#include "ontonet/simulate/random_stream.hpp"
#include "ontonet/simulate/simulation_options.hpp"

namespace ontonet {

struct SignalSummand {
  std::vector<std::size_t> genes;  // positions in CausalTruth::genes: one or two
  double beta = 0.0;               // before scaling; the summand is beta * product of their z
};

// The summands of the model, in the order of the header: genes (additive), or terms then pairs.
std::vector<SignalSummand> signal_summands(const CausalTruth& truth, PhenotypeModel model);

struct SimulatedPhenotype {
  std::vector<SignalSummand> summands;
  double raw_mean = 0.0;
  double raw_variance = 0.0;
  double scale = 0.0;                  // 0 when h2 = 0
  std::vector<double> signal;          // [samples]: mean 0, variance h2
  std::vector<double> noise;           // [samples]: N(0, 1 - h2)
  std::vector<double> liability;       // [samples]: signal + noise
  std::vector<int> labels;             // [samples], binary only: 1 case, 0 control
  std::size_t n_cases = 0;             // binary only
  double threshold = 0.0;              // binary: midway between the lowest case and highest control
  double signal_variance = 0.0;        // realized, = h2 up to rounding
  double noise_variance = 0.0;         // realized
  double realized_heritability = 0.0;  // var(signal) / var(liability)
  // The importance of each causal gene / term: the sd over the samples of the scaled sum of the
  // summands that involve it (an across-term product counts for both its genes and terms).
  std::vector<double> gene_effects;  // [causal genes]
  std::vector<double> term_effects;  // [causal terms]
};

// z: [samples, causal genes], the standardized values of CausalTruth::genes in that order.
// Draws the noise from `noise`, one per sample in order. Throws ConfigError naming --samples when
// h2 > 0 but the raw signal does not vary over the samples (e.g. causal genotypes without a
// single minor allele among few samples).
SimulatedPhenotype simulate_phenotype(const Eigen::MatrixXd& z, const CausalTruth& truth,
                                      const SimulationOptions& options, RandomStream& noise);

}  // namespace ontonet
