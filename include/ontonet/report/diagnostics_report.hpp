// The files of the attribution diagnostics (explain/dropout_redundancy.hpp, gradient_flow.hpp,
// collinearity.hpp), each written when its diagnostic was computed:
//   redundancy.tsv      per term: single, joint top-k and whole-term knockouts and the redundancy
//                       measures, most super-additive first
//   gradient_flow.tsv   per level: gradient norm, zero fraction, norm relative to the largest
//   gradient_flow.svg   the same as a figure: the norm per level on a log axis, and the fraction of
//                       exact zeros per level
//   collinearity.tsv    per gene and term: correlation and weight condition numbers, the most
//                       ill-conditioned first
//   diagnostics.json    the network-level summaries (medians, counts, the saliency-blind samples
//                       and the gradient warning)
// docs/formats/diagnostics.md documents every column. Each file is written atomically.
#pragma once

#include <string>
#include <vector>

#include "ontonet/explain/collinearity.hpp"
#include "ontonet/explain/dropout_redundancy.hpp"
#include "ontonet/explain/entities.hpp"
#include "ontonet/explain/gradient_flow.hpp"

namespace ontonet {

// Writes into `folder` (which must exist) the files of the diagnostics given (nullptr: not
// computed; diagnostics.json is written when any is given). `entities` are those the diagnostics
// were computed on. Returns the files written, in the order above. Throws InputError naming a file
// that cannot be written.
std::vector<std::string> write_diagnostics_report(const std::string& folder,
                                                  const std::vector<Entity>& entities,
                                                  const DropoutRedundancy* redundancy,
                                                  const GradientFlow* flow,
                                                  const Collinearity* collinearity);

}  // namespace ontonet
