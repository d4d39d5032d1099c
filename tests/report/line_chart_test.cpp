#include "ontonet/report/line_chart.hpp"

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
using test::parse_svg;
using test::ParsedSvg;
using test::SvgElement;

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

LineChart one_series_panel() {
  LineChart panel;
  panel.title = "Loss";
  panel.x_label = "epoch";
  panel.y_label = "loss";
  panel.series.push_back(ChartSeries{"s", {0, 2.5, 10}, {0, 0.75, 1}, {}});
  return panel;
}

bool has_circle_at(const ParsedSvg& svg, const std::string& cx, const std::string& cy) {
  const auto circles = elements_named(svg, "circle");
  return std::any_of(circles.begin(), circles.end(), [&](const SvgElement& circle) {
    return circle.attributes.at("cx") == cx && circle.attributes.at("cy") == cy;
  });
}

bool has_text(const ParsedSvg& svg, const std::string& text) {
  const auto all = test::texts(svg);
  return std::find(all.begin(), all.end(), text) != all.end();
}

std::string config_error_of(const std::vector<LineChart>& panels, int columns = 2) {
  return test::figure_error([&] { render_line_charts(panels, columns); });
}

TEST(LineChart, ScalesPadTheDataAndLeaveRoomForLabelsAndLegend) {
  const PanelScales scales = line_chart_scales(one_series_panel());
  // x data [0, 10] padded by 4% of 10; y data [0, 1] by 4% of 1.
  EXPECT_DOUBLE_EQ(scales.x.lo, -0.4);
  EXPECT_DOUBLE_EQ(scales.x.hi, 10.4);
  EXPECT_DOUBLE_EQ(scales.y.lo, -0.04);
  EXPECT_DOUBLE_EQ(scales.y.hi, 1.04);
  // Left: 56 px (the minimum; tick labels like "0.2" need 32 + 19.8). Right: 560 - 14 - legend,
  // legend = 36 + 0.6 * 11 px for the label "s". y: 350 at the bottom, 36 at the top.
  EXPECT_DOUBLE_EQ(scales.x.pixel_lo, 56);
  EXPECT_DOUBLE_EQ(scales.x.pixel_hi, 560 - 14 - 42.6);
  EXPECT_DOUBLE_EQ(scales.y.pixel_lo, 350);
  EXPECT_DOUBLE_EQ(scales.y.pixel_hi, 36);
  EXPECT_FALSE(scales.x.log);
}

TEST(LineChart, APointLandsAtItsPixel) {
  const ParsedSvg svg = parse_svg(render_line_charts({one_series_panel()}));
  ASSERT_EQ(svg.error, "");
  // (2.5, 0.75): x = 56 + 2.9 / 10.8 * 447.4 = 176.135..., y = 350 - 0.79 / 1.08 * 314 = 120.31...
  EXPECT_TRUE(has_circle_at(svg, "176.14", "120.31"));
  // (10, 1): x = 56 + 10.4 / 10.8 * 447.4 = 486.83, y = 350 - 1.04 / 1.08 * 314 = 47.63.
  EXPECT_TRUE(has_circle_at(svg, "486.83", "47.63"));
  const auto polylines = elements_named(svg, "polyline");
  ASSERT_EQ(polylines.size(), 1u);
  EXPECT_EQ(polylines[0].attributes.at("points"), "72.57,338.37 176.14,120.31 486.83,47.63");
  EXPECT_EQ(polylines[0].attributes.at("stroke"), palette_color(0));
}

TEST(LineChart, PanelsFillAGridRowByRow) {
  const std::string text =
      render_line_charts({one_series_panel(), one_series_panel(), one_series_panel()}, 2);
  const ParsedSvg svg = parse_svg(text);
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(svg.elements[0].attributes.at("width"), "1120");
  EXPECT_EQ(svg.elements[0].attributes.at("height"), "800");
  const auto groups = elements_named(svg, "g");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].attributes.at("transform"), "translate(0,0)");
  EXPECT_EQ(groups[1].attributes.at("transform"), "translate(560,0)");
  EXPECT_EQ(groups[2].attributes.at("transform"), "translate(0,400)");
  // One panel with columns = 2 is one panel wide.
  EXPECT_EQ(parse_svg(render_line_charts({one_series_panel()})).elements[0].attributes.at("width"),
            "560");
}

