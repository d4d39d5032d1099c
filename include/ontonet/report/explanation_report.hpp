// The files `ontonet explain` writes for one model: one ranked TSV per method, explanations.json
// holding them all, the agreement between methods, and the pictures (top terms and genes as bar
// charts, the ontology sub-DAG around the top terms colored by importance as SVG and Graphviz DOT,
// a method-agreement heat map, and for SNP inputs with known positions a Manhattan plot); and, for
// several models of one network, the rank stability of every method. Formats:
// docs/formats/explanations.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ontonet/explain/explanation.hpp"
#include "ontonet/explain/stability.hpp"

namespace ontonet {

struct GenomePosition {
  std::string chromosome;
  std::int64_t position = 0;
};

struct ExplanationReportOptions {
  std::size_t top_bars = 20;   // bars in the top-terms and top-genes charts
  std::size_t dag_terms = 12;  // most important terms in the sub-DAG figure (their parents join)
  // The method the figures show; empty: integrated_gradients when it ran, else the first method.
  std::string figure_method;
  // Input features with a genome position (SNPs): a Manhattan plot is drawn when any is given.
  std::map<std::string, GenomePosition> feature_positions;
};

// Writes into `folder` (which must exist): <method>.tsv per method, per_sample_<method>.tsv for
// methods with per-sample scores, explanations.json, agreement.tsv, and the figures top_terms.svg,
// top_genes.svg, term_dag.svg + term_dag.dot, agreement.svg, manhattan.svg (each when it has
// something to show). Returns the files written, in that order. Every file is written atomically.
std::vector<std::string> write_explanation_report(const std::string& folder,
                                                  const Explanation& explanation,
                                                  const ExplanationReportOptions& options);

// The method the figures of `explanation` show under `options` (ConfigError("--figure-method")
// when it names a method that did not run).
const MethodResult& figure_method(const Explanation& explanation,
                                  const ExplanationReportOptions& options);

// stability.tsv and stability.svg for models `models` (one label each, e.g. their files).
std::vector<std::string> write_stability_report(const std::string& folder,
                                                const std::vector<std::string>& models,
                                                const std::vector<MethodStability>& stability);

}  // namespace ontonet
