#include "ontonet/report/manhattan_plot.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/report/svg_document.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::elements_named;
using test::find_text;
using test::number_attribute;
using test::parse_svg;
using test::ParsedSvg;
using test::SvgElement;

const double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<ManhattanPoint> on(const std::vector<std::string>& chromosomes) {
  std::vector<ManhattanPoint> points;
  for (const std::string& chromosome : chromosomes) points.push_back({chromosome, 1, 1, ""});
  return points;
}

TEST(ManhattanPlot, OrdersChromosomesNaturally) {
  EXPECT_EQ(manhattan_chromosome_order(on({"chr2", "10", "X", "1"})),
            (std::vector<std::string>{"1", "chr2", "10", "X"}));
  EXPECT_EQ(manhattan_chromosome_order(on({"scaffold_7", "MT", "chrXY", "Un", "chrY", "22", "x",
                                           "2", "chr2", "010", "9", "chrM"})),
            (std::vector<std::string>{"2", "chr2", "9", "010", "22", "x", "chrY", "chrXY", "MT",
                                      "chrM", "scaffold_7", "Un"}));
  // Chromosomes whose every score is missing are not plotted.
  std::vector<ManhattanPoint> points = on({"1", "2"});
  points[1].score = kNan;
  EXPECT_EQ(manhattan_chromosome_order(points), std::vector<std::string>{"1"});
}

// chr1 spans positions 0 to 1000 and chr2 0 to 3000, scores up to 1: y ticks 0, 0.2, ..., 1 on
// [0, 1.04] (4% headroom), so the plot starts at x = 56 and runs to 944, and the chromosomes share
// its 880 px inside the 4 px padding less one 6 px gap 1:3.
ManhattanPlot two_chromosomes() {
  ManhattanPlot plot;
  plot.title = "SNP importance";
  plot.y_label = "mean |attribution|";
  plot.points = {{"chr2", 0, 0.25, "rs3"},
                 {"chr1", 0, 0.5, "rs1"},
                 {"chr1", 1000, 1, "rs2"},
                 {"chr2", 3000, 0.75, "rs4"}};
  plot.n_labelled = 0;
  return plot;
}

TEST(ManhattanPlot, GivesEachChromosomeASpanProportionalToItsPositions) {
  const ParsedSvg svg = parse_svg(render_manhattan_plot(two_chromosomes()));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  // chr1: x from 60, 218.5 px wide; chr2: from 284.5, 655.5 px wide. y(s) = 364 - 324 s / 1.04.
  const auto dots = elements_named(svg, "circle");
  ASSERT_EQ(dots.size(), 4u);
  const std::vector<std::vector<std::string>> expected = {{"285", "286", "#8c8c8c"},
                                                          {"60", "208", "#0072B2"},
                                                          {"279", "52", "#0072B2"},
                                                          {"940", "130", "#8c8c8c"}};
  for (std::size_t k = 0; k < dots.size(); ++k) {
    EXPECT_EQ(dots[k].attributes.at("cx"), expected[k][0]) << k;
    EXPECT_EQ(dots[k].attributes.at("cy"), expected[k][1]) << k;
    EXPECT_EQ(dots[k].attributes.at("fill"), expected[k][2]) << k;
  }
  // Chromosome names under the middle of their spans, then the axis captions.
  ASSERT_NE(find_text(svg, "chr1"), nullptr);
  EXPECT_EQ(find_text(svg, "chr1")->attributes.at("x"), "169.25");
  EXPECT_EQ(find_text(svg, "chr1")->attributes.at("y"), "380");
  EXPECT_EQ(find_text(svg, "chr2")->attributes.at("x"), "612.25");
  EXPECT_NE(find_text(svg, "chromosome"), nullptr);
  EXPECT_NE(find_text(svg, "mean |attribution|"), nullptr);
  for (const char* tick : {"0", "0.2", "0.4", "0.6", "0.8", "1"}) {
    ASSERT_NE(find_text(svg, tick), nullptr) << tick;
    EXPECT_EQ(find_text(svg, tick)->attributes.at("x"), "50") << tick;
  }
  EXPECT_EQ(find_text(svg, "1")->attributes.at("y"), "56.46");  // 364 - 324 / 1.04 + 4
}

TEST(ManhattanPlot, NamesCrowdedChromosomesOnASecondRow) {
  ManhattanPlot plot;
  for (const char* chromosome : {"chr1", "chr2", "chr21", "chr22"}) {
    plot.points.push_back({chromosome, 0, 1, ""});
    plot.points.push_back({chromosome, std::string(chromosome) == "chr1" ? 100000 : 1000, 1, ""});
  }
  const ParsedSvg svg = parse_svg(render_manhattan_plot(plot));
  ASSERT_EQ(svg.error, "");
  // chr2, chr21 and chr22 get 2% of chr1's span each: too narrow for their names side by side.
  std::vector<double> rows;
  for (const char* name : {"chr1", "chr2", "chr21", "chr22"}) {
    ASSERT_NE(find_text(svg, name), nullptr) << name;
    rows.push_back(number_attribute(*find_text(svg, name), "y"));
  }
  EXPECT_EQ(rows, (std::vector<double>{380, 380, 393, 380}));
}

