// The theory of constrained versus dense training loss, checked where the optimum has a closed
// form: a linear model with masked connections. The orderings must hold to rounding.
#include "ontonet/train/masked_least_squares.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <map>
#include <random>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/delimited_matrix_reader.hpp"
#include "ontonet/io/gaf_reader.hpp"
#include "ontonet/io/obo_reader.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"
#include "ontonet/io/phenotype_reader.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/train/training_data.hpp"

namespace ontonet {
namespace {

constexpr double kRelative = 1e-9;
const std::vector<double> kPenalties{1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4};

Eigen::MatrixXd random_normal(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(generator);
  return m;
}

ConnectionMask random_mask(Eigen::Index outputs, Eigen::Index features, double density,
                           std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  ConnectionMask mask(outputs, features);
  for (Eigen::Index i = 0; i < mask.size(); ++i) mask.data()[i] = uniform(generator) < density;
  return mask;
}

// L(masked, penalty) >= L(masked, 0) >= L(dense, 0) and non-decreasing in the penalty, to 1e-9
// relative.
void expect_theory_holds(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                         const ConnectionMask& mask) {
  const ConnectionMask all = ConnectionMask::Constant(mask.rows(), mask.cols(), true);
  const double dense = fit_masked_least_squares(x, y, all, 0.0).training_loss;
  const double masked = fit_masked_least_squares(x, y, mask, 0.0).training_loss;
  EXPECT_GE(masked, dense * (1 - kRelative));
  double previous = masked;
  for (double penalty : kPenalties) {
    const double loss = fit_masked_least_squares(x, y, mask, penalty).training_loss;
    EXPECT_GE(loss, previous * (1 - kRelative)) << "penalty " << penalty;
    previous = loss;
  }
  EXPECT_GT(previous, masked);  // a penalty of 1e4 is felt
}

TEST(MaskedLeastSquares, OrderingHoldsOnRandomWiring) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Eigen::MatrixXd x = random_normal(60, 12, seed);
    const Eigen::MatrixXd y =
        x * random_normal(12, 4, seed + 100) + random_normal(60, 4, seed + 200);
    expect_theory_holds(x, y, random_mask(4, 12, 0.4, seed + 300));
  }
}

TEST(MaskedLeastSquares, DenseFitInterpolatesWhenFeaturesOutnumberSamples) {
  const Eigen::MatrixXd x = random_normal(10, 30, 7);
  const Eigen::MatrixXd y = random_normal(10, 2, 8);
  const ConnectionMask all = ConnectionMask::Constant(2, 30, true);
  EXPECT_LT(fit_masked_least_squares(x, y, all, 0.0).training_loss, 1e-20);
  expect_theory_holds(x, y, random_mask(2, 30, 0.2, 9));
}

TEST(MaskedLeastSquares, SolvesThePenalizedNormalEquationsOnTheAllowedColumns) {
  const Eigen::MatrixXd x = random_normal(20, 5, 11);
  const Eigen::MatrixXd y = random_normal(20, 2, 12);
  ConnectionMask mask(2, 5);
  mask << true, false, true, true, false,  //
      false, true, false, false, true;
  const double penalty = 0.7;
  const MaskedLinearFit fit = fit_masked_least_squares(x, y, mask, penalty);
  for (Eigen::Index k = 0; k < 2; ++k) {
    // Stationarity, written on the uncentered data with the intercept: the residual sums to zero
    // and X_S^T r = penalty * w_S on the allowed columns; forbidden weights are exactly zero.
    const Eigen::VectorXd residual = y.col(k) - x * fit.weights.row(k).transpose() -
                                     Eigen::VectorXd::Constant(20, fit.intercepts[k]);
    EXPECT_NEAR(residual.sum(), 0.0, 1e-10);
    for (Eigen::Index j = 0; j < 5; ++j) {
      if (mask(k, j)) {
        EXPECT_NEAR(x.col(j).dot(residual), penalty * fit.weights(k, j), 1e-10);
      } else {
        EXPECT_EQ(fit.weights(k, j), 0.0);
      }
    }
  }
}

