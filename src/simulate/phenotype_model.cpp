#include "ontonet/simulate/phenotype_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// Over the samples, divided by n.
double variance_of(const std::vector<double>& values) {
  const double mean = mean_of(values);
  double sum = 0.0;
  for (double value : values) sum += (value - mean) * (value - mean);
  return sum / static_cast<double>(values.size());
}

// summand values for every sample: beta * product of the z of its genes. z: [samples, genes].
std::vector<double> summand_values(const Eigen::MatrixXd& z, const SignalSummand& summand) {
  std::vector<double> values(static_cast<std::size_t>(z.rows()), summand.beta);
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t gene : summand.genes) {
      values[i] *= z(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(gene));
    }
  }
  return values;
}

void add_to(std::vector<double>& total, const std::vector<double>& values) {
  for (std::size_t i = 0; i < total.size(); ++i) total[i] += values[i];
}

// The top n_cases liabilities become cases.
void assign_cases(SimulatedPhenotype& phenotype, double prevalence) {
  const std::size_t n = phenotype.liability.size();
  phenotype.n_cases = static_cast<std::size_t>(std::round(prevalence * static_cast<double>(n)));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  const std::vector<double>& liability = phenotype.liability;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return liability[a] != liability[b] ? liability[a] > liability[b] : a < b;
  });
  phenotype.labels.assign(n, 0);
  for (std::size_t k = 0; k < phenotype.n_cases; ++k) phenotype.labels[order[k]] = 1;
  phenotype.threshold =
      0.5 * (liability[order[phenotype.n_cases - 1]] + liability[order[phenotype.n_cases]]);
}

}  // namespace

std::vector<SignalSummand> signal_summands(const CausalTruth& truth, PhenotypeModel model) {
  std::vector<SignalSummand> summands;
  const auto beta = [&](std::size_t gene) { return truth.genes[gene].beta; };
  switch (model) {
    case PhenotypeModel::kAdditive:
      for (std::size_t g = 0; g < truth.genes.size(); ++g) summands.push_back({{g}, beta(g)});
      break;
    case PhenotypeModel::kWithinTermInteraction:
      for (const CausalTerm& term : truth.terms) {
        for (std::size_t a = 0; a < term.genes.size(); ++a) {
          for (std::size_t b = a + 1; b < term.genes.size(); ++b) {
            const std::size_t g = term.genes[a];
            const std::size_t h = term.genes[b];
            summands.push_back({{g, h}, beta(g) * beta(h)});
          }
        }
      }
      break;
    case PhenotypeModel::kAcrossTermInteraction:
      for (std::size_t s = 0; s < truth.terms.size(); ++s) {
        for (std::size_t t = s + 1; t < truth.terms.size(); ++t) {
          for (std::size_t g : truth.terms[s].genes) {
            for (std::size_t h : truth.terms[t].genes) {
              summands.push_back({{g, h}, beta(g) * beta(h)});
            }
          }
        }
      }
      break;
  }
  return summands;
}

SimulatedPhenotype simulate_phenotype(const Eigen::MatrixXd& z, const CausalTruth& truth,
                                      const SimulationOptions& options, RandomStream& noise) {
  ONTONET_CHECK(z.cols() == static_cast<Eigen::Index>(truth.genes.size()),
                "one column of z per causal gene");
  const std::size_t n = static_cast<std::size_t>(z.rows());
  const double h2 = options.heritability;
  SimulatedPhenotype phenotype;
  phenotype.summands = signal_summands(truth, options.model);

  // Each summand's values once: their sum is the raw signal, and their sums per gene and term
  // give the importances.
  std::vector<std::vector<double>> values;
  std::vector<double> raw(n, 0.0);
  for (const SignalSummand& summand : phenotype.summands) {
    values.push_back(summand_values(z, summand));
    add_to(raw, values.back());
  }
  phenotype.raw_mean = mean_of(raw);
  phenotype.raw_variance = variance_of(raw);
  if (h2 > 0.0 && !(phenotype.raw_variance > 0.0)) {
    throw ConfigError("--samples",
                      "the causal genes' signal does not vary over the " + std::to_string(n) +
                          " samples, so no heritability can be planted; draw more samples or "
                          "choose another --seed");
  }
  phenotype.scale = h2 > 0.0 ? std::sqrt(h2 / phenotype.raw_variance) : 0.0;
  phenotype.signal.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    phenotype.signal[i] = phenotype.scale * (raw[i] - phenotype.raw_mean);
  }

  const double noise_sd = std::sqrt(1.0 - h2);
  phenotype.noise.resize(n);
  phenotype.liability.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    phenotype.noise[i] = noise_sd * noise.normal();
    phenotype.liability[i] = phenotype.signal[i] + phenotype.noise[i];
  }
  phenotype.signal_variance = variance_of(phenotype.signal);
  phenotype.noise_variance = variance_of(phenotype.noise);
  phenotype.realized_heritability = phenotype.signal_variance / variance_of(phenotype.liability);
  if (options.task == SimulatedTask::kBinary) assign_cases(phenotype, options.prevalence);

  const auto component_sd = [&](const auto& involves) {
    std::vector<double> component(n, 0.0);
    for (std::size_t k = 0; k < phenotype.summands.size(); ++k) {
      if (involves(phenotype.summands[k])) add_to(component, values[k]);
    }
    return phenotype.scale * std::sqrt(variance_of(component));
  };
  for (std::size_t g = 0; g < truth.genes.size(); ++g) {
    phenotype.gene_effects.push_back(component_sd([g](const SignalSummand& summand) {
      return std::find(summand.genes.begin(), summand.genes.end(), g) != summand.genes.end();
    }));
  }
  for (std::size_t t = 0; t < truth.terms.size(); ++t) {
    phenotype.term_effects.push_back(component_sd([&truth, t](const SignalSummand& summand) {
      return std::any_of(summand.genes.begin(), summand.genes.end(),
                         [&](std::size_t g) { return truth.genes[g].causal_term == t; });
    }));
  }
  return phenotype;
}

}  // namespace ontonet
