#include "ontonet/report/heat_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::elements_named;
using test::parse_svg;
using test::ParsedSvg;
using test::SvgElement;

const double kNan = std::numeric_limits<double>::quiet_NaN();

// Values at 0, 1/4, 1/2, 3/4 and 1 of the data range [0, 5], so each lands on a stop of the scale.
HeatMap five_stops() {
  HeatMap map;
  map.title = "Importance";
  map.row_labels = {"r1", "r2"};
  map.column_labels = {"c1", "c2", "c3"};
  map.values.resize(2, 3);
  map.values << 0, 1.25, 2.5, 3.75, kNan, 5;
  return map;
}

// The cells: 48 x 28 px here (560 / 3 columns caps at 48, 400 / 2 rows at 28).
std::vector<SvgElement> cells_of(const ParsedSvg& svg) {
  std::vector<SvgElement> cells;
  for (const SvgElement& rect : elements_named(svg, "rect")) {
    if (rect.attributes.at("width") == "48" && rect.attributes.at("height") == "28") {
      cells.push_back(rect);
    }
  }
  return cells;
}

const SvgElement* text_element(const ParsedSvg& svg, const std::string& content) {
  for (const SvgElement& element : svg.elements) {
    if (element.name == "text" && element.text == content) return &element;
  }
  return nullptr;
}

TEST(HeatMap, ColorsCellsOnTheSequentialScaleAndMissingValuesGrey) {
  const ParsedSvg svg = parse_svg(render_heat_map(five_stops()));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  const auto cells = cells_of(svg);
  ASSERT_EQ(cells.size(), 6u);
  const std::vector<std::string> expected = {"#f7fbff", "#c6dbef", "#6baed6",
                                             "#2171b5", "#bdbdbd", "#08306b"};
  for (std::size_t k = 0; k < cells.size(); ++k) {
    EXPECT_EQ(cells[k].attributes.at("fill"), expected[k]) << k;
  }
  // Row labels need 0.6 * 11 * 2 = 13.2 px, so the grid starts at x = 31.2, y = 36: the NaN cell
  // (row 2, column 2) is at (31.2 + 48, 36 + 28).
  EXPECT_EQ(cells[4].attributes.at("x"), "79.2");
  EXPECT_EQ(cells[4].attributes.at("y"), "64");
  EXPECT_EQ(text_element(svg, "nan"), nullptr);
}

TEST(HeatMap, AnnotatesCellsWithReadableTextColors) {
  const ParsedSvg svg = parse_svg(render_heat_map(five_stops()));
  ASSERT_NE(text_element(svg, "1.25"), nullptr);
  EXPECT_EQ(text_element(svg, "1.25")->attributes.count("fill"), 0u);  // black on light blue
  ASSERT_NE(text_element(svg, "5"), nullptr);
  EXPECT_EQ(text_element(svg, "5")->attributes.at("fill"), "#ffffff");  // white on dark blue
  HeatMap quiet = five_stops();
  quiet.annotate = false;
  const ParsedSvg plain = parse_svg(render_heat_map(quiet));
  EXPECT_EQ(text_element(plain, "1.25"), nullptr);
  EXPECT_EQ(text_element(plain, "3.75"), nullptr);
}

TEST(HeatMap, DrawsAColorBarWithTicks) {
  const ParsedSvg svg = parse_svg(render_heat_map(five_stops()));
  const auto rects = elements_named(svg, "rect");
  // 64 slices and the frame, all 14 px wide.
  EXPECT_EQ(std::count_if(rects.begin(), rects.end(),
                          [](const SvgElement& r) { return r.attributes.at("width") == "14"; }),
            65);
  // The bottom slice is the scale's start, the top one its end: fractions 1/128 and 127/128.
  // Blues between #f7fbff and #c6dbef at 4/128: (247 - 49 * 4 / 128, 251 - 32 * 4 / 128, 255 -
  // 16 * 4 / 128) = (245.47, 250, 254.5) -> #f5faff.
  const auto slice = std::find_if(rects.begin(), rects.end(), [](const SvgElement& r) {
    return r.attributes.at("width") == "14" && r.attributes.at("fill") != "none";
  });
  ASSERT_NE(slice, rects.end());
  EXPECT_EQ(slice->attributes.at("fill"), "#f5faff");
  // Ticks 0..5 on the range [0, 5]; the bar is 120 px (the minimum) from y = 36.
  for (const char* tick : {"0", "1", "2", "3", "4"}) {
    EXPECT_NE(text_element(svg, tick), nullptr) << tick;
  }
  const SvgElement* top_tick = nullptr;
  for (const SvgElement& element : svg.elements) {
    if (element.name == "text" && element.text == "5" && element.attributes.count("fill") == 0) {
      top_tick = &element;
    }
  }
  ASSERT_NE(top_tick, nullptr);
  EXPECT_EQ(top_tick->attributes.at("y"), "40");  // 36 + 4
}

TEST(HeatMap, DivergingScaleIsCentredAtZero) {
  HeatMap map;
  map.row_labels = {"drug A"};
  map.column_labels = {"low", "zero", "high"};
  map.values.resize(1, 3);
  map.values << -2, 0, 1;
  map.diverging = true;
  const ParsedSvg svg = parse_svg(render_heat_map(map));
  ASSERT_EQ(svg.error, "");
  // Data [-2, 1] becomes [-2, 2]: -2 is full blue, 0 white, 1 halfway from white to red.
  std::vector<std::string> fills;
  for (const SvgElement& rect : elements_named(svg, "rect")) {
    if (rect.attributes.at("width") == "48") fills.push_back(rect.attributes.at("fill"));
  }
  EXPECT_EQ(fills, (std::vector<std::string>{"#2166ac", "#f7f7f7", "#ef8a62"}));
  EXPECT_NE(text_element(svg, "-2"), nullptr);
  // Column labels are rotated.
  ASSERT_NE(text_element(svg, "high"), nullptr);
  EXPECT_NE(text_element(svg, "high")->attributes.at("transform").find("rotate(-45 "),
            std::string::npos);
}

TEST(HeatMap, ExplicitRangeClampsOutliers) {
  HeatMap map = five_stops();
  map.min = 0;
  map.max = 2.5;  // 2.5 and above are the darkest color
  const auto cells = cells_of(parse_svg(render_heat_map(map)));
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_EQ(cells[1].attributes.at("fill"), "#6baed6");  // 1.25 is half of 2.5
  EXPECT_EQ(cells[2].attributes.at("fill"), "#08306b");
  EXPECT_EQ(cells[5].attributes.at("fill"), "#08306b");
}

TEST(HeatMap, AllMissingStillRenders) {
  HeatMap map = five_stops();
  map.values.setConstant(kNan);
  const ParsedSvg svg = parse_svg(render_heat_map(map));
  ASSERT_EQ(svg.error, "");
  EXPECT_EQ(test::non_finite_attribute(svg), "");
  for (const SvgElement& cell : cells_of(svg)) EXPECT_EQ(cell.attributes.at("fill"), "#bdbdbd");
}

TEST(HeatMap, RefusesShapesThatDoNotMatchTheLabels) {
  const auto message_of = [](const HeatMap& map) {
    return test::figure_error([&] { render_heat_map(map); });
  };
  EXPECT_NE(message_of(HeatMap{}).find("at least one cell"), std::string::npos);
  HeatMap map = five_stops();
  map.column_labels.pop_back();
  EXPECT_NE(message_of(map).find("values are 2 x 3 but there are 2 row labels and 2 column labels"),
            std::string::npos);
}

}  // namespace
}  // namespace ontonet
