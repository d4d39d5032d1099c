#include "ontonet/report/recovery_report.hpp"

#include <algorithm>
#include <cmath>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/report/heat_map.hpp"
#include "ontonet/train/run_folder.hpp"

namespace ontonet {

namespace {

constexpr int kSchemaVersion = 1;

std::string joined(const std::string& folder, const std::string& name) {
  return folder + "/" + name;
}

void write_runs_table(const std::string& path, const RecoveryReport& report) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "scenario\tmodel\tseed\tmethod\tkind\tscored_by\tpositives\tnegatives\tk\tauroc\tauprc"
           "\tprecision_at_k\tseconds\theld_out_metric\theld_out_value\n";
    for (const RecoveryRecord& r : report.records) {
      out << r.scenario << "\t" << r.model << "\t" << r.seed << "\t"
          << explain_method_name(r.method) << "\t" << entity_kind_name(r.kind) << "\t"
          << r.scored_by << "\t" << r.scores.positives << "\t" << r.scores.negatives << "\t"
          << r.scores.k << "\t" << tsv_number(r.scores.auroc) << "\t" << tsv_number(r.scores.auprc)
          << "\t" << tsv_number(r.scores.precision_at_k) << "\t" << tsv_number(r.seconds) << "\t"
          << r.held_out_metric << "\t" << tsv_number(r.held_out_value) << "\n";
    }
  });
}

void write_summary_table(const std::string& path, const RecoveryReport& report) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "scenario\tmodel\tmethod\tkind\tseeds\tpositives\tk\tauroc_mean\tauroc_sd\tauprc_mean"
           "\tauprc_sd\tprecision_at_k_mean\tprecision_at_k_sd\tstability_spearman\ttop_overlap"
           "\ttop_k\tseconds_mean\theld_out_metric\theld_out_mean\n";
    for (const RecoverySummary& s : report.summary) {
      out << s.scenario << "\t" << s.model << "\t" << explain_method_name(s.method) << "\t"
          << entity_kind_name(s.kind) << "\t" << s.seeds << "\t" << s.positives << "\t" << s.k
          << "\t" << tsv_number(s.auroc_mean) << "\t" << tsv_number(s.auroc_sd) << "\t"
          << tsv_number(s.auprc_mean) << "\t" << tsv_number(s.auprc_sd) << "\t"
          << tsv_number(s.precision_at_k_mean) << "\t" << tsv_number(s.precision_at_k_sd) << "\t"
          << tsv_number(s.stability_spearman) << "\t" << tsv_number(s.top_overlap) << "\t"
          << (s.top_k > 0 ? std::to_string(s.top_k) : std::string("NA")) << "\t"
          << tsv_number(s.seconds_mean) << "\t" << s.held_out_metric << "\t"
          << tsv_number(s.held_out_mean) << "\n";
    }
  });
}

nlohmann::json report_json(const RecoveryReport& report) {
  nlohmann::json summary = nlohmann::json::array();
  for (const RecoverySummary& s : report.summary) {
    summary.push_back(
        {{"scenario", s.scenario},
         {"model", s.model},
         {"method", explain_method_name(s.method)},
         {"kind", entity_kind_name(s.kind)},
         {"seeds", s.seeds},
         {"positives", s.positives},
         {"k", s.k},
         {"auroc", {{"mean", json_number(s.auroc_mean)}, {"sd", json_number(s.auroc_sd)}}},
         {"auprc", {{"mean", json_number(s.auprc_mean)}, {"sd", json_number(s.auprc_sd)}}},
         {"precision_at_k",
          {{"mean", json_number(s.precision_at_k_mean)}, {"sd", json_number(s.precision_at_k_sd)}}},
         {"stability_spearman", json_number(s.stability_spearman)},
         {"top_overlap", json_number(s.top_overlap)},
         {"top_k", s.top_k},
         {"seconds_mean", json_number(s.seconds_mean)},
         {"held_out_metric", s.held_out_metric},
         {"held_out_mean", json_number(s.held_out_mean)}});
  }
  nlohmann::json runs = nlohmann::json::array();
  for (const RecoveryRecord& r : report.records) {
    runs.push_back({{"scenario", r.scenario},
                    {"model", r.model},
                    {"seed", r.seed},
                    {"method", explain_method_name(r.method)},
                    {"kind", entity_kind_name(r.kind)},
                    {"scored_by", r.scored_by},
                    {"positives", r.scores.positives},
                    {"negatives", r.scores.negatives},
                    {"k", r.scores.k},
                    {"auroc", json_number(r.scores.auroc)},
                    {"auprc", json_number(r.scores.auprc)},
                    {"precision_at_k", json_number(r.scores.precision_at_k)},
                    {"seconds", json_number(r.seconds)},
                    {"held_out_metric", r.held_out_metric},
                    {"held_out_value", json_number(r.held_out_value)}});
  }
  return {{"schema_version", kSchemaVersion},
          {"config", report.context},
          {"summary", summary},
          {"runs", runs}};
}

// Mean AUROC of `kind` over seeds, one row per method and one column per scenario and model (grey
// where a method does not score the kind); empty when no method scored it.
std::string auroc_heat_map(const std::vector<RecoverySummary>& summary, EntityKind kind) {
  std::vector<std::string> rows, columns;
  for (const RecoverySummary& s : summary) {
    if (s.kind != kind) continue;
    const std::string method = explain_method_name(s.method);
    const std::string column = s.scenario + " / " + s.model;
    if (std::find(rows.begin(), rows.end(), method) == rows.end()) rows.push_back(method);
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      columns.push_back(column);
    }
  }
  if (rows.empty()) return "";
  HeatMap map;
  map.title = std::string("Causal ") + entity_kind_name(kind) + "s found: AUROC (0.5 random)";
  map.row_labels = rows;
  map.column_labels = columns;
  map.values = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(rows.size()),
                                         static_cast<Eigen::Index>(columns.size()),
                                         std::numeric_limits<double>::quiet_NaN());
  for (const RecoverySummary& s : summary) {
    if (s.kind != kind) continue;
    const auto row = std::find(rows.begin(), rows.end(), explain_method_name(s.method));
    const auto column = std::find(columns.begin(), columns.end(), s.scenario + " / " + s.model);
    map.values(row - rows.begin(), column - columns.begin()) = s.auroc_mean;
  }
  map.min = 0.5;
  map.max = 1.0;
  return render_heat_map(map);
}

}  // namespace

std::vector<std::string> write_recovery_report(const std::string& folder,
                                               const RecoveryReport& report) {
  std::vector<std::string> written;
  write_runs_table(joined(folder, "recovery_runs.tsv"), report);
  written.push_back("recovery_runs.tsv");
  write_summary_table(joined(folder, "recovery.tsv"), report);
  written.push_back("recovery.tsv");
  const nlohmann::json json = report_json(report);
  write_file_atomically(joined(folder, "benchmark.json"),
                        [&](std::ostream& out) { out << json.dump(2) << "\n"; });
  written.push_back("benchmark.json");
  for (EntityKind kind : {EntityKind::kGene, EntityKind::kTerm}) {
    const std::string svg = auroc_heat_map(report.summary, kind);
    if (svg.empty()) continue;
    const std::string name = std::string("recovery_") + entity_kind_name(kind) + "s.svg";
    write_file_atomically(joined(folder, name), [&](std::ostream& out) { out << svg; });
    written.push_back(name);
  }
  return written;
}

}  // namespace ontonet
