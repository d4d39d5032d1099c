#include "ontonet/report/explanation_report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "explanation_figures.hpp"
#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/report/svg_document.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

// Terms first, then genes, then features; within a kind by rank; unranked entities last.
std::vector<std::size_t> table_order(const Explanation& explanation, const MethodResult& method) {
  std::vector<std::size_t> order;
  for (EntityKind kind : {EntityKind::kTerm, EntityKind::kGene, EntityKind::kFeature}) {
    const std::vector<std::size_t> ranked = ranked_entities(explanation, method, kind);
    order.insert(order.end(), ranked.begin(), ranked.end());
  }
  return order;
}

void write_method_table(const std::string& path, const Explanation& explanation,
                        const MethodResult& method) {
  const std::vector<Entity>& entities = explanation.entities.entities;
  const std::vector<std::size_t> ranks = entity_ranks(explanation, method);
  write_file_atomically(path, [&](std::ostream& out) {
    out << "kind\tid\tname\tlevel\tscore\trank\tsigned_score";
    for (const auto& [name, values] : method.extra_columns) out << "\t" << name;
    out << "\n";
    for (std::size_t e : table_order(explanation, method)) {
      const Entity& entity = entities[e];
      out << entity_kind_name(entity.kind) << "\t" << entity.id << "\t" << entity.name << "\t"
          << entity.level << "\t" << tsv_number(method.scores[e]) << "\t" << ranks[e] << "\t"
          << tsv_number(method.signed_scores[e]);
      for (const auto& [name, values] : method.extra_columns) out << "\t" << tsv_number(values[e]);
      out << "\n";
    }
  });
}

void write_per_sample_table(const std::string& path, const Explanation& explanation,
                            const MethodResult& method) {
  const std::vector<Entity>& entities = explanation.entities.entities;
  write_file_atomically(path, [&](std::ostream& out) {
    out << "kind\tid";
    for (const std::string& sample : explanation.sample_ids) out << "\t" << sample;
    out << "\n";
    for (std::size_t e = 0; e < entities.size(); ++e) {
      out << entity_kind_name(entities[e].kind) << "\t" << entities[e].id;
      for (Index j = 0; j < method.per_sample.cols(); ++j) {
        out << "\t" << tsv_number(method.per_sample(static_cast<Index>(e), j));
      }
      out << "\n";
    }
  });
}

nlohmann::json method_json(const Explanation& explanation, const MethodResult& method) {
  const std::vector<Entity>& entities = explanation.entities.entities;
  const std::vector<std::size_t> ranks = entity_ranks(explanation, method);
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& [name, value] : method.checks) checks[name] = json_number(value);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t e : table_order(explanation, method)) {
    nlohmann::json row = {{"kind", entity_kind_name(entities[e].kind)},
                          {"id", entities[e].id},
                          {"name", entities[e].name},
                          {"level", entities[e].level},
                          {"score", json_number(method.scores[e])},
                          {"rank", ranks[e]},
                          {"signed_score", json_number(method.signed_scores[e])}};
    for (const auto& [name, values] : method.extra_columns) row[name] = json_number(values[e]);
    rows.push_back(std::move(row));
  }
  return {{"definition", method.definition},
          {"seconds", json_number(method.seconds)},
          {"checks", checks},
          {"entities", rows}};
}

void write_explanations_json(const std::string& path, const Explanation& explanation) {
  nlohmann::json methods = nlohmann::json::object();
  for (const MethodResult& method : explanation.methods) {
    methods[explain_method_name(method.method)] = method_json(explanation, method);
  }
  const nlohmann::json document = {{"schema_version", 1},
                                   {"model", explanation.model},
                                   {"samples", explanation.samples},
                                   {"n_samples", explanation.sample_ids.size()},
                                   {"baseline", explanation.baseline},
                                   {"output", explanation.output},
                                   {"gene_rule", explanation.entities.gene_rule},
                                   {"methods", methods}};
  const std::string text = document.dump(1) + "\n";
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

void write_agreement_table(const std::string& path, const Explanation& explanation) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "kind\tmethod_a\tmethod_b\tspearman\n";
    for (EntityKind kind : {EntityKind::kTerm, EntityKind::kGene, EntityKind::kFeature}) {
      const Eigen::MatrixXd agreement = method_agreement(explanation, kind);
      for (std::size_t a = 0; a < explanation.methods.size(); ++a) {
        for (std::size_t b = a + 1; b < explanation.methods.size(); ++b) {
          const double value = agreement(static_cast<Index>(a), static_cast<Index>(b));
          if (!std::isfinite(value)) continue;
          out << entity_kind_name(kind) << "\t"
              << explain_method_name(explanation.methods[a].method) << "\t"
              << explain_method_name(explanation.methods[b].method) << "\t" << tsv_number(value)
              << "\n";
        }
      }
    }
  });
}

}  // namespace

const MethodResult& figure_method(const Explanation& explanation,
                                  const ExplanationReportOptions& options) {
  ONTONET_CHECK(!explanation.methods.empty(), "an explanation holds at least one method");
  std::string wanted = options.figure_method;
  if (wanted.empty()) wanted = explain_method_name(ExplainMethod::kIntegratedGradients);
  for (const MethodResult& method : explanation.methods) {
    if (wanted == explain_method_name(method.method)) return method;
  }
  if (!options.figure_method.empty()) {
    throw ConfigError("--figure-method",
                      "'" + options.figure_method + "' is not among the methods that ran");
  }
  return explanation.methods.front();
}

std::vector<std::string> write_explanation_report(const std::string& folder,
                                                  const Explanation& explanation,
                                                  const ExplanationReportOptions& options) {
  std::vector<std::string> written;
  const auto file = [&](const std::string& name) {
    written.push_back(folder + "/" + name);
    return written.back();
  };
  for (const MethodResult& method : explanation.methods) {
    write_method_table(file(std::string(explain_method_name(method.method)) + ".tsv"), explanation,
                       method);
  }
  for (const MethodResult& method : explanation.methods) {
    if (method.per_sample.size() == 0) continue;
    write_per_sample_table(
        file("per_sample_" + std::string(explain_method_name(method.method)) + ".tsv"), explanation,
        method);
  }
  write_explanations_json(file("explanations.json"), explanation);
  write_agreement_table(file("agreement.tsv"), explanation);
  for (const std::string& figure :
       detail::write_explanation_figures(folder, explanation, options)) {
    written.push_back(figure);
  }
  return written;
}

std::vector<std::string> write_stability_report(const std::string& folder,
                                                const std::vector<std::string>& models,
                                                const std::vector<MethodStability>& stability) {
  const std::string table = folder + "/stability.tsv";
  write_file_atomically(table, [&](std::ostream& out) {
    out << "method\tkind\tmodels\ttop_k\tmean_spearman\tmin_spearman\tmean_top_k_overlap\n";
    for (const MethodStability& entry : stability) {
      out << explain_method_name(entry.method) << "\t" << entity_kind_name(entry.kind) << "\t"
          << models.size() << "\t" << entry.top_k << "\t" << tsv_number(entry.mean_spearman) << "\t"
          << tsv_number(entry.min_spearman) << "\t" << tsv_number(entry.mean_top_overlap) << "\n";
    }
  });
  std::vector<std::string> written{table};
  if (!stability.empty()) {
    written.push_back(folder + "/stability.svg");
    write_svg(written.back(), detail::render_stability_figure(stability));
  }
  return written;
}

}  // namespace ontonet
