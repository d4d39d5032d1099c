// A finished comparison run kept on disk (OUT/runs/<model>/seed<k>/run.json), so that an
// interrupted `ontonet compare --resume` reads the runs it has instead of training them again: what
// the report needs from a run (counts, wall time, best epoch, final metrics, the epoch log), with
// every number as it was (JSON keeps doubles exactly; NaN is null). Format:
// docs/formats/comparison.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "ontonet/train/comparison.hpp"

namespace ontonet {

nlohmann::json comparison_run_record(const ComparedModel& model, const ComparisonRun& run);

// The run of models[model_index] and `seed` from its record, read from `path` (named in errors).
// Throws InputError naming the path when the record is malformed or belongs to another model,
// seed or schema version.
ComparisonRun read_comparison_run_record(const nlohmann::json& record, std::size_t model_index,
                                         const ComparedModel& model, std::uint64_t seed,
                                         const std::string& path);

}  // namespace ontonet
