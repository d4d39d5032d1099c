// The color scales that the report module's figures share, so a value reads the same in a heat
// map and in an ontology DAG: ColorBrewer's sequential Blues (light = low, dark = high) and
// diverging RdBu (blue, near-white, red), a grey for missing values apart from every color of
// either scale, and the color bar with ticks that explains a scale.
#pragma once

#include <array>
#include <string>

namespace ontonet {

class SvgDocument;

// An RGB color, each channel in [0, 255].
using Rgb = std::array<double, 3>;

// Missing (non-finite) values: #bdbdbd.
inline constexpr Rgb kMissingRgb = {0xbd, 0xbd, 0xbd};
inline constexpr const char* kMissingColor = "#bdbdbd";

// The scale's color at `fraction` of its range, clamped to [0, 1], interpolated linearly between
// the 5 stops: sequential from #f7fbff (0) to #08306b (1), diverging from #2166ac (0) through
// #f7f7f7 (0.5) to #b2182b (1).
Rgb scale_color(double fraction, bool diverging);

// "#rrggbb", each channel rounded.
std::string hex_color(const Rgb& color);

// "#ffffff" on a dark `fill` (relative luminance below 0.5), else "#000000".
std::string text_color_on(const Rgb& fill);

// Width of a vertical color bar (its slices are this wide).
inline constexpr double kColorBarWidth = 14;

// A vertical color bar at (left, top), `height` px tall, low values at the bottom, with a frame
// and nice ticks of [lo, hi] labelled (11 px) on its right. Requires lo < hi.
void draw_color_bar(SvgDocument& svg, double left, double top, double height, double lo, double hi,
                    bool diverging);

// The horizontal room draw_color_bar takes, tick labels and a small margin included.
double color_bar_extent(double lo, double hi);

}  // namespace ontonet
