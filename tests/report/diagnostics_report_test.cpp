// The diagnostics report from hand-made results: every TSV line is spelled out, sorted as
// documented (most super-additive and most ill-conditioned first, NaN last), the figure is
// well-formed and the summaries land in diagnostics.json; a diagnostic that was not computed writes
// no file.
#include "ontonet/report/diagnostics_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<Entity> hand_entities() {
  std::vector<Entity> entities(5);
  entities[0] = {EntityKind::kFeature, "f1", "", 0, {0}, {0}, {}};
  entities[1] = {EntityKind::kGene, "G1", "", 0, {0, 1}, {0, 1}, {}};
  entities[2] = {EntityKind::kTerm, "T1", "alpha", 1, {2, 3}, {2, 3}, {0}};
  entities[3] = {EntityKind::kTerm, "T2", "", 1, {4, 5}, {4, 5}, {1}};
  entities[4] = {EntityKind::kTerm, "T3", "gamma", 2, {6, 7, 8}, {6, 7, 8}, {2, 3}};
  return entities;
}

TermRedundancy term(std::size_t entity, std::vector<Index> neurons, double super_additivity) {
  TermRedundancy result;
  result.entity = entity;
  result.neurons = std::move(neurons);
  result.top_k = static_cast<Index>(result.neurons.size());
  result.sum_single = 0.5;
  result.sum_single_top_k = 0.25;
  result.max_single = 0.125;
  result.joint_top_k = 0.75;
  result.term_knockout = 1.0 / 3.0;
  result.super_additivity = super_additivity;
  result.participation_ratio = 2;
  result.single_share = 1.0 / 6.0;
  return result;
}

DropoutRedundancy hand_redundancy() {
  DropoutRedundancy redundancy;
  redundancy.terms = {term(2, {2, 3}, 1.25), term(3, {4, 5}, kNaN), term(4, {6, 7, 8}, 3)};
  redundancy.median_super_additivity = 2.125;
  redundancy.median_participation_ratio = 2;
  redundancy.median_single_share = 1.0 / 6.0;
  redundancy.redundant_terms = 1;
  return redundancy;
}

GradientFlow hand_flow() {
  GradientFlow flow;
  flow.levels = {{0, 2, 1e-4, 0.5, 1e-4}, {1, 0, kNaN, kNaN, kNaN}, {2, 1, 1, 0, 1}};
  flow.samples = 3;
  flow.saliency_blind_samples = 1;
  flow.saliency_blind_fraction = 1.0 / 3.0;
  flow.warning = "input gradients vanish";
  return flow;
}

EntityCollinearity row(std::size_t entity, Index features, double condition, bool warning) {
  EntityCollinearity result;
  result.entity = entity;
  for (Index f = 0; f < features; ++f) result.features.push_back(f);
  result.constant_features = 1;
  result.correlation_condition = condition;
  result.max_abs_correlation = 0.5;
  result.weight_condition = 2;
  result.warning = warning;
  return result;
}

Collinearity hand_collinearity() {
  Collinearity collinearity;
  collinearity.entities = {row(1, 2, 9, false), row(2, 3, kInf, true), row(3, 2, kNaN, false),
                           row(4, 4, 1.5, false)};
  collinearity.entities[2].too_many_features = true;
  collinearity.max_condition = 1000;
  collinearity.max_features = 2000;
  collinearity.warnings = 1;
  collinearity.too_many_features = 1;
  return collinearity;
}

std::vector<std::string> file_names(const std::vector<std::string>& paths) {
  std::vector<std::string> names;
  for (const std::string& path : paths) {
    names.push_back(std::filesystem::path(path).filename().string());
  }
  return names;
}

