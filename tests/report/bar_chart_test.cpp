#include "ontonet/report/bar_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"
#include "ontonet/report/svg_document.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::elements_named;
using test::number_attribute;
using test::parse_svg;
using test::ParsedSvg;
using test::SvgElement;

// Bars are the rects 14 px thick; the background, legend swatches and nothing else differ.
std::vector<SvgElement> bars_of(const ParsedSvg& svg) {
  std::vector<SvgElement> bars;
  for (const SvgElement& rect : elements_named(svg, "rect")) {
    if (rect.attributes.at("height") == "14") bars.push_back(rect);
  }
  return bars;
}

const SvgElement& text_element(const ParsedSvg& svg, const std::string& content) {
  for (const SvgElement& element : svg.elements) {
    if (element.name == "text" && element.text == content) return element;
  }
  throw std::runtime_error("no text " + content);
}

BarChart three_bars() {
  BarChart chart;
  chart.title = "Top terms";
  chart.x_label = "importance";
  chart.labels = {"first", "second", "third"};
  chart.values = {3, -1, 2};
  return chart;
}

TEST(BarChart, FirstBarOnTopNegativeValuesLeftOfZero) {
  const ParsedSvg svg = parse_svg(render_bar_chart(three_bars()));
  ASSERT_EQ(svg.error, "");
  // Rows are 22 px from y = 36; labels sit at each row's middle + 4.
  EXPECT_EQ(text_element(svg, "first").attributes.at("y"), "51");
  EXPECT_EQ(text_element(svg, "second").attributes.at("y"), "73");
  EXPECT_EQ(text_element(svg, "third").attributes.at("y"), "95");
  // Labels need 0.6 * 11 * 6 = 39.6 px ("second"), so the plot spans [57.6, 477.6]; the value axis
  // is [-1, 3] padded by 4% of 4 on both sides, [-1.16, 3.16], which puts 0 at 170.38.
  const auto bars = bars_of(svg);
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].attributes.at("x"), "170.38");
  EXPECT_EQ(bars[0].attributes.at("width"), "291.67");
  EXPECT_EQ(bars[0].attributes.at("y"), "40");
  EXPECT_EQ(bars[1].attributes.at("x"), "73.16");  // -1 extends left, ending at zero
  EXPECT_EQ(bars[1].attributes.at("width"), "97.22");
  EXPECT_EQ(bars[1].attributes.at("y"), "62");
  EXPECT_EQ(bars[2].attributes.at("x"), "170.38");
  EXPECT_EQ(bars[2].attributes.at("width"), "194.44");
  for (const char* tick : {"-1", "0", "1", "2", "3"}) {
    EXPECT_NO_THROW(text_element(svg, tick)) << tick;
  }
  EXPECT_NO_THROW(text_element(svg, "importance"));
  EXPECT_NO_THROW(text_element(svg, "Top terms"));
}

TEST(BarChart, PositiveValuesStartAtTheLeftEdge) {
  BarChart chart = three_bars();
  chart.values = {3, 1, 2};
  const ParsedSvg svg = parse_svg(render_bar_chart(chart));
  ASSERT_EQ(svg.error, "");
  for (const SvgElement& bar : bars_of(svg)) EXPECT_EQ(bar.attributes.at("x"), "57.6");
}

TEST(BarChart, TruncatesLongLabelsAndEscapesThem) {
  BarChart chart = three_bars();
  chart.labels[0] = std::string(50, 'a');
  chart.labels[1] = "R&D <signalling>";
  const ParsedSvg svg = parse_svg(render_bar_chart(chart));
  ASSERT_EQ(svg.error, "");
  EXPECT_NO_THROW(text_element(svg, std::string(39, 'a') + "\xE2\x80\xA6"));
  EXPECT_NO_THROW(text_element(svg, "R&amp;D &lt;signalling&gt;"));
}