TEST(LineChart, SkipsNonFinitePointsAndBreaksTheLine) {
  LineChart panel = one_series_panel();
  panel.series = {ChartSeries{"gappy", {1, 2, 3, 4, 5, kNan}, {1, kNan, 3, 4, kInf, 2}, {}}};
  const ParsedSvg svg = parse_svg(render_line_charts({panel}));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  // Points 1, 3 and 4 are drawable: the lone point 1 gets no line, 3-4 one line of 2 points.
  const auto polylines = elements_named(svg, "polyline");
  ASSERT_EQ(polylines.size(), 1u);
  EXPECT_EQ(std::count(polylines[0].attributes.at("points").begin(),
                       polylines[0].attributes.at("points").end(), ','),
            2);
  EXPECT_EQ(elements_named(svg, "circle").size(), 3u + 1u);  // 3 markers + the legend's
  // The y range is that of the drawable points: [1, 4] padded by 0.12.
  const PanelScales scales = line_chart_scales(panel);
  EXPECT_DOUBLE_EQ(scales.y.lo, 0.88);
  EXPECT_DOUBLE_EQ(scales.y.hi, 4.12);
}

TEST(LineChart, SkipsNonPositivePointsOnALogAxis) {
  LineChart panel = one_series_panel();
  panel.log_y = true;
  panel.series = {ChartSeries{"", {1, 2, 3, 4}, {0, -1, 10, 1000}, {}}};
  const std::string text = render_line_charts({panel});
  const ParsedSvg svg = parse_svg(text);
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_EQ(elements_named(svg, "circle").size(), 2u);
  const PanelScales scales = line_chart_scales(panel);
  // log10 range [1, 3] padded by 4% of 2 decades.
  EXPECT_NEAR(std::log10(scales.y.lo), 0.92, 1e-12);
  EXPECT_NEAR(std::log10(scales.y.hi), 3.08, 1e-12);
  EXPECT_TRUE(has_text(svg, "10"));
  EXPECT_TRUE(has_text(svg, "100"));
  EXPECT_TRUE(has_text(svg, "1000"));
}

TEST(LineChart, DrawsOneErrorBarWithTwoCapsPerValidError) {
  // The reference at 5 fixes the y range, so both charts have the same ticks and grid lines.
  LineChart plain = one_series_panel();
  plain.series = {ChartSeries{"m", {1, 2, 3, 4}, {1, 2, 3, 4}, {}}};
  plain.references = {ReferenceLine{"top", 5}};
  LineChart with_errors = plain;
  // Errors 0.5 and 0.25 are drawn; NaN and negative ones are not.
  with_errors.series[0].y_error = {0.5, kNan, -1, 0.25};
  const auto lines_of = [](const LineChart& panel) {
    const ParsedSvg svg = parse_svg(render_line_charts({panel}));
    EXPECT_EQ(svg.error, "");
    return elements_named(svg, "line");
  };
  const auto bar_lines = lines_of(with_errors);
  EXPECT_EQ(bar_lines.size() - lines_of(plain).size(), 2u * 3u);
  // The caps are 6 px wide; the first bar runs from y = 0.5 to 1.5 at x = 1.
  const PanelScales scales = line_chart_scales(with_errors);
  std::vector<std::string> caps;
  for (const SvgElement& line : bar_lines) {
    const double x1 = std::stod(line.attributes.at("x1"));
    if (std::abs(std::stod(line.attributes.at("x2")) - x1 - 6) < 0.02) {
      caps.push_back(line.attributes.at("y1"));
      EXPECT_EQ(line.attributes.at("y1"), line.attributes.at("y2"));
    }
  }
  ASSERT_EQ(caps.size(), 4u);
  EXPECT_NEAR(std::stod(caps[0]), scales.y.to_pixel(0.5), 0.005);
  EXPECT_NEAR(std::stod(caps[1]), scales.y.to_pixel(1.5), 0.005);
  EXPECT_NEAR(std::stod(caps[2]), scales.y.to_pixel(3.75), 0.005);
  EXPECT_NEAR(std::stod(caps[3]), scales.y.to_pixel(4.25), 0.005);
  // The y range covers the bars: [0.5, 4.25] padded by 4% of 3.75.
  LineChart no_reference = with_errors;
  no_reference.references.clear();
  const PanelScales covering = line_chart_scales(no_reference);
  EXPECT_DOUBLE_EQ(covering.y.lo, 0.5 - 0.15);
  EXPECT_DOUBLE_EQ(covering.y.hi, 4.25 + 0.15);
}

