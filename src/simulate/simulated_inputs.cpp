#include "ontonet/simulate/simulated_inputs.hpp"

#include <cmath>

namespace ontonet {

namespace {

// One draw of every gene's latent normal: sqrt(rho) f_block + sqrt(1 - rho) e_gene.
// factors: [blocks], latent: [genes].
void draw_latent(const GeneBlocks& blocks, double rho, RandomStream& data,
                 std::vector<double>& factors, std::vector<double>& latent) {
  const double shared = std::sqrt(rho);
  const double own = std::sqrt(1.0 - rho);
  for (double& factor : factors) factor = data.normal();
  for (std::size_t g = 0; g < latent.size(); ++g) {
    latent[g] = shared * factors[blocks.block_of_gene[g]] + own * data.normal();
  }
}

}  // namespace

SimulatedInputs draw_expression(std::size_t n_samples, const GeneBlocks& blocks, double rho,
                                RandomStream& data) {
  const std::size_t n_genes = blocks.block_of_gene.size();
  SimulatedInputs inputs;
  inputs.values.resize(static_cast<Eigen::Index>(n_samples), static_cast<Eigen::Index>(n_genes));
  inputs.mean.assign(n_genes, 0.0);
  inputs.sd.assign(n_genes, 1.0);
  std::vector<double> factors(blocks.n_blocks());
  std::vector<double> latent(n_genes);
  for (std::size_t i = 0; i < n_samples; ++i) {
    draw_latent(blocks, rho, data, factors, latent);
    for (std::size_t g = 0; g < n_genes; ++g) {
      inputs.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(g)) =
          static_cast<float>(latent[g]);
    }
  }
  return inputs;
}

SimulatedInputs draw_genotypes(std::size_t n_samples, const GeneBlocks& blocks, double rho,
                               double maf_min, double maf_max, RandomStream& frequencies,
                               RandomStream& data) {
  const std::size_t n_genes = blocks.block_of_gene.size();
  SimulatedInputs inputs;
  inputs.values.setZero(static_cast<Eigen::Index>(n_samples), static_cast<Eigen::Index>(n_genes));
  std::vector<double> thresholds(n_genes);
  for (std::size_t g = 0; g < n_genes; ++g) {
    const double p = maf_min + (maf_max - maf_min) * frequencies.uniform();
    inputs.maf.push_back(p);
    inputs.mean.push_back(2.0 * p);
    inputs.sd.push_back(std::sqrt(2.0 * p * (1.0 - p)));
    thresholds[g] = normal_quantile(p);
  }
  std::vector<double> factors(blocks.n_blocks());
  std::vector<double> latent(n_genes);
  for (std::size_t i = 0; i < n_samples; ++i) {
    for (int haplotype = 0; haplotype < 2; ++haplotype) {
      draw_latent(blocks, rho, data, factors, latent);
      for (std::size_t g = 0; g < n_genes; ++g) {
        if (latent[g] < thresholds[g]) {
          inputs.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(g)) += 1.0f;
        }
      }
    }
  }
  return inputs;
}

}  // namespace ontonet
