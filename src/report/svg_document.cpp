#include "ontonet/report/svg_document.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// 2 decimals, trailing zeros dropped, and never "-0".
std::string number(double value) {
  ONTONET_CHECK(std::isfinite(value), "non-finite coordinate passed to SvgDocument");
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string attribute(const char* name, double value) {
  return std::string(" ") + name + "=\"" + number(value) + "\"";
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escaped(value) + "\"";
}

std::string stroke_attributes(const StrokeStyle& stroke) {
  std::string result = attribute("stroke", stroke.color) + attribute("stroke-width", stroke.width);
  if (stroke.dashed) result += " stroke-dasharray=\"6,4\"";
  return result;
}

const char* anchor_name(TextAnchor anchor) {
  switch (anchor) {
    case TextAnchor::kStart:
      return "start";
    case TextAnchor::kMiddle:
      return "middle";
    case TextAnchor::kEnd:
      return "end";
  }
  return "start";
}

}  // namespace

SvgDocument::SvgDocument(double width, double height) : width_(width), height_(height) {
  ONTONET_CHECK(std::isfinite(width) && std::isfinite(height) && width > 0 && height > 0,
                "an SVG document needs a positive size");
  rect(0, 0, width, height, "#ffffff");
}

void SvgDocument::rect(double x, double y, double width, double height, const std::string& fill,
                       const std::string& stroke) {
  body_ += "<rect" + attribute("x", x) + attribute("y", y) + attribute("width", width) +
           attribute("height", height) + attribute("fill", fill);
  if (stroke != "none") body_ += attribute("stroke", stroke);
  body_ += "/>\n";
}

void SvgDocument::line(double x1, double y1, double x2, double y2, const StrokeStyle& stroke) {
  body_ += "<line" + attribute("x1", x1) + attribute("y1", y1) + attribute("x2", x2) +
           attribute("y2", y2) + stroke_attributes(stroke) + "/>\n";
}

void SvgDocument::polyline(const std::vector<std::pair<double, double>>& points,
                           const StrokeStyle& stroke) {
  if (points.size() < 2) return;
  std::string coordinates;
  for (const auto& [x, y] : points) {
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += number(x) + "," + number(y);
  }
  body_ += "<polyline points=\"" + coordinates + "\" fill=\"none\"" + stroke_attributes(stroke) +
           " stroke-linejoin=\"round\"/>\n";
}

void SvgDocument::circle(double cx, double cy, double radius, const std::string& fill) {
  body_ += "<circle" + attribute("cx", cx) + attribute("cy", cy) + attribute("r", radius) +
           attribute("fill", fill) + "/>\n";
}

void SvgDocument::text(double x, double y, const std::string& content, const TextStyle& style) {
  body_ += "<text" + attribute("x", x) + attribute("y", y) + attribute("font-size", style.size);
  if (style.anchor != TextAnchor::kStart) {
    body_ += std::string(" text-anchor=\"") + anchor_name(style.anchor) + "\"";
  }
  if (style.bold) body_ += " font-weight=\"bold\"";
  if (style.color != "#000000") body_ += attribute("fill", style.color);
  if (style.rotation != 0) {
    body_ +=
        " transform=\"rotate(" + number(style.rotation) + " " + number(x) + " " + number(y) + ")\"";
  }
  body_ += ">" + xml_escaped(content) + "</text>\n";
}

void SvgDocument::begin_group(double dx, double dy) {
  body_ += "<g transform=\"translate(" + number(dx) + "," + number(dy) + ")\">\n";
  ++open_groups_;
}

void SvgDocument::end_group() {
  ONTONET_CHECK(open_groups_ > 0, "end_group() without begin_group()");
  body_ += "</g>\n";
  --open_groups_;
}

std::string SvgDocument::str() const {
  ONTONET_CHECK(open_groups_ == 0, "SvgDocument::str() with an unclosed group");
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\"" +
         attribute("width", width_) + attribute("height", height_) + " viewBox=\"0 0 " +
         number(width_) + " " + number(height_) + "\" font-family=\"sans-serif\">\n" + body_ +
         "</svg>\n";
}

std::string xml_escaped(const std::string& text) {
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        result += "&amp;";
        break;
      case '<':
        result += "&lt;";
        break;
      case '>':
        result += "&gt;";
        break;
      case '"':
        result += "&quot;";
        break;
      case '\'':
        result += "&apos;";
        break;
      default:
        const bool control = static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n';
        result += control ? '?' : c;
    }
  }
  return result;
}

std::string truncated_label(const std::string& text, std::size_t max_chars) {
  ONTONET_CHECK(max_chars >= 1, "truncated_label needs room for at least one character");
  // Byte offsets where each code point starts; continuation bytes are 10xxxxxx.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= max_chars) return text;
  return text.substr(0, starts[max_chars - 1]) + "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
}

double estimated_text_width(const std::string& text, double font_size) {
  std::size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return 0.6 * font_size * static_cast<double>(chars);
}

const std::string& palette_color(int index) {
  static const std::array<std::string, 8> kOkabeIto = {
      "#0072B2",  // blue
      "#D55E00",  // vermillion
      "#009E73",  // bluish green
      "#E69F00",  // orange
      "#56B4E9",  // sky blue
      "#CC79A7",  // reddish purple
      "#000000",  // black
      "#F0E442",  // yellow
  };
  ONTONET_CHECK(index >= 0, "palette index must be >= 0");
  return kOkabeIto[static_cast<std::size_t>(index) % kOkabeIto.size()];
}

void write_svg(const std::string& path, const std::string& svg) {
  write_file_atomically(path, [&svg](std::ostream& out) { out << svg; });
}

}  // namespace ontonet
