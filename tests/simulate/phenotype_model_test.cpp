// The planted phenotype is the documented function of the data: the signal recomputed here from
// the formulas of phenotype_model.hpp, the additive effects recovered by least squares, the
// interaction models without marginal additive signal, the heritability and the prevalence.
#include "ontonet/simulate/phenotype_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <tuple>

#include "ontonet/simulate/simulation.hpp"
#include "simulation_fixtures.hpp"

namespace ontonet {
namespace {

Eigen::VectorXd as_vector(const std::vector<double>& values) {
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

// z of the causal genes from the stored values and the documented population mean and sd.
Eigen::MatrixXd causal_z(const Simulation& simulation) {
  const SimulatedInputs& inputs = simulation.inputs;
  Eigen::MatrixXd z(inputs.values.rows(), static_cast<Eigen::Index>(simulation.truth.genes.size()));
  for (std::size_t k = 0; k < simulation.truth.genes.size(); ++k) {
    const GeneIndex gene = simulation.truth.genes[k].gene;
    z.col(static_cast<Eigen::Index>(k)) =
        (inputs.values.col(gene).cast<double>().array() - inputs.mean[gene]) / inputs.sd[gene];
  }
  return z;
}

// The raw signal by the closed forms: u_t = sum of beta_g z_g over t's causal genes;
// additive sum_t u_t; within sum_t (u_t^2 - sum (beta_g z_g)^2) / 2; across
// ((sum_t u_t)^2 - sum_t u_t^2) / 2.
Eigen::VectorXd raw_signal(const Simulation& simulation) {
  const Eigen::MatrixXd z = causal_z(simulation);
  const Eigen::Index n = z.rows();
  Eigen::VectorXd total_u = Eigen::VectorXd::Zero(n), sum_u2 = total_u, within = total_u;
  for (const CausalTerm& term : simulation.truth.terms) {
    Eigen::VectorXd u = Eigen::VectorXd::Zero(n), squares = u;
    for (std::size_t g : term.genes) {
      const Eigen::VectorXd bz =
          simulation.truth.genes[g].beta * z.col(static_cast<Eigen::Index>(g));
      u += bz;
      squares += bz.cwiseProduct(bz);
    }
    total_u += u;
    sum_u2 += u.cwiseProduct(u);
    within += 0.5 * (u.cwiseProduct(u) - squares);
  }
  switch (simulation.options.model) {
    case PhenotypeModel::kAdditive:
      return total_u;
    case PhenotypeModel::kWithinTermInteraction:
      return within;
    case PhenotypeModel::kAcrossTermInteraction:
      return 0.5 * (total_u.cwiseProduct(total_u) - sum_u2);
  }
  return total_u;
}

SimulationOptions options_for(PhenotypeModel model, std::size_t n, double h2) {
  SimulationOptions options;
  options.model = model;
  options.n_samples = n;
  options.heritability = h2;
  options.seed = 17;
  return options;
}

const PhenotypeModel kModels[] = {PhenotypeModel::kAdditive, PhenotypeModel::kWithinTermInteraction,
                                  PhenotypeModel::kAcrossTermInteraction};

TEST(PhenotypeModel, SignalIsTheDocumentedFunctionOfTheData) {
  const Ontology ontology = test::flat_ontology(12, 6);
  for (PhenotypeModel model : kModels) {
    for (SimulatedDataType type : {SimulatedDataType::kExpression, SimulatedDataType::kGenotype}) {
      SimulationOptions options = options_for(model, 400, 0.6);
      options.data_type = type;
      options.correlation = 0.3;
      const Simulation simulation = simulate(ontology, options);
      const Eigen::VectorXd raw = raw_signal(simulation);
      const double variance = (raw.array() - raw.mean()).square().mean();
      const Eigen::VectorXd expected = std::sqrt(0.6 / variance) * (raw.array() - raw.mean());
      const SimulatedPhenotype& phenotype = simulation.phenotype;
      const std::string label = phenotype_model_name(model) + " " + simulated_data_type_name(type);
      EXPECT_NEAR(phenotype.raw_variance, variance, 1e-9 * variance) << label;
      EXPECT_LT((as_vector(phenotype.signal) - expected).cwiseAbs().maxCoeff(), 1e-9) << label;
      EXPECT_NEAR(phenotype.signal_variance, 0.6, 1e-12) << label;
      EXPECT_LT((as_vector(phenotype.liability) - as_vector(phenotype.signal) -
                 as_vector(phenotype.noise))
                    .cwiseAbs()
                    .maxCoeff(),
                1e-15)
          << label;
    }
  }
}

TEST(PhenotypeModel, LeastSquaresRecoversThePlantedAdditiveEffects) {
  const Ontology ontology = test::flat_ontology(20, 6);
  for (SimulatedDataType type : {SimulatedDataType::kExpression, SimulatedDataType::kGenotype}) {
    SimulationOptions options = options_for(PhenotypeModel::kAdditive, 5000, 0.5);
    options.data_type = type;
    options.causal_terms = 3;
    const Simulation simulation = simulate(ontology, options);
    const std::size_t n_causal = simulation.truth.genes.size();
    ASSERT_EQ(n_causal, 9u);
    // The causal genes' z, then six genes of leaves without a causal gene, whose effect is 0.
    Eigen::MatrixXd x(5000, 15);
    x.leftCols(9) = causal_z(simulation);
    std::set<std::size_t> causal_leaves;
    for (const CausalTerm& term : simulation.truth.terms) causal_leaves.insert(term.term);
    Eigen::Index column = 9;
    for (TermIndex leaf = 0; leaf < 20 && column < 15; ++leaf) {
      if (causal_leaves.count(leaf) > 0) continue;
      const GeneIndex gene = ontology.genes(leaf).front();
      x.col(column++) = (simulation.inputs.values.col(gene).cast<double>().array() -
                         simulation.inputs.mean[gene]) /
                        simulation.inputs.sd[gene];
    }
    const test::LeastSquares fit =
        test::least_squares(x, as_vector(simulation.phenotype.liability));
    for (Eigen::Index k = 0; k < 15; ++k) {
      const double planted = k < 9 ? simulation.truth.genes[static_cast<std::size_t>(k)].beta *
                                         simulation.phenotype.scale
                                   : 0.0;
      EXPECT_NEAR(fit.estimate[k], planted, 4 * fit.standard_error[k])
          << simulated_data_type_name(type) << " column " << k;
    }
    // The fit explains about the heritability.
    EXPECT_NEAR(fit.r_squared, 0.5, 0.05);
  }
}

TEST(PhenotypeModel, InteractionModelsHaveNoMarginalAdditiveSignal) {
  const Ontology ontology = test::flat_ontology(20, 6);
  for (PhenotypeModel model :
       {PhenotypeModel::kWithinTermInteraction, PhenotypeModel::kAcrossTermInteraction}) {
    const Simulation simulation = simulate(ontology, options_for(model, 5000, 0.5));
    const Eigen::MatrixXd z = causal_z(simulation);
    const Eigen::VectorXd y = as_vector(simulation.phenotype.liability);
    // The residual of an additive fit to products depends on z, hence the robust standard error.
    const test::LeastSquares additive = test::least_squares(z, y);
    for (Eigen::Index k = 0; k < z.cols(); ++k) {
      EXPECT_NEAR(additive.estimate[k], 0.0, 4 * additive.robust_standard_error[k])
          << phenotype_model_name(model) << " gene " << k;
    }
    // Six regressors on noise explain about 6 / n = 0.0012 of the variance.
    EXPECT_LT(additive.r_squared, 0.01) << phenotype_model_name(model);

    // The products the model names carry the whole signal, with its coefficients.
    const std::vector<SignalSummand>& summands = simulation.phenotype.summands;
    Eigen::MatrixXd products(z.rows(), static_cast<Eigen::Index>(summands.size()));
    for (std::size_t s = 0; s < summands.size(); ++s) {
      ASSERT_EQ(summands[s].genes.size(), 2u);
      const std::size_t g = summands[s].genes[0], h = summands[s].genes[1];
      if (model == PhenotypeModel::kAcrossTermInteraction) {
        EXPECT_NE(simulation.truth.genes[g].causal_term, simulation.truth.genes[h].causal_term);
      } else {
        EXPECT_EQ(simulation.truth.genes[g].causal_term, simulation.truth.genes[h].causal_term);
      }
      products.col(static_cast<Eigen::Index>(s)) =
          z.col(static_cast<Eigen::Index>(g)).cwiseProduct(z.col(static_cast<Eigen::Index>(h)));
    }
    // Two terms of three genes: 3 + 3 pairs within, 3 x 3 across.
    EXPECT_EQ(summands.size(), model == PhenotypeModel::kWithinTermInteraction ? 6u : 9u);
    const test::LeastSquares interaction = test::least_squares(products, y);
    for (std::size_t s = 0; s < summands.size(); ++s) {
      const auto k = static_cast<Eigen::Index>(s);
      EXPECT_NEAR(interaction.estimate[k], summands[s].beta * simulation.phenotype.scale,
                  4 * interaction.standard_error[k])
          << phenotype_model_name(model) << " summand " << s;
    }
    EXPECT_NEAR(interaction.r_squared, 0.5, 0.05) << phenotype_model_name(model);
  }
}

TEST(PhenotypeModel, RealizedHeritabilityIsWithinSamplingErrorOfThePlantedOne) {
  const Ontology ontology = test::flat_ontology(12, 6);
  const double n = 5000;
  for (PhenotypeModel model : kModels) {
    for (double h2 : {0.2, 0.5, 0.8}) {
      const Simulation simulation = simulate(ontology, options_for(model, 5000, h2));
      const SimulatedPhenotype& phenotype = simulation.phenotype;
      // realized = h2 / (h2 + Ve + 2 C): Ve has sd (1 - h2) sqrt(2 / n), C sd sqrt(h2 (1 - h2) /
      // n).
      const double sd = h2 * std::sqrt(2 * (1 - h2) * (1 - h2) / n + 4 * h2 * (1 - h2) / n);
      EXPECT_NEAR(phenotype.realized_heritability, h2, 4 * sd)
          << phenotype_model_name(model) << " h2 " << h2;
      EXPECT_NEAR(phenotype.noise_variance, 1 - h2, 4 * (1 - h2) * std::sqrt(2 / n));
      EXPECT_NEAR(phenotype.signal_variance, h2, 1e-12);
    }
  }
}

TEST(PhenotypeModel, ZeroHeritabilityLeavesOnlyNoise) {
  const Simulation simulation =
      simulate(test::flat_ontology(8, 5), options_for(PhenotypeModel::kAdditive, 50, 0.0));
  EXPECT_EQ(simulation.phenotype.scale, 0.0);
  EXPECT_EQ(simulation.phenotype.realized_heritability, 0.0);
  for (double value : simulation.phenotype.signal) EXPECT_EQ(value, 0.0);
  EXPECT_EQ(simulation.phenotype.liability, simulation.phenotype.noise);
}

TEST(PhenotypeModel, BinaryCasesAreExactlyTheTopPrevalenceFraction) {
  const Ontology ontology = test::flat_ontology(8, 5);
  for (const auto& [n, prevalence, expected_cases] :
       {std::tuple<std::size_t, double, std::size_t>{1001, 0.3, 300},
        {1000, 0.5, 500},
        {40, 0.1, 4}}) {
    SimulationOptions options = options_for(PhenotypeModel::kAdditive, n, 0.5);
    options.task = SimulatedTask::kBinary;
    options.prevalence = prevalence;
    const Simulation simulation = simulate(ontology, options);
    const SimulatedPhenotype& phenotype = simulation.phenotype;
    EXPECT_EQ(phenotype.n_cases, expected_cases);
    std::size_t cases = 0;
    for (std::size_t i = 0; i < n; ++i) {
      cases += static_cast<std::size_t>(phenotype.labels[i]);
      if (phenotype.labels[i] == 1) {
        EXPECT_GT(phenotype.liability[i], phenotype.threshold);
      } else {
        EXPECT_LT(phenotype.liability[i], phenotype.threshold);
      }
    }
    EXPECT_EQ(cases, expected_cases);
  }
}

TEST(PhenotypeModel, EffectsAreTheSdOfEachGenesAndTermsPartOfTheSignal) {
  // Additive: a gene's part is coefficient x z, so its effect is |beta scale| sd(z); a term's part
  // is the sum over its genes.
  const Simulation simulation =
      simulate(test::flat_ontology(8, 5), options_for(PhenotypeModel::kAdditive, 2000, 0.5));
  const Eigen::MatrixXd z = causal_z(simulation);
  const double scale = simulation.phenotype.scale;
  for (std::size_t k = 0; k < simulation.truth.genes.size(); ++k) {
    const Eigen::VectorXd part =
        scale * simulation.truth.genes[k].beta * z.col(static_cast<Eigen::Index>(k));
    const double sd = std::sqrt((part.array() - part.mean()).square().mean());
    EXPECT_NEAR(simulation.phenotype.gene_effects[k], sd, 1e-12);
  }
  for (std::size_t t = 0; t < simulation.truth.terms.size(); ++t) {
    Eigen::VectorXd part = Eigen::VectorXd::Zero(z.rows());
    for (std::size_t g : simulation.truth.terms[t].genes) {
      part += scale * simulation.truth.genes[g].beta * z.col(static_cast<Eigen::Index>(g));
    }
    const double sd = std::sqrt((part.array() - part.mean()).square().mean());
    EXPECT_NEAR(simulation.phenotype.term_effects[t], sd, 1e-12);
  }
}

}  // namespace
}  // namespace ontonet
