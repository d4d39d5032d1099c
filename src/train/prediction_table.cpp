#include "ontonet/train/prediction_table.hpp"

#include <cmath>
#include <iomanip>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

std::string label_of(const PredictionRows& rows, double index) {
  return rows.class_labels->at(static_cast<std::size_t>(std::lround(index)));
}

}  // namespace

void write_prediction_table(std::ostream& out, const PredictionRows& rows) {
  ONTONET_CHECK(rows.sample_ids != nullptr && rows.outputs != nullptr, "samples and outputs");
  ONTONET_CHECK(rows.task != TaskKind::kMulticlass || rows.class_labels != nullptr,
                "multiclass predictions need the class labels");
  const Matrix<float>& outputs = *rows.outputs;
  const bool with_targets = rows.targets != nullptr && rows.targets->size() > 0;
  out << std::setprecision(9) << "sample";
  if (rows.splits != nullptr) out << "\tsplit";
  if (with_targets) out << (rows.task == TaskKind::kSurvival ? "\ttime\tevent" : "\ttarget");
  switch (rows.task) {
    case TaskKind::kRegression:
      out << "\tprediction";
      break;
    case TaskKind::kBinary:
      out << "\tlogit\tprobability";
      break;
    case TaskKind::kMulticlass:
      out << "\tpredicted";
      for (const std::string& label : *rows.class_labels) out << "\tlogit_" << label;
      break;
    case TaskKind::kSurvival:
      out << "\trisk";
      break;
  }
  out << "\n";
  for (std::size_t i = 0; i < rows.sample_ids->size(); ++i) {
    const auto c = static_cast<Index>(i);
    out << (*rows.sample_ids)[i];
    if (rows.splits != nullptr) out << '\t' << (*rows.splits)[i];
    if (with_targets) {
      const Matrix<float>& targets = *rows.targets;
      if (rows.task == TaskKind::kMulticlass) {
        out << '\t' << label_of(rows, targets(0, c));
      } else {
        for (Index r = 0; r < targets.rows(); ++r) out << '\t' << targets(r, c);
      }
    }
    if (rows.task == TaskKind::kMulticlass) {
      Index best = 0;
      outputs.col(c).maxCoeff(&best);
      out << '\t' << (*rows.class_labels)[static_cast<std::size_t>(best)];
    }
    for (Index k = 0; k < outputs.rows(); ++k) out << '\t' << outputs(k, c);
    if (rows.task == TaskKind::kBinary) {
      out << '\t' << 1.0 / (1.0 + std::exp(-static_cast<double>(outputs(0, c))));
    }
    out << '\n';
  }
}

}  // namespace ontonet