TEST(ManhattanPlot, LabelsTheHighestScoringPointsWithoutOverlap) {
  ManhattanPlot plot;
  plot.n_labelled = 6;
  // Eight close neighbours in one peak: their labels must spread out.
  for (int k = 0; k < 8; ++k) {
    plot.points.push_back({"7", 1000 + k, 10.0 - 0.1 * k, "rs" + std::to_string(100 + k)});
  }
  plot.points.push_back({"8", 5, 1, ""});
  plot.points.push_back({"8", 10000, 12, ""});  // the best, unlabelled: "8:10000"
  const ParsedSvg svg = parse_svg(render_manhattan_plot(plot));
  ASSERT_EQ(svg.error, "");
  std::vector<const SvgElement*> labels;
  for (const std::string name : {"8:10000", "rs100", "rs101", "rs102", "rs103", "rs104"}) {
    labels.push_back(find_text(svg, name));
    ASSERT_NE(labels.back(), nullptr) << name;
  }
  EXPECT_EQ(find_text(svg, "rs105"), nullptr);
  EXPECT_EQ(find_text(svg, "8:5"), nullptr);
  // Each label's box (10 px text: 9 px above the baseline, 2 below) stays clear of the others
  // and inside the figure.
  for (std::size_t a = 0; a < labels.size(); ++a) {
    const double left = number_attribute(*labels[a], "x");
    const double right = left + estimated_text_width(labels[a]->text, 10);
    const double baseline = number_attribute(*labels[a], "y");
    EXPECT_TRUE(left >= 0 && right <= 960 && baseline - 9 >= 0) << labels[a]->text;
    for (std::size_t b = 0; b < a; ++b) {
      const double other_left = number_attribute(*labels[b], "x");
      const double other_right = other_left + estimated_text_width(labels[b]->text, 10);
      const double other_baseline = number_attribute(*labels[b], "y");
      const bool apart = right <= other_left || other_right <= left ||
                         baseline + 2 <= other_baseline - 9 || other_baseline + 2 <= baseline - 9;
      EXPECT_TRUE(apart) << labels[a]->text << " overlaps " << labels[b]->text;
    }
  }
  // Labelled dots are ringed: a black dot under each.
  const auto dots = elements_named(svg, "circle");
  EXPECT_EQ(
      std::count_if(dots.begin(), dots.end(),
                    [](const SvgElement& dot) { return dot.attributes.at("fill") == "#000000"; }),
      6);
}

TEST(ManhattanPlot, SkipsNonFiniteScoresAndSaysHowMany) {
  ManhattanPlot plot = two_chromosomes();
  plot.points.push_back({"chr1", 500, kNan, "rs5"});
  plot.points.push_back({"chr3", 500, std::numeric_limits<double>::infinity(), "rs6"});
  plot.points.push_back({"chr3", 600, -std::numeric_limits<double>::infinity(), "rs7"});
  const ParsedSvg svg = parse_svg(render_manhattan_plot(plot));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_EQ(elements_named(svg, "circle").size(), 4u);
  EXPECT_NE(find_text(svg, "3 points with a non-finite score not drawn"), nullptr);
  EXPECT_EQ(find_text(svg, "chr3"), nullptr);
  plot.points.resize(5);
  EXPECT_NE(find_text(parse_svg(render_manhattan_plot(plot)),
                      "1 point with a non-finite score not drawn"),
            nullptr);
  EXPECT_EQ(find_text(parse_svg(render_manhattan_plot(two_chromosomes())),
                      "0 points with a non-finite score not drawn"),
            nullptr);
}

TEST(ManhattanPlot, NegativeScoresExtendTheAxisBelowZero) {
  ManhattanPlot plot;
  plot.points = {{"1", 0, -1, ""}, {"1", 10, 1, ""}};
  const ParsedSvg svg = parse_svg(render_manhattan_plot(plot));
  // [-1.08, 1.08]: ticks every 0.5.
  for (const char* tick : {"-1", "-0.5", "0", "0.5", "1"}) {
    EXPECT_NE(find_text(svg, tick), nullptr) << tick;
  }
}

TEST(ManhattanPlot, DrawsEachPixelOnceSoLargePlotsStaySmall) {
  ManhattanPlot same;
  same.n_labelled = 0;
  same.points.assign(1000, ManhattanPoint{"1", 5, 0.5, ""});
  same.points.push_back({"1", 1000000, 1, ""});
  EXPECT_EQ(elements_named(parse_svg(render_manhattan_plot(same)), "circle").size(), 2u);

  // 100,000 points over 22 chromosomes with low, noisy scores (a fixed linear congruential
  // generator): the dense band near 0 collapses onto its pixels.
  ManhattanPlot many;
  std::uint64_t state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  for (int k = 0; k < 100000; ++k) {
    const int chromosome = 1 + static_cast<int>(next() * 22);
    many.points.push_back({std::to_string(chromosome), static_cast<std::int64_t>(next() * 2e8),
                           next() * next() * next(), "rs" + std::to_string(k)});
  }
  const std::string text = render_manhattan_plot(many);
  EXPECT_LT(text.size(), 3'000'000u);
  const ParsedSvg svg = parse_svg(text);
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_LT(elements_named(svg, "circle").size(), 60000u);
  EXPECT_EQ(text, render_manhattan_plot(many));
}

TEST(ManhattanPlot, RefusesAPlotWithoutAFiniteScore) {
  EXPECT_EQ(test::figure_error([] { render_manhattan_plot(ManhattanPlot{}); }),
            "figure a Manhattan plot needs at least one point with a finite score, got 0 points "
            "and none finite");
  ManhattanPlot plot;
  plot.points = {{"1", 1, kNan, ""}, {"2", 1, std::numeric_limits<double>::infinity(), ""}};
  EXPECT_EQ(test::figure_error([&] { render_manhattan_plot(plot); }),
            "figure a Manhattan plot needs at least one point with a finite score, got 2 points "
            "and none finite");
}

}  // namespace
}  // namespace ontonet
