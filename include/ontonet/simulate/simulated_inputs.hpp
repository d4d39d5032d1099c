// The simulated input matrix: one row per sample, one column per gene, drawn with an exact
// correlation structure inside blocks of genes (gene_blocks.hpp).
//
// Expression: x_g = sqrt(rho) f_b + sqrt(1 - rho) e_g, where f_b (one per block and sample) and
// e_g are independent standard normals and b is g's block. Every x_g is standard normal; two genes
// of one block correlate exactly rho, genes of different blocks not at all.
//
// Genotype: each gene has a minor-allele frequency p_g, uniform in [maf_min, maf_max]. A sample has
// two haplotypes; on each, gene g carries the minor allele when its latent
// l_g = sqrt(rho) f_b + sqrt(1 - rho) e_g (drawn afresh per haplotype) is below Phi^{-1}(p_g), so
// the allele is Bernoulli(p_g), and the dosage (0, 1, 2) is the sum over the two haplotypes:
// Binomial(2, p_g), in Hardy-Weinberg proportions. Two genes of one block are in "linkage": their
// dosages correlate by the tetrachoric transform of rho,
//   r = (Phi2(t_g, t_h; rho) - p_g p_h) / sqrt(p_g (1 - p_g) p_h (1 - p_h)),  t = Phi^{-1}(p),
// which is below rho for 0 < rho < 1 (for p_g = p_h = 0.5 it is 2 asin(rho) / pi).
//
// Values are stored as float, the type ontonet's readers store, so data.tsv holds exactly the
// numbers the phenotype was computed from.
#pragma once

#include <cstddef>
#include <vector>

#include "ontonet/io/sample_matrix.hpp"
#include "ontonet/simulate/gene_blocks.hpp"
#include "ontonet/simulate/random_stream.hpp"

namespace ontonet {

struct SimulatedInputs {
  SampleValues values;  // [samples, genes], row-major like the readers' matrices
  // The population mean and standard deviation of each gene, which standardize it for the
  // phenotype: z = (x - mean) / sd. Expression: 0 and 1; genotype: 2p and sqrt(2p(1-p)).
  std::vector<double> mean;
  std::vector<double> sd;
  std::vector<double> maf;  // genotype: p_g per gene; empty for expression
};

// Draws sample by sample: the block factors, then every gene's own normal, in gene order.
SimulatedInputs draw_expression(std::size_t n_samples, const GeneBlocks& blocks, double rho,
                                RandomStream& data);

// Draws every gene's frequency from `frequencies` first, then sample by sample from `data`:
// haplotype 1 (block factors, then genes), then haplotype 2.
SimulatedInputs draw_genotypes(std::size_t n_samples, const GeneBlocks& blocks, double rho,
                               double maf_min, double maf_max, RandomStream& frequencies,
                               RandomStream& data);

}  // namespace ontonet
