// Manhattan plots as SVG: the importance of SNP inputs along the genome, one small dot per SNP,
// chromosomes side by side in natural order (1 to 22 numerically, then X, Y, XY, MT, then any
// other names alphabetically; a "chr" prefix is ignored for the order but kept in the labels),
// each taking a share of the x axis proportional to the span of its positions (with a floor of 2%
// of the widest span, so a chromosome with one SNP stays visible) and a small gap, in two
// alternating colors. The y axis starts at 0 (or the lowest score, if negative) and the
// highest-scoring points carry their labels, placed so that they do not overlap one another.
//
// Built for 1e5 points and more: dots are drawn at whole-pixel centres, and a dot on the same
// pixel as one already drawn is skipped (it would look the same), which keeps the file at a few
// MB at most.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ontonet {

struct ManhattanPoint {
  std::string chromosome;  // e.g. "1", "chr1", "X"
  std::int64_t position = 0;
  double score = 0;   // non-finite: not drawn, counted in a footnote
  std::string label;  // e.g. the rsid; empty: "chromosome:position" when labelled
};

struct ManhattanPlot {
  std::string title, y_label;
  std::vector<ManhattanPoint> points;
  std::size_t n_labelled = 10;  // how many of the highest-scoring points get their label written
};

// The chromosomes of `points` (those with a finite score) in plotting order. Names that differ
// only by a "chr" prefix ("2", "chr2") are distinct chromosomes, the bare name first.
std::vector<std::string> manhattan_chromosome_order(const std::vector<ManhattanPoint>& points);

// Throws ConfigError("figure", ...) when no point has a finite score.
std::string render_manhattan_plot(const ManhattanPlot& plot);

}  // namespace ontonet