TEST(DiagnosticsReport, WritesEveryTableSortedAndTheSummaries) {
  const test::ScratchDir dir("diagnostics");
  const std::vector<Entity> entities = hand_entities();
  const DropoutRedundancy redundancy = hand_redundancy();
  const GradientFlow flow = hand_flow();
  const Collinearity collinearity = hand_collinearity();
  const std::vector<std::string> written =
      write_diagnostics_report(dir.path(), entities, &redundancy, &flow, &collinearity);
  EXPECT_EQ(file_names(written),
            (std::vector<std::string>{"redundancy.tsv", "gradient_flow.tsv", "gradient_flow.svg",
                                      "collinearity.tsv", "diagnostics.json"}));

  EXPECT_EQ(test::read_text(dir.path("redundancy.tsv")),
            "term\tname\tneurons\ttop_k\tsum_single\tsum_single_top_k\tmax_single\tjoint_top_k"
            "\tterm_knockout\tsuper_additivity\tparticipation_ratio\tsingle_share\n"
            "T3\tgamma\t3\t3\t0.5\t0.25\t0.125\t0.75\t0.333333333\t3\t2\t0.166666667\n"
            "T1\talpha\t2\t2\t0.5\t0.25\t0.125\t0.75\t0.333333333\t1.25\t2\t0.166666667\n"
            "T2\t\t2\t2\t0.5\t0.25\t0.125\t0.75\t0.333333333\tNA\t2\t0.166666667\n");

  EXPECT_EQ(test::read_text(dir.path("gradient_flow.tsv")),
            "level\tneurons\tmean_gradient_norm\tzero_fraction\trelative_to_max\n"
            "0\t2\t0.0001\t0.5\t0.0001\n"
            "1\t0\tNA\tNA\tNA\n"
            "2\t1\t1\t0\t1\n");

  EXPECT_EQ(test::read_text(dir.path("collinearity.tsv")),
            "kind\tid\tname\tfeatures\tconstant_features\tcorrelation_condition"
            "\tmax_abs_correlation\tweight_condition\twarning\ttoo_many_features\n"
            "term\tT1\talpha\t3\t1\tinf\t0.5\t2\t1\t0\n"
            "gene\tG1\t\t2\t1\t9\t0.5\t2\t0\t0\n"
            "term\tT3\tgamma\t4\t1\t1.5\t0.5\t2\t0\t0\n"
            "term\tT2\t\t2\t1\tNA\t0.5\t2\t0\t1\n");

  const nlohmann::json summary =
      nlohmann::json::parse(test::read_text(dir.path("diagnostics.json")));
  EXPECT_EQ(summary["schema_version"], 1);
  EXPECT_EQ(summary["redundancy"]["terms"], 3);
  EXPECT_EQ(summary["redundancy"]["median_super_additivity"], 2.125);
  EXPECT_EQ(summary["redundancy"]["redundant_terms"], 1);
  EXPECT_EQ(summary["redundancy"]["redundant_threshold"], 1.5);
  EXPECT_EQ(summary["gradient_flow"]["saliency_blind_samples"], 1);
  EXPECT_DOUBLE_EQ(summary["gradient_flow"]["saliency_blind_fraction"].get<double>(), 1.0 / 3.0);
  EXPECT_EQ(summary["gradient_flow"]["warning"], "input gradients vanish");
  EXPECT_EQ(summary["collinearity"]["warnings"], 1);
  EXPECT_EQ(summary["collinearity"]["max_condition"], 1000.0);
  EXPECT_EQ(summary["collinearity"]["too_many_features"], 1);
  EXPECT_EQ(summary["collinearity"]["max_features"], 2000);
}

// Levels 0 and 2 are drawn (level 1 has no neurons), the norm on a log axis with the warning's
// threshold at 1e-3 of the largest norm, and the zero fractions in a second panel.
TEST(DiagnosticsReport, GradientFigureIsWellFormedAndShowsBothPanels) {
  const test::ScratchDir dir("diagnostics-svg");
  const GradientFlow flow = hand_flow();
  write_diagnostics_report(dir.path(), {}, nullptr, &flow, nullptr);
  const test::ParsedSvg svg = test::parse_svg(test::read_text(dir.path("gradient_flow.svg")));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_NE(test::find_text(svg, "Gradient of the output reaching each level"), nullptr);
  EXPECT_NE(test::find_text(svg, "Gradient entries that are exactly 0"), nullptr);
  EXPECT_NE(test::find_text(svg, "warning threshold"), nullptr);
  // Two norm points and two zero-fraction points, and each series' marker in its legend.
  EXPECT_EQ(test::elements_named(svg, "circle").size(), 6u);
}

TEST(DiagnosticsReport, WritesOnlyTheDiagnosticsGiven) {
  const test::ScratchDir dir("diagnostics-some");
  const std::vector<Entity> entities = hand_entities();
  const Collinearity collinearity = hand_collinearity();
  const std::vector<std::string> written =
      write_diagnostics_report(dir.path(), entities, nullptr, nullptr, &collinearity);
  EXPECT_EQ(file_names(written),
            (std::vector<std::string>{"collinearity.tsv", "diagnostics.json"}));
  EXPECT_FALSE(std::filesystem::exists(dir.path("redundancy.tsv")));
  EXPECT_FALSE(std::filesystem::exists(dir.path("gradient_flow.tsv")));
  const nlohmann::json summary =
      nlohmann::json::parse(test::read_text(dir.path("diagnostics.json")));
  EXPECT_FALSE(summary.contains("redundancy"));
  EXPECT_TRUE(summary.contains("collinearity"));

  const test::ScratchDir empty("diagnostics-none");
  EXPECT_TRUE(write_diagnostics_report(empty.path(), entities, nullptr, nullptr, nullptr).empty());
}

TEST(DiagnosticsReport, UnwritableFolderIsAnInputErrorNamingTheFile) {
  const Collinearity collinearity = hand_collinearity();
  try {
    write_diagnostics_report("/nonexistent/diagnostics", hand_entities(), nullptr, nullptr,
                             &collinearity);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/diagnostics/collinearity.tsv"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace ontonet