TEST(LineChart, LegendNamesEverySeriesAndReferenceAndEscapesThem) {
  LineChart panel = one_series_panel();
  panel.title = "Loss <train> & \"val\"";
  panel.series.push_back(ChartSeries{"validation <5%> & co", {0, 10}, {1, 0.5}, {}, true, false});
  panel.series.push_back(ChartSeries{"", {0, 10}, {0.2, 0.2}, {}});
  panel.references.push_back(ReferenceLine{"ridge baseline", 0.4});
  panel.references.push_back(ReferenceLine{"chance", 2.0, false, 6});
  const std::string text = render_line_charts({panel});
  const ParsedSvg svg = parse_svg(text);
  ASSERT_EQ(svg.error, "");
  EXPECT_TRUE(has_text(svg, "s"));
  EXPECT_TRUE(has_text(svg, "validation &lt;5%&gt; &amp; co"));
  EXPECT_TRUE(has_text(svg, "ridge baseline"));
  EXPECT_TRUE(has_text(svg, "chance"));
  EXPECT_TRUE(has_text(svg, "Loss &lt;train&gt; &amp; &quot;val&quot;"));
  EXPECT_EQ(text.find("<5%>"), std::string::npos);

  // Reference lines span the plot at their y, and the y range includes them (2.0 is the top).
  const PanelScales scales = line_chart_scales(panel);
  EXPECT_DOUBLE_EQ(scales.y.hi, 2.0 + 0.04 * 2.0);
  std::vector<double> reference_ys;
  for (const SvgElement& line : elements_named(svg, "line")) {
    if (line.attributes.at("stroke-width") != "1.5") continue;
    EXPECT_NEAR(std::stod(line.attributes.at("x1")), scales.x.pixel_lo, 0.005);
    EXPECT_NEAR(std::stod(line.attributes.at("x2")), scales.x.pixel_hi, 0.005);
    reference_ys.push_back(std::stod(line.attributes.at("y1")));
  }
  ASSERT_EQ(reference_ys.size(), 2u);
  EXPECT_NEAR(reference_ys[0], scales.y.to_pixel(0.4), 0.005);
  EXPECT_NEAR(reference_ys[1], scales.y.to_pixel(2.0), 0.005);
}

TEST(LineChart, ColorsFollowThePaletteUnlessNamed) {
  LineChart panel = one_series_panel();
  panel.series.push_back(ChartSeries{"b", {0, 1}, {0, 1}, {}, false, false, 5});
  panel.series.push_back(ChartSeries{"c", {0, 1}, {0, 1}, {}, false, false});
  panel.references.push_back(ReferenceLine{"r", 0.5});
  const ParsedSvg svg = parse_svg(render_line_charts({panel}));
  const auto polylines = elements_named(svg, "polyline");
  ASSERT_EQ(polylines.size(), 3u);
  EXPECT_EQ(polylines[0].attributes.at("stroke"), palette_color(0));
  EXPECT_EQ(polylines[1].attributes.at("stroke"), palette_color(5));
  EXPECT_EQ(polylines[2].attributes.at("stroke"), palette_color(1));
  const auto lines = elements_named(svg, "line");
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const SvgElement& line) {
    return line.attributes.at("stroke") == palette_color(2) &&
           line.attributes.count("stroke-dasharray") == 1;
  }));
}