TEST(BarChart, ColorsBarsByGroupWithALegend) {
  BarChart chart = three_bars();
  chart.groups = {"GO", "Reactome", "GO"};
  const ParsedSvg svg = parse_svg(render_bar_chart(chart));
  ASSERT_EQ(svg.error, "");
  const auto bars = bars_of(svg);
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].attributes.at("fill"), palette_color(0));
  EXPECT_EQ(bars[1].attributes.at("fill"), palette_color(1));
  EXPECT_EQ(bars[2].attributes.at("fill"), palette_color(0));
  EXPECT_NO_THROW(text_element(svg, "GO"));
  EXPECT_NO_THROW(text_element(svg, "Reactome"));
  // Two 12 px legend swatches.
  const auto rects = elements_named(svg, "rect");
  EXPECT_EQ(std::count_if(rects.begin(), rects.end(),
                          [](const SvgElement& r) { return r.attributes.at("height") == "12"; }),
            2);
}

TEST(BarChart, LegendOrderFixesEachGroupsColor) {
  BarChart chart = three_bars();
  chart.groups = {"lowers", "raises", "lowers"};
  chart.legend_order = {"raises", "unused", "lowers"};
  const ParsedSvg svg = parse_svg(render_bar_chart(chart));
  ASSERT_EQ(svg.error, "");
  const auto bars = bars_of(svg);
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].attributes.at("fill"), palette_color(1));
  EXPECT_EQ(bars[1].attributes.at("fill"), palette_color(0));
  EXPECT_EQ(bars[2].attributes.at("fill"), palette_color(1));
  // The legend lists "raises" first and leaves out the group without a bar.
  EXPECT_LT(number_attribute(text_element(svg, "raises"), "y"),
            number_attribute(text_element(svg, "lowers"), "y"));
  const std::vector<std::string> labels = test::texts(svg);
  EXPECT_EQ(std::count(labels.begin(), labels.end(), "unused"), 0);
}

TEST(BarChart, DrawsErrorBarsAndSkipsMissingValues) {
  // The bar at 5 fixes the value axis, so both charts have the same ticks and grid lines.
  BarChart chart = three_bars();
  chart.labels.push_back("fourth");
  chart.values = {3, std::nan(""), 2, 5};
  const auto line_count = [](const BarChart& c) {
    const ParsedSvg svg = parse_svg(render_bar_chart(c));
    EXPECT_EQ(svg.error, "");
    EXPECT_EQ(test::non_finite_attribute(svg), "");
    return elements_named(svg, "line").size();
  };
  const std::size_t without_errors = line_count(chart);
  // Only the first bar has both a value and an error: one line and two caps.
  chart.errors = {0.5, 0.2, std::nan(""), -1};
  EXPECT_EQ(line_count(chart) - without_errors, 3u);
  const ParsedSvg svg = parse_svg(render_bar_chart(chart));
  EXPECT_EQ(bars_of(svg).size(), 3u);
  EXPECT_NO_THROW(text_element(svg, "n/a"));
}

TEST(BarChart, RefusesMismatchedSizesNamingTheFigure) {
  const auto message_of = [](const BarChart& chart) {
    return test::figure_error([&] { render_bar_chart(chart); });
  };
  EXPECT_NE(message_of(BarChart{}).find("at least one bar"), std::string::npos);
  BarChart values = three_bars();
  values.values.pop_back();
  EXPECT_NE(message_of(values).find("values has 2 entries, expected 3 (one per label)"),
            std::string::npos);
  BarChart errors = three_bars();
  errors.errors = {1};
  EXPECT_NE(message_of(errors).find("errors has 1 entries, expected 0 or 3"), std::string::npos);
  BarChart groups = three_bars();
  groups.groups = {"a", "b", "c", "d"};
  EXPECT_NE(message_of(groups).find("groups has 4 entries, expected 0 or 3"), std::string::npos);
}

}  // namespace
}  // namespace ontonet
