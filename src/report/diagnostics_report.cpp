#include "ontonet/report/diagnostics_report.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/report/line_chart.hpp"
#include "ontonet/report/svg_document.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

// Positions 0..n-1 ordered by `value` descending (NaN last), ties in their original order.
template <typename Value>
std::vector<std::size_t> descending(std::size_t n, Value value) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double va = value(a);
    const double vb = value(b);
    if (std::isnan(va) || std::isnan(vb)) return !std::isnan(va) && std::isnan(vb);
    return va > vb;
  });
  return order;
}

const Entity& entity_at(const std::vector<Entity>& entities, std::size_t e) {
  ONTONET_CHECK(e < entities.size(), "a diagnostic names an entity that is not in the list");
  return entities[e];
}

void write_redundancy_table(const std::string& path, const std::vector<Entity>& entities,
                            const DropoutRedundancy& redundancy) {
  const std::vector<TermRedundancy>& terms = redundancy.terms;
  const std::vector<std::size_t> order =
      descending(terms.size(), [&](std::size_t i) { return terms[i].super_additivity; });
  write_file_atomically(path, [&](std::ostream& out) {
    out << "term\tname\tneurons\ttop_k\tsum_single\tsum_single_top_k\tmax_single\tjoint_top_k"
           "\tterm_knockout\tsuper_additivity\tparticipation_ratio\tsingle_share\n";
    for (std::size_t i : order) {
      const TermRedundancy& term = terms[i];
      const Entity& entity = entity_at(entities, term.entity);
      out << entity.id << '\t' << entity.name << '\t' << term.neurons.size() << '\t' << term.top_k
          << '\t' << tsv_number(term.sum_single) << '\t' << tsv_number(term.sum_single_top_k)
          << '\t' << tsv_number(term.max_single) << '\t' << tsv_number(term.joint_top_k) << '\t'
          << tsv_number(term.term_knockout) << '\t' << tsv_number(term.super_additivity) << '\t'
          << tsv_number(term.participation_ratio) << '\t' << tsv_number(term.single_share) << '\n';
    }
  });
}

void write_gradient_table(const std::string& path, const GradientFlow& flow) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "level\tneurons\tmean_gradient_norm\tzero_fraction\trelative_to_max\n";
    for (const LevelGradient& level : flow.levels) {
      out << level.level << '\t' << level.neurons << '\t' << tsv_number(level.mean_gradient_norm)
          << '\t' << tsv_number(level.zero_fraction) << '\t' << tsv_number(level.relative_to_max)
          << '\n';
    }
  });
}

// Two panels: the gradient norm per level on a log axis with the warning's threshold, and the
// fraction of exact zeros per level.
std::string gradient_figure(const GradientFlow& flow) {
  ChartSeries norm{"mean gradient norm", {}, {}, {}};
  ChartSeries zeros{"exact zeros", {}, {}, {}};
  double max_norm = 0;
  for (const LevelGradient& level : flow.levels) {
    norm.x.push_back(static_cast<double>(level.level));
    norm.y.push_back(level.mean_gradient_norm);
    zeros.x.push_back(static_cast<double>(level.level));
    zeros.y.push_back(level.zero_fraction);
    if (std::isfinite(level.mean_gradient_norm)) {
      max_norm = std::max(max_norm, level.mean_gradient_norm);
    }
  }
  LineChart norms;
  norms.title = "Gradient of the output reaching each level";
  norms.x_label = "level (0 = inputs)";
  norms.y_label = "mean L2 norm of d output / d neuron";
  norms.log_y = true;
  norms.series.push_back(std::move(norm));
  if (max_norm > 0) {
    norms.references.push_back({"warning threshold", kVanishingGradientRatio * max_norm, true, -1});
  }
  LineChart zero_panel;
  zero_panel.title = "Gradient entries that are exactly 0";
  zero_panel.x_label = "level (0 = inputs)";
  zero_panel.y_label = "fraction of (neuron, sample) entries";
  zero_panel.series.push_back(std::move(zeros));
  zero_panel.references.push_back({"warning threshold (inputs)", kDeadGradientFraction, true, -1});
  return render_line_charts({norms, zero_panel}, 2);
}