TEST(LineChart, ExplicitXTicksReplaceTheAutomaticOnesAndWidenTheRange) {
  LineChart panel = one_series_panel();
  panel.log_x = true;
  panel.series = {ChartSeries{"", {1, 10, 100}, {3, 2, 1}, {}}};
  panel.x_ticks = {{0.1, "0"}, {1, "1"}, {100, "100"}};
  const PanelScales scales = line_chart_scales(panel);
  // log10 range [-1, 2] padded by 4% of 3 decades.
  EXPECT_NEAR(std::log10(scales.x.lo), -1.12, 1e-12);
  EXPECT_NEAR(std::log10(scales.x.hi), 2.12, 1e-12);
  const ParsedSvg svg = parse_svg(render_line_charts({panel}));
  ASSERT_EQ(svg.error, "");
  EXPECT_TRUE(has_text(svg, "0"));
  EXPECT_FALSE(has_text(svg, "10"));  // not asked for
  for (const SvgElement& text : elements_named(svg, "text")) {
    if (text.text != "0") continue;
    EXPECT_NEAR(std::stod(text.attributes.at("x")), scales.x.to_pixel(0.1), 0.005);
  }
}

TEST(LineChart, RefusesBadSizesNamingTheFigure) {
  EXPECT_NE(config_error_of({}).find("figure needs at least one panel"), std::string::npos);
  EXPECT_NE(config_error_of({one_series_panel()}, 0).find("at least 1 column"), std::string::npos);

  LineChart mismatched = one_series_panel();
  mismatched.series.push_back(ChartSeries{"train", {1, 2, 3}, {1, 2}, {}});
  const std::string sizes = config_error_of({one_series_panel(), mismatched});
  EXPECT_NE(sizes.find("panel 2 (\"Loss\"), series \"train\": x has 3 values but y has 2"),
            std::string::npos)
      << sizes;

  LineChart bad_errors = one_series_panel();
  bad_errors.series[0].y_error = {0.1, 0.2};
  const std::string errors = config_error_of({bad_errors});
  EXPECT_NE(errors.find("series \"s\": y_error has 2 values, expected 0 or 3"), std::string::npos)
      << errors;
  EXPECT_THROW(line_chart_scales(bad_errors), ConfigError);
}

TEST(LineChart, AnEmptyPanelStillRenders) {
  LineChart panel;
  panel.series = {ChartSeries{"nothing", {1, 2}, {kNan, kNan}, {}}};
  const ParsedSvg svg = parse_svg(render_line_charts({panel}));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  EXPECT_TRUE(has_text(svg, "nothing"));
}

TEST(LineChart, LeavesOutTickLabelsThatWouldRunIntoTheOneBefore) {
  LineChart panel;
  panel.log_x = true;
  panel.y_label = "test loss (MSE), mean ± sd over 5 seeds";
  // A long legend label narrows the plot, as in the sample-size sweep of a comparison, and the two
  // columns of the figure let the ticks 1e+04, 2e+04 and 5e+04 crowd the right end.
  panel.series.push_back(ChartSeries{"ontology network (best lambda)",
                                     {200, 500, 1000, 2000, 5000, 1e4, 2e4, 5e4},
                                     {1, 2, 3, 4, 5, 6, 7, 8},
                                     {}});
  const ParsedSvg svg = parse_svg(render_line_charts({panel, panel}));
  // The x tick labels share one baseline: the y of the "200" label.
  std::string baseline;
  std::vector<std::pair<double, std::string>> labels;
  for (const SvgElement& text : elements_named(svg, "text")) {
    if (text.text == "200") baseline = text.attributes.at("y");
  }
  ASSERT_FALSE(baseline.empty());
  for (const SvgElement& text : elements_named(svg, "text")) {
    if (text.attributes.at("y") != baseline) continue;
    const double x = std::stod(text.attributes.at("x"));
    if (!labels.empty() && x < labels.back().first) break;  // the second panel's labels
    labels.emplace_back(x, text.text);
  }
  ASSERT_GE(labels.size(), 4u);
  for (std::size_t k = 1; k < labels.size(); ++k) {
    const double gap = labels[k].first - labels[k - 1].first;
    const double half_widths = (estimated_text_width(labels[k].second, 11) +
                                estimated_text_width(labels[k - 1].second, 11)) /
                               2;
    EXPECT_GE(gap, half_widths) << labels[k - 1].second << " and " << labels[k].second;
  }
  EXPECT_TRUE(has_text(svg, "5e+04"));
}

}  // namespace
}  // namespace ontonet
