#include "ontonet/report/color_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <vector>

#include "ontonet/report/axis_ticks.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

constexpr double kTickFont = 11;
constexpr int kColorBarSlices = 64;
const char* const kFrameColor = "#333333";

// ColorBrewer's Blues (light to dark) and RdBu (blue to red through near-white), 5 stops each.
const std::array<Rgb, 5> kSequential = {Rgb{0xf7, 0xfb, 0xff}, Rgb{0xc6, 0xdb, 0xef},
                                        Rgb{0x6b, 0xae, 0xd6}, Rgb{0x21, 0x71, 0xb5},
                                        Rgb{0x08, 0x30, 0x6b}};
const std::array<Rgb, 5> kDiverging = {Rgb{0x21, 0x66, 0xac}, Rgb{0x67, 0xa9, 0xcf},
                                       Rgb{0xf7, 0xf7, 0xf7}, Rgb{0xef, 0x8a, 0x62},
                                       Rgb{0xb2, 0x18, 0x2b}};

// Relative luminance in [0, 1], good enough to choose black or white text.
double luminance(const Rgb& color) {
  return (0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2]) / 255;
}

}  // namespace

Rgb scale_color(double fraction, bool diverging) {
  const std::array<Rgb, 5>& stops = diverging ? kDiverging : kSequential;
  const double position = std::clamp(fraction, 0.0, 1.0) * (stops.size() - 1);
  const auto below = std::min(static_cast<std::size_t>(position), stops.size() - 2);
  const double weight = position - static_cast<double>(below);
  Rgb color;
  for (int c = 0; c < 3; ++c) {
    color[c] = stops[below][c] + weight * (stops[below + 1][c] - stops[below][c]);
  }
  return color;
}

std::string hex_color(const Rgb& color) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(std::lround(color[0])),
                static_cast<int>(std::lround(color[1])), static_cast<int>(std::lround(color[2])));
  return buffer;
}

std::string text_color_on(const Rgb& fill) { return luminance(fill) < 0.5 ? "#ffffff" : "#000000"; }

void draw_color_bar(SvgDocument& svg, double left, double top, double height, double lo, double hi,
                    bool diverging) {
  const double slice = height / kColorBarSlices;
  for (int k = 0; k < kColorBarSlices; ++k) {
    const double fraction = (k + 0.5) / kColorBarSlices;
    // Slices overlap by half a pixel so no background line shows between them.
    const double extra = k + 1 < kColorBarSlices ? 0.5 : 0;
    svg.rect(left, top + height - slice * (k + 1) - extra, kColorBarWidth, slice + extra,
             hex_color(scale_color(fraction, diverging)));
  }
  svg.rect(left, top, kColorBarWidth, height, "none", kFrameColor);
  const AxisScale scale{lo, hi, top + height, top, false};
  const double right = left + kColorBarWidth;
  const std::vector<double> ticks = nice_ticks(lo, hi);
  const std::vector<std::string> labels = tick_labels(ticks);
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    const double py = scale.to_pixel(ticks[k]);
    svg.line(right, py, right + 4, py, StrokeStyle{kFrameColor, 1, false});
    svg.text(right + 6, py + 4, labels[k], TextStyle{kTickFont});
  }
}

double color_bar_extent(double lo, double hi) {
  double tick_width = 0;
  for (const std::string& label : tick_labels(nice_ticks(lo, hi))) {
    tick_width = std::max(tick_width, estimated_text_width(label, kTickFont));
  }
  return kColorBarWidth + 18 + tick_width;
}

}  // namespace ontonet
