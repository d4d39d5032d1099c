// The files `ontonet benchmark-explain` writes: how well every attribution method recovered the
// planted truth, per scenario, model, seed and kind, summarized over seeds, with heat maps of the
// methods against the scenarios. Formats: docs/formats/benchmark_explain.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ontonet/explain/truth_recovery.hpp"

namespace ontonet {

struct RecoveryReport {
  std::vector<RecoveryRecord> records;
  std::vector<RecoverySummary> summary;
  nlohmann::json context;  // the benchmark's configuration, as benchmark.json records it
};

// Writes into `folder` (which must exist) recovery_runs.tsv, recovery.tsv, benchmark.json and the
// heat maps recovery_genes.svg and recovery_terms.svg (mean AUROC over seeds, methods x
// scenario/model; each when that kind was scored). Returns the files written, in that order.
// Every file is written atomically.
std::vector<std::string> write_recovery_report(const std::string& folder,
                                               const RecoveryReport& report);

}  // namespace ontonet