TEST(MaskedLeastSquares, OrderingHoldsOnTheExampleOntologysWiring) {
  // Outputs: the 13 example terms, each regressing the example phenotype on the expression of the
  // genes it holds (true path); features: the 39 genes of the expression matrix.
  OntologyRecords records = read_obo(test::source_path("ontologies/example/example.obo"));
  records.merge(read_gaf(test::source_path("ontologies/example/example.gaf")));
  BuildReport report;
  const Ontology ontology = build_ontology(records, {}, report);
  const SampleMatrix expression =
      read_delimited_matrix(test::source_path("ontologies/example/example_expression.tsv"));
  PhenotypeTableSpec spec;
  spec.sample_id_column = "sample";
  spec.phenotypes = {{"phenotype", PhenotypeKind::kContinuous, ""}};
  const PhenotypeTable table =
      read_phenotypes(test::source_path("ontologies/example/example_phenotypes.tsv"), spec);
  ASSERT_EQ(table.sample_ids, expression.sample_ids);

  std::map<std::string, Eigen::Index> column_of;
  for (std::size_t j = 0; j < expression.feature_ids.size(); ++j) {
    column_of[expression.feature_ids[j]] = static_cast<Eigen::Index>(j);
  }
  const auto n_terms = static_cast<Eigen::Index>(ontology.n_terms());
  ConnectionMask mask = ConnectionMask::Constant(n_terms, expression.values.cols(), false);
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    for (GeneIndex g : ontology.genes(t)) {
      mask(static_cast<Eigen::Index>(t), column_of.at(ontology.gene_symbol(g))) = true;
    }
  }
  const Eigen::MatrixXd x = expression.values.cast<double>();
  Eigen::MatrixXd y(x.rows(), n_terms);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    y.row(i).setConstant(table.columns[0].values[static_cast<std::size_t>(i)]);
  }
  expect_theory_holds(x, y, mask);
  // The planted signal lies in two terms, so the wiring costs the other terms training loss.
  const ConnectionMask all = ConnectionMask::Constant(n_terms, x.cols(), true);
  EXPECT_GT(fit_masked_least_squares(x, y, mask, 0.0).training_loss,
            1.5 * fit_masked_least_squares(x, y, all, 0.0).training_loss);
}

TEST(MaskedLeastSquares, OrderingHoldsOnTheNestOntologysWiringOfRealMutations) {
  // Real wiring on real data: NeST-VNN's 1,316 training responses regressed on the mutation status
  // of its 718 genes (fewer features than samples, so the dense fit does not interpolate), one
  // output per NeST term of at most 40 genes, each allowed only its own genes' mutations.
  DataOptions options;
  options.format = "nest_vnn";
  options.folder = test::shared_data("nest_vnn");
  options.channels = {"mutation"};
  options.responses = test::shared_data("nest_vnn/training_data.txt");
  const TrainingSet data = load_training_data(options);
  std::vector<std::size_t> rows(data.sample_ids.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  Matrix<float> features;
  data.features->fill(rows, features);
  const Eigen::MatrixXd x = features.transpose().cast<double>();
  ASSERT_LT(x.cols(), x.rows());

  BuildReport report;
  const Ontology ontology = build_ontology(
      read_parent_child_type(test::shared_data("nest_vnn/ontology.txt")), {}, report);
  std::map<std::string, Eigen::Index> column_of;
  for (std::size_t j = 0; j < data.features->feature_ids().size(); ++j) {
    const std::string& id = data.features->feature_ids()[j];
    column_of[id.substr(0, id.find(':'))] = static_cast<Eigen::Index>(j);
  }
  std::vector<TermIndex> terms;
  for (TermIndex t = 0; t < ontology.n_terms(); ++t) {
    if (ontology.genes(t).size() <= 40) terms.push_back(t);
  }
  ASSERT_GT(terms.size(), 20u);
  const auto n_outputs = static_cast<Eigen::Index>(terms.size());
  ConnectionMask mask = ConnectionMask::Constant(n_outputs, x.cols(), false);
  for (Eigen::Index k = 0; k < n_outputs; ++k) {
    for (GeneIndex g : ontology.genes(terms[static_cast<std::size_t>(k)])) {
      const auto found = column_of.find(ontology.gene_symbol(g));
      if (found != column_of.end()) mask(k, found->second) = true;
    }
  }
  Eigen::MatrixXd y(x.rows(), n_outputs);
  for (Eigen::Index i = 0; i < x.rows(); ++i) y.row(i).setConstant(data.targets(0, i));

  // Every output has the same target, so the dense optimum of one output is every output's.
  const double dense =
      fit_masked_least_squares(x, y.leftCols(1), ConnectionMask::Constant(1, x.cols(), true), 0.0)
          .training_loss;
  double previous = fit_masked_least_squares(x, y, mask, 0.0).training_loss;
  EXPECT_GT(previous, dense * 1.05);  // a few dozen genes explain less than all 718
  for (double penalty : kPenalties) {
    const double loss = fit_masked_least_squares(x, y, mask, penalty).training_loss;
    EXPECT_GE(loss, previous * (1 - kRelative)) << "penalty " << penalty;
    previous = loss;
  }
}

TEST(MaskedLeastSquares, RejectsMismatchedShapesAndBadPenalties) {
  const Eigen::MatrixXd x = random_normal(5, 3, 1);
  const Eigen::MatrixXd y = random_normal(5, 2, 2);
  EXPECT_THROW(fit_masked_least_squares(x, y, ConnectionMask::Constant(3, 3, true), 0.0),
               ConfigError);
  EXPECT_THROW(fit_masked_least_squares(x, y, ConnectionMask::Constant(2, 3, true), -1.0),
               ConfigError);
  EXPECT_THROW(fit_masked_least_squares(x, random_normal(4, 2, 3),
                                        ConnectionMask::Constant(2, 3, true), 0.0),
               ConfigError);
}

}  // namespace
}  // namespace ontonet
