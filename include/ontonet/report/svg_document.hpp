// A minimal writer of standalone SVG figures: rectangles, lines, polylines, circles and text on a
// white background, in sans-serif, with nothing external (no fonts, scripts or style sheets), so a
// figure opens the same in a browser, an editor and a paper. Coordinates are printed with at most
// 2 decimals, which is far below a pixel and keeps files small and diffs readable.
//
// Every coordinate passed in must be finite: a "nan" in an SVG attribute makes viewers drop the
// element or the whole file, so a non-finite value is a bug in the chart code (which must skip
// such data points itself) and fails ONTONET_CHECK.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ontonet {

enum class TextAnchor { kStart, kMiddle, kEnd };

struct TextStyle {
  double size = 12;
  TextAnchor anchor = TextAnchor::kStart;
  bool bold = false;
  double rotation = 0;  // degrees, clockwise, about the anchor point
  std::string color = "#000000";
};

struct StrokeStyle {
  std::string color = "#000000";
  double width = 1;
  bool dashed = false;
};

class SvgDocument {
 public:
  SvgDocument(double width, double height);

  double width() const { return width_; }
  double height() const { return height_; }

  // `fill` and `stroke` are SVG colors; "none" leaves the area or the outline undrawn.
  void rect(double x, double y, double width, double height, const std::string& fill,
            const std::string& stroke = "none");
  void line(double x1, double y1, double x2, double y2, const StrokeStyle& stroke);
  // Fewer than 2 points draw nothing.
  void polyline(const std::vector<std::pair<double, double>>& points, const StrokeStyle& stroke);
  void circle(double cx, double cy, double radius, const std::string& fill);
  // (x, y) is the anchor point on the text's baseline. The text is XML-escaped.
  void text(double x, double y, const std::string& content, const TextStyle& style = {});

  // Everything drawn until the matching end_group() is shifted by (dx, dy).
  void begin_group(double dx, double dy);
  void end_group();

  // The complete document. Requires every group to be closed.
  std::string str() const;

 private:
  double width_;
  double height_;
  int open_groups_ = 0;
  std::string body_;
};

// `text` with & < > " ' replaced by entities and control characters (not allowed in XML 1.0)
// other than tab and newline replaced by '?'.
std::string xml_escaped(const std::string& text);

// At most `max_chars` characters (UTF-8 code points), the last one an ellipsis when cut.
std::string truncated_label(const std::string& text, std::size_t max_chars);

// A rough width in pixels of `text` in sans-serif at `font_size`, for layout: an average glyph is
// about 0.6 em wide, so this rarely underestimates.
double estimated_text_width(const std::string& text, double font_size);

// The Okabe-Ito colorblind-safe palette (8 colors) in the order charts use them, cycling for
// index >= 8. Yellow comes last: it is the hardest to see on white.
const std::string& palette_color(int index);

// Writes `svg` to `path` atomically (see core/atomic_file.hpp); throws InputError naming `path`.
void write_svg(const std::string& path, const std::string& svg);

}  // namespace ontonet
