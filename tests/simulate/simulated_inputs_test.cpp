// The simulated inputs have the correlation structure the documentation states: expression
// correlates exactly rho within a block and not across blocks; genotype dosages are 0/1/2 in
// Hardy-Weinberg proportions of each gene's frequency, and correlate by the tetrachoric transform
// of rho within a block. Tolerances are a few sampling standard deviations.
#include "ontonet/simulate/simulated_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

constexpr double kPi = 3.14159265358979323846;

Eigen::VectorXd column(const SimulatedInputs& inputs, Eigen::Index gene) {
  return inputs.values.col(gene).cast<double>();
}

TEST(SimulatedExpression, CorrelatesRhoWithinABlockAndZeroAcross) {
  const Ontology ontology = test::flat_ontology(3, 4);
  const GeneBlocks blocks = assign_gene_blocks(ontology);
  const double rho = 0.6;
  const std::size_t n = 20000;
  RandomStream data(7, 3);
  const SimulatedInputs inputs = draw_expression(n, blocks, rho, data);
  ASSERT_EQ(inputs.values.rows(), 20000);
  ASSERT_EQ(inputs.values.cols(), 12);
  // The sampling sd of a correlation r is about (1 - r^2) / sqrt(n): 0.0045 here, 0.0071 at 0.
  const double sd_within = (1 - rho * rho) / std::sqrt(n);
  const double sd_across = 1 / std::sqrt(static_cast<double>(n));
  for (Eigen::Index g = 0; g < 12; ++g) {
    const Eigen::VectorXd x = column(inputs, g);
    EXPECT_NEAR(x.mean(), 0.0, 5 * sd_across);
    EXPECT_NEAR((x.array() - x.mean()).square().mean(), 1.0, 5 * std::sqrt(2.0 / n));
    for (Eigen::Index h = g + 1; h < 12; ++h) {
      const double r = test::correlation(x, column(inputs, h));
      if (g / 4 == h / 4) {
        EXPECT_NEAR(r, rho, 5 * sd_within) << g << " " << h;
      } else {
        EXPECT_NEAR(r, 0.0, 5 * sd_across) << g << " " << h;
      }
    }
  }
  EXPECT_EQ(inputs.mean, std::vector<double>(12, 0.0));
  EXPECT_EQ(inputs.sd, std::vector<double>(12, 1.0));
  EXPECT_TRUE(inputs.maf.empty());
}

TEST(SimulatedGenotype, DosagesFollowHardyWeinbergAtEachGenesFrequency) {
  const Ontology ontology = test::flat_ontology(4, 5);
  const GeneBlocks blocks = assign_gene_blocks(ontology);
  const std::size_t n = 20000;
  RandomStream frequencies(9, 2), data(9, 3);
  const SimulatedInputs inputs = draw_genotypes(n, blocks, 0.4, 0.05, 0.5, frequencies, data);
  ASSERT_EQ(inputs.maf.size(), 20u);
  double smallest = 1, largest = 0;
  for (Eigen::Index g = 0; g < 20; ++g) {
    const double p = inputs.maf[static_cast<std::size_t>(g)];
    smallest = std::min(smallest, p);
    largest = std::max(largest, p);
    ASSERT_GE(p, 0.05);
    ASSERT_LE(p, 0.5);
    EXPECT_DOUBLE_EQ(inputs.mean[static_cast<std::size_t>(g)], 2 * p);
    EXPECT_DOUBLE_EQ(inputs.sd[static_cast<std::size_t>(g)], std::sqrt(2 * p * (1 - p)));
    double counts[3] = {0, 0, 0};
    for (Eigen::Index i = 0; i < inputs.values.rows(); ++i) {
      const float dosage = inputs.values(i, g);
      ASSERT_TRUE(dosage == 0.0f || dosage == 1.0f || dosage == 2.0f) << dosage;
      counts[static_cast<int>(dosage)] += 1;
    }
    const double expected[3] = {(1 - p) * (1 - p), 2 * p * (1 - p), p * p};
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(counts[k] / n, expected[k], 5 * std::sqrt(expected[k] * (1 - expected[k]) / n))
          << "gene " << g << " dosage " << k << " maf " << p;
    }
  }
  // Twenty uniform draws in [0.05, 0.5] spread over the range.
  EXPECT_LT(smallest, 0.2);
  EXPECT_GT(largest, 0.35);
}

TEST(SimulatedGenotype, LinkageWithinABlockIsTheTetrachoricTransformOfRho) {
  // With every frequency 0.5 the thresholds are 0 and the dosage correlation is 2 asin(rho) / pi.
  const Ontology ontology = test::flat_ontology(2, 3);
  const GeneBlocks blocks = assign_gene_blocks(ontology);
  const double rho = 0.5;
  const std::size_t n = 20000;
  RandomStream frequencies(3, 2), data(3, 3);
  const SimulatedInputs inputs = draw_genotypes(n, blocks, rho, 0.5, 0.5, frequencies, data);
  const double expected = 2 * std::asin(rho) / kPi;  // 1/3, below rho
  const double sd = (1 - expected * expected) / std::sqrt(n);
  for (Eigen::Index g = 0; g < 6; ++g) {
    for (Eigen::Index h = g + 1; h < 6; ++h) {
      const double r = test::correlation(column(inputs, g), column(inputs, h));
      EXPECT_NEAR(r, g / 3 == h / 3 ? expected : 0.0, 5 * sd) << g << " " << h;
    }
  }
}

}  // namespace
}  // namespace ontonet
