// The pictures of an explanation report; explanation_report.cpp writes the tables around them.
#pragma once

#include <string>
#include <vector>

#include "ontonet/report/explanation_report.hpp"

namespace ontonet::detail {

// Writes the figures that have something to show; returns their paths.
std::vector<std::string> write_explanation_figures(const std::string& folder,
                                                   const Explanation& explanation,
                                                   const ExplanationReportOptions& options);

// Methods x (terms, genes) x (mean Spearman, mean top-k overlap) as a heat map.
std::string render_stability_figure(const std::vector<MethodStability>& stability);

}  // namespace ontonet::detail
