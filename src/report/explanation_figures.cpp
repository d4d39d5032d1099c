#include "explanation_figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/report/bar_chart.hpp"
#include "ontonet/report/dag_figure.hpp"
#include "ontonet/report/heat_map.hpp"
#include "ontonet/report/manhattan_plot.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet::detail {

namespace {

// The name is cut, not the ID, so that a long name never hides which term a bar is.
std::string entity_label(const Entity& entity) {
  return entity.name.empty() ? entity.id
                             : truncated_label(entity.name, 22) + " (" + entity.id + ")";
}

std::string score_caption(const MethodResult& method) {
  return std::string(explain_method_name(method.method)) + " score";
}

// The direction of an entity's effect, for methods whose signed score has one (a gene that raises
// the prediction is a different finding from one that lowers it); null for the others.
const char* sign_group(ExplainMethod method, double signed_score) {
  if (!std::isfinite(signed_score)) return nullptr;
  switch (method) {
    case ExplainMethod::kWeightPaths:
    case ExplainMethod::kGradientInput:
    case ExplainMethod::kIntegratedGradients:
    case ExplainMethod::kDeepLift:
      return signed_score >= 0 ? "raises the output" : "lowers the output";
    case ExplainMethod::kKnockout:
      return signed_score >= 0 ? "knockout raises the output" : "knockout lowers the output";
    default:
      return nullptr;
  }
}

// Bars for the top entities of one kind, or an empty string when the method scores none.
std::string top_bar_chart(const Explanation& explanation, const MethodResult& method,
                          EntityKind kind, std::size_t n_bars) {
  std::vector<std::size_t> ranked = ranked_entities(explanation, method, kind);
  if (ranked.empty()) return "";
  if (ranked.size() > n_bars) ranked.resize(n_bars);
  BarChart chart;
  chart.title = "Top " + std::to_string(ranked.size()) + " " + entity_kind_name(kind) + "s by " +
                explain_method_name(method.method) + " (" + explanation.samples + ")";
  chart.x_label = score_caption(method);
  for (std::size_t e : ranked) {
    chart.labels.push_back(entity_label(explanation.entities.entities[e]));
    chart.values.push_back(method.scores[e]);
    const char* direction = sign_group(method.method, method.signed_scores[e]);
    if (direction != nullptr) chart.groups.push_back(direction);
  }
  if (chart.groups.size() != chart.labels.size()) chart.groups.clear();
  chart.legend_order = {"raises the output", "lowers the output", "knockout raises the output",
                        "knockout lowers the output"};
  return render_bar_chart(chart);
}

// The top terms and their direct parents, with the network's term edges among them.
DagFigure term_dag(const Explanation& explanation, const MethodResult& method,
                   std::size_t n_terms) {
  std::vector<std::size_t> top = ranked_entities(explanation, method, EntityKind::kTerm);
  if (top.size() > n_terms) top.resize(n_terms);
  std::set<std::size_t> chosen(top.begin(), top.end());
  for (const auto& [parent, child] : explanation.term_edges) {
    if (std::find(top.begin(), top.end(), child) != top.end()) {
      chosen.insert(parent);
    }
  }
  DagFigure figure;
  figure.title = "Top " + std::to_string(top.size()) + " terms by " +
                 explain_method_name(method.method) + " and their parents";
  figure.score_label = score_caption(method);
  std::map<std::size_t, std::size_t> node_of;
  for (std::size_t e : chosen) {
    const Entity& entity = explanation.entities.entities[e];
    node_of[e] = figure.nodes.size();
    figure.nodes.push_back({entity.id, entity.name, method.scores[e]});
  }
  for (const auto& [parent, child] : explanation.term_edges) {
    const auto p = node_of.find(parent);
    const auto c = node_of.find(child);
    if (p != node_of.end() && c != node_of.end()) figure.edges.emplace_back(p->second, c->second);
  }
  return figure;
}

std::string agreement_figure(const Explanation& explanation, EntityKind kind) {
  HeatMap map;
  map.title = std::string("Agreement between methods: Spearman correlation of ") +
              entity_kind_name(kind) + " scores";
  for (const MethodResult& method : explanation.methods) {
    map.row_labels.push_back(explain_method_name(method.method));
  }
  map.column_labels = map.row_labels;
  map.values = method_agreement(explanation, kind);
  map.min = -1;
  map.max = 1;
  map.diverging = true;
  return render_heat_map(map);
}

bool scores_kind(const Explanation& explanation, EntityKind kind) {
  for (const MethodResult& method : explanation.methods) {
    if (!ranked_entities(explanation, method, kind).empty()) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> write_explanation_figures(const std::string& folder,
                                                   const Explanation& explanation,
                                                   const ExplanationReportOptions& options) {
  const MethodResult& method = figure_method(explanation, options);
  std::vector<std::string> written;
  const auto write = [&](const std::string& name, const std::string& content, bool svg) {
    if (content.empty()) return;
    written.push_back(folder + "/" + name);
    if (svg) {
      write_svg(written.back(), content);
    } else {
      write_file_atomically(written.back(), [&](std::ostream& out) { out << content; });
    }
  };
  write("top_terms.svg", top_bar_chart(explanation, method, EntityKind::kTerm, options.top_bars),
        true);
  write("top_genes.svg", top_bar_chart(explanation, method, EntityKind::kGene, options.top_bars),
        true);
  if (!ranked_entities(explanation, method, EntityKind::kTerm).empty()) {
    const DagFigure dag = term_dag(explanation, method, options.dag_terms);
    write("term_dag.svg", render_dag_figure(dag), true);
    write("term_dag.dot", dag_figure_dot(dag), false);
  }
  if (explanation.methods.size() >= 2) {
    const EntityKind kind =
        scores_kind(explanation, EntityKind::kTerm) ? EntityKind::kTerm : EntityKind::kGene;
    write("agreement.svg", agreement_figure(explanation, kind), true);
  }
  if (!options.feature_positions.empty()) {
    ManhattanPlot plot;
    plot.title = "Input importance by genome position (" +
                 std::string(explain_method_name(method.method)) + ")";
    plot.y_label = score_caption(method);
    const std::vector<Entity>& entities = explanation.entities.entities;
    for (std::size_t e = 0; e < entities.size(); ++e) {
      if (entities[e].kind != EntityKind::kFeature) continue;
      const auto position = options.feature_positions.find(entities[e].id);
      if (position == options.feature_positions.end()) continue;
      plot.points.push_back({position->second.chromosome, position->second.position,
                             method.scores[e], entities[e].id});
    }
    const bool any_score =
        std::any_of(plot.points.begin(), plot.points.end(),
                    [](const ManhattanPoint& p) { return std::isfinite(p.score); });
    if (any_score) write("manhattan.svg", render_manhattan_plot(plot), true);
  }
  return written;
}

std::string render_stability_figure(const std::vector<MethodStability>& stability) {
  std::vector<std::string> methods;
  for (const MethodStability& entry : stability) {
    const std::string name = explain_method_name(entry.method);
    if (std::find(methods.begin(), methods.end(), name) == methods.end()) methods.push_back(name);
  }
  std::size_t term_k = 0;
  std::size_t gene_k = 0;
  for (const MethodStability& entry : stability) {
    (entry.kind == EntityKind::kTerm ? term_k : gene_k) = entry.top_k;
  }
  HeatMap map;
  map.title = "Rank stability across seeds";
  map.row_labels = methods;
  map.column_labels = {"terms: Spearman", "terms: top-" + std::to_string(term_k) + " overlap",
                       "genes: Spearman", "genes: top-" + std::to_string(gene_k) + " overlap"};
  map.values = Eigen::MatrixXd::Constant(static_cast<Index>(methods.size()), 4,
                                         std::numeric_limits<double>::quiet_NaN());
  for (const MethodStability& entry : stability) {
    const auto row = static_cast<Index>(
        std::find(methods.begin(), methods.end(), explain_method_name(entry.method)) -
        methods.begin());
    const Index column = entry.kind == EntityKind::kTerm ? 0 : 2;
    map.values(row, column) = entry.mean_spearman;
    map.values(row, column + 1) = entry.mean_top_overlap;
  }
  map.min = -1;
  map.max = 1;
  map.diverging = true;
  return render_heat_map(map);
}

}  // namespace ontonet::detail