void write_collinearity_table(const std::string& path, const std::vector<Entity>& entities,
                              const Collinearity& collinearity) {
  const std::vector<EntityCollinearity>& rows = collinearity.entities;
  const std::vector<std::size_t> order =
      descending(rows.size(), [&](std::size_t i) { return rows[i].correlation_condition; });
  write_file_atomically(path, [&](std::ostream& out) {
    out << "kind\tid\tname\tfeatures\tconstant_features\tcorrelation_condition"
           "\tmax_abs_correlation\tweight_condition\twarning\ttoo_many_features\n";
    for (std::size_t i : order) {
      const EntityCollinearity& row = rows[i];
      const Entity& entity = entity_at(entities, row.entity);
      out << entity_kind_name(entity.kind) << '\t' << entity.id << '\t' << entity.name << '\t'
          << row.features.size() << '\t' << row.constant_features << '\t'
          << tsv_number(row.correlation_condition) << '\t' << tsv_number(row.max_abs_correlation)
          << '\t' << tsv_number(row.weight_condition) << '\t' << (row.warning ? 1 : 0) << '\t'
          << (row.too_many_features ? 1 : 0) << '\n';
    }
  });
}

nlohmann::json summary_json(const DropoutRedundancy* redundancy, const GradientFlow* flow,
                            const Collinearity* collinearity) {
  nlohmann::json document = {{"schema_version", 1}};
  if (redundancy != nullptr) {
    document["redundancy"] = {
        {"terms", redundancy->terms.size()},
        {"median_super_additivity", json_number(redundancy->median_super_additivity)},
        {"median_participation_ratio", json_number(redundancy->median_participation_ratio)},
        {"median_single_share", json_number(redundancy->median_single_share)},
        {"redundant_terms", redundancy->redundant_terms},
        {"redundant_threshold", kRedundantSuperAdditivity}};
  }
  if (flow != nullptr) {
    document["gradient_flow"] = {
        {"levels", flow->levels.size()},
        {"samples", flow->samples},
        {"saliency_blind_samples", flow->saliency_blind_samples},
        {"saliency_blind_fraction", json_number(flow->saliency_blind_fraction)},
        {"warning", flow->warning}};
  }
  if (collinearity != nullptr) {
    document["collinearity"] = {{"entities", collinearity->entities.size()},
                                {"warnings", collinearity->warnings},
                                {"max_condition", json_number(collinearity->max_condition)},
                                {"too_many_features", collinearity->too_many_features},
                                {"max_features", collinearity->max_features}};
  }
  return document;
}

}  // namespace

std::vector<std::string> write_diagnostics_report(const std::string& folder,
                                                  const std::vector<Entity>& entities,
                                                  const DropoutRedundancy* redundancy,
                                                  const GradientFlow* flow,
                                                  const Collinearity* collinearity) {
  std::vector<std::string> written;
  const auto file = [&](const std::string& name) {
    written.push_back(folder + "/" + name);
    return written.back();
  };
  if (redundancy != nullptr) write_redundancy_table(file("redundancy.tsv"), entities, *redundancy);
  if (flow != nullptr) {
    write_gradient_table(file("gradient_flow.tsv"), *flow);
    write_svg(file("gradient_flow.svg"), gradient_figure(*flow));
  }
  if (collinearity != nullptr) {
    write_collinearity_table(file("collinearity.tsv"), entities, *collinearity);
  }
  if (redundancy != nullptr || flow != nullptr || collinearity != nullptr) {
    const std::string text = summary_json(redundancy, flow, collinearity).dump(1) + "\n";
    write_file_atomically(file("diagnostics.json"), [&](std::ostream& out) { out << text; });
  }
  return written;
}

}  // namespace ontonet
