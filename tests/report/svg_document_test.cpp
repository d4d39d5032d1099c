#include "ontonet/report/svg_document.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"
#include "svg_checks.hpp"

namespace ontonet {
namespace {

using test::parse_svg;

TEST(SvgDocument, StartsWithTheSizeAWhiteBackgroundAndSansSerif) {
  const SvgDocument svg(300, 200.5);
  const std::string text = svg.str();
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
  EXPECT_NE(text.find("width=\"300\" height=\"200.5\" viewBox=\"0 0 300 200.5\" "
                      "font-family=\"sans-serif\""),
            std::string::npos);
  EXPECT_NE(text.find("<rect x=\"0\" y=\"0\" width=\"300\" height=\"200.5\" fill=\"#ffffff\"/>"),
            std::string::npos);
  EXPECT_EQ(parse_svg(text).error, "");
}

TEST(SvgDocument, PrintsAtMostTwoDecimalsAndNeverMinusZero) {
  SvgDocument svg(10, 10);
  svg.rect(1.234567, 2.5, 10, -0.001, "red");
  svg.circle(-3.456, 1e-9, 2.999, "blue");
  const std::string text = svg.str();
  EXPECT_NE(text.find("<rect x=\"1.23\" y=\"2.5\" width=\"10\" height=\"0\" fill=\"red\"/>"),
            std::string::npos);
  EXPECT_NE(text.find("<circle cx=\"-3.46\" cy=\"0\" r=\"3\" fill=\"blue\"/>"), std::string::npos);
}

TEST(SvgDocument, EscapesEveryMarkupCharacterInTextAndAttributes) {
  SvgDocument svg(10, 10);
  svg.text(1, 2, "a<b & \"c\" 'd' > e\x01");
  svg.rect(0, 0, 1, 1, "x\"<y");
  const std::string text = svg.str();
  EXPECT_NE(text.find(">a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt; e?</text>"),
            std::string::npos);
  EXPECT_NE(text.find("fill=\"x&quot;&lt;y\""), std::string::npos);
  const test::ParsedSvg parsed = parse_svg(text);
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(test::texts(parsed).at(0), "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt; e?");
}

TEST(SvgDocument, RefusesNonFiniteCoordinatesAsABug) {
  SvgDocument svg(10, 10);
  EXPECT_THROW(svg.circle(std::nan(""), 1, 1, "red"), InternalError);
  EXPECT_THROW(svg.line(0, 0, std::numeric_limits<double>::infinity(), 1, {}), InternalError);
  EXPECT_THROW(svg.polyline({{0, 0}, {1, -std::numeric_limits<double>::infinity()}}, {}),
               InternalError);
  EXPECT_THROW(SvgDocument(std::nan(""), 10), InternalError);
}

TEST(SvgDocument, DrawsLinesPolylinesAndStyledText) {
  SvgDocument svg(100, 100);
  svg.line(0, 1, 2, 3, StrokeStyle{"#123456", 1.5, true});
  svg.polyline({{0, 0}, {10, 20.126}, {30, 5}}, StrokeStyle{"#00ff00", 2, false});
  svg.polyline({{7, 7}}, StrokeStyle{});  // one point: nothing to draw
  svg.text(50, 60, "T", TextStyle{11, TextAnchor::kEnd, true, -90, "#ffffff"});
  svg.text(5, 6, "plain");
  const std::string text = svg.str();
  EXPECT_NE(text.find("<line x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\" stroke=\"#123456\" "
                      "stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>"),
            std::string::npos);
  EXPECT_NE(text.find("<polyline points=\"0,0 10,20.13 30,5\" fill=\"none\" stroke=\"#00ff00\" "
                      "stroke-width=\"2\" stroke-linejoin=\"round\"/>"),
            std::string::npos);
  EXPECT_EQ(elements_named(parse_svg(text), "polyline").size(), 1u);
  EXPECT_NE(text.find("<text x=\"50\" y=\"60\" font-size=\"11\" text-anchor=\"end\" "
                      "font-weight=\"bold\" fill=\"#ffffff\" transform=\"rotate(-90 50 60)\">T"
                      "</text>"),
            std::string::npos);
  EXPECT_NE(text.find("<text x=\"5\" y=\"6\" font-size=\"12\">plain</text>"), std::string::npos);
}

TEST(SvgDocument, GroupsTranslateAndMustBeClosed) {
  SvgDocument svg(100, 100);
  svg.begin_group(560, 400.5);
  svg.circle(1, 1, 1, "red");
  EXPECT_THROW(svg.str(), InternalError);
  svg.end_group();
  EXPECT_THROW(svg.end_group(), InternalError);
  const std::string text = svg.str();
  EXPECT_NE(text.find("<g transform=\"translate(560,400.5)\">\n<circle"), std::string::npos);
  EXPECT_EQ(parse_svg(text).error, "");
}

TEST(SvgText, TruncatesByCharactersWithAnEllipsis) {
  EXPECT_EQ(truncated_label("short", 40), "short");
  const std::string long_label(45, 'x');
  EXPECT_EQ(truncated_label(long_label, 40), std::string(39, 'x') + "\xE2\x80\xA6");
  // Greek letters are 2 bytes each in UTF-8; a cut never splits one.
  EXPECT_EQ(truncated_label("\xCE\xB1\xCE\xB2\xCE\xB3\xCE\xB4", 3), "\xCE\xB1\xCE\xB2\xE2\x80\xA6");
  EXPECT_EQ(truncated_label("\xCE\xB1\xCE\xB2\xCE\xB3", 3), "\xCE\xB1\xCE\xB2\xCE\xB3");
  EXPECT_DOUBLE_EQ(estimated_text_width("abc", 10), 18);
  EXPECT_DOUBLE_EQ(estimated_text_width("\xCE\xB1\xCE\xB2", 10), 12);
}

TEST(SvgPalette, IsOkabeItoAndCycles) {
  EXPECT_EQ(palette_color(0), "#0072B2");
  EXPECT_EQ(palette_color(1), "#D55E00");
  EXPECT_EQ(palette_color(7), "#F0E442");
  EXPECT_EQ(palette_color(8), palette_color(0));
  EXPECT_EQ(palette_color(13), palette_color(5));
}

TEST(WriteSvg, WritesTheDocumentOrNamesThePath) {
  const test::ScratchDir dir("svg");
  const std::string svg = SvgDocument(10, 10).str();
  write_svg(dir.path("figure.svg"), svg);
  std::ifstream in(dir.path("figure.svg"));
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), svg);

  const std::string bad = dir.path("missing-folder/figure.svg");
  try {
    write_svg(bad, svg);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), bad);
    EXPECT_NE(std::string(error.what()).find("cannot write"), std::string::npos);
  }
}

}  // namespace
}  // namespace ontonet
