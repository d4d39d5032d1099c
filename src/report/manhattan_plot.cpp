#include "ontonet/report/manhattan_plot.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "ontonet/core/error.hpp"
#include "ontonet/report/axis_ticks.hpp"
#include "ontonet/report/svg_document.hpp"

namespace ontonet {

namespace {

constexpr double kWidth = 960;
constexpr double kHeight = 440;
constexpr double kPlotTop = 40;
constexpr double kPlotBottom = kHeight - 76;
constexpr double kPlotRight = kWidth - 16;
constexpr double kEndPadding = 4;       // between the frame and the first and last chromosome
constexpr double kMinSpanShare = 0.02;  // of the widest span, for chromosomes with few SNPs
constexpr double kTickFont = 11;
constexpr double kLabelFont = 10;
constexpr double kRangePadding = 0.04;
const char* const kGridColor = "#e5e5e5";
const char* const kFrameColor = "#333333";
// Neighbouring chromosomes alternate between these: Okabe-Ito blue and a mid grey.
const char* const kChromosomeColors[2] = {"#0072B2", "#8c8c8c"};

// Sorts chromosomes: numbers (by value), then X, Y, XY, MT, then other names alphabetically;
// a "chr" prefix does not count, except that the bare name comes first on a tie.
struct ChromosomeKey {
  int group = 0;      // 0 numeric, 1 sex and mitochondrial, 2 other
  std::string value;  // numeric: the digits without leading zeros; other: the name
  int special = 0;    // X, Y, XY, MT
  bool prefixed = false;
  std::string name;

  explicit ChromosomeKey(const std::string& chromosome) : name(chromosome) {
    std::string bare = chromosome;
    std::string upper;
    for (const char c : chromosome) upper += static_cast<char>(std::toupper(c));
    prefixed = upper.rfind("CHR", 0) == 0 && chromosome.size() > 3;
    if (prefixed) {
      bare = chromosome.substr(3);
      upper = upper.substr(3);
    }
    const bool digits = !bare.empty() && std::all_of(bare.begin(), bare.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (digits) {
      value = bare.substr(std::min(bare.find_first_not_of('0'), bare.size() - 1));
      return;
    }
    const std::map<std::string, int> specials = {
        {"X", 0}, {"Y", 1}, {"XY", 2}, {"MT", 3}, {"M", 3}};
    if (const auto found = specials.find(upper); found != specials.end()) {
      group = 1;
      special = found->second;
      return;
    }
    group = 2;
    value = upper;  // alphabetical regardless of case
  }

  bool operator<(const ChromosomeKey& other) const {
    return std::make_tuple(group, value.size() * (group == 0), value, special, prefixed, name) <
           std::make_tuple(other.group, other.value.size() * (other.group == 0), other.value,
                           other.special, other.prefixed, other.name);
  }
};

// Where a chromosome's positions go on the x axis.
struct ChromosomeSpan {
  std::string name;
  std::int64_t first = 0, last = 0;  // lowest and highest position
  double left = 0, width = 0;        // in pixels

  double to_pixel(std::int64_t position) const {
    if (last == first) return left + width / 2;
    return left + width * static_cast<double>(position - first) / static_cast<double>(last - first);
  }
};

struct Layout {
  std::vector<ChromosomeSpan> spans;
  std::vector<std::size_t> span_of;  // per point; spans.size() for a non-finite score
  AxisScale y;
  std::vector<double> y_ticks;
};

std::vector<ChromosomeSpan> chromosome_spans(const std::vector<ManhattanPoint>& points,
                                             std::vector<std::size_t>& span_of) {
  std::map<ChromosomeKey, ChromosomeSpan> by_key;
  for (const ManhattanPoint& point : points) {
    if (!std::isfinite(point.score)) continue;
    const auto [at, added] = by_key.try_emplace(ChromosomeKey(point.chromosome));
    ChromosomeSpan& span = at->second;
    if (added) span = ChromosomeSpan{point.chromosome, point.position, point.position, 0, 0};
    span.first = std::min(span.first, point.position);
    span.last = std::max(span.last, point.position);
  }
  std::vector<ChromosomeSpan> spans;
  std::map<std::string, std::size_t> index;
  for (const auto& [key, span] : by_key) {
    index[span.name] = spans.size();
    spans.push_back(span);
  }
  span_of.clear();
  for (const ManhattanPoint& point : points) {
    span_of.push_back(std::isfinite(point.score) ? index.at(point.chromosome) : spans.size());
  }
  return spans;
}

void place_spans(std::vector<ChromosomeSpan>& spans, double plot_left) {
  double widest = 0;
  for (const ChromosomeSpan& span : spans) {
    widest = std::max(widest, static_cast<double>(span.last - span.first));
  }
  std::vector<double> weights;
  for (const ChromosomeSpan& span : spans) {
    weights.push_back(widest == 0 ? 1.0
                                  : std::max(static_cast<double>(span.last - span.first),
                                             kMinSpanShare * widest));
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  const double room = kPlotRight - plot_left - 2 * kEndPadding;
  const double n = static_cast<double>(spans.size());
  const double gap = std::min(6.0, 0.25 * room / n);
  double left = plot_left + kEndPadding;
  for (std::size_t c = 0; c < spans.size(); ++c) {
    spans[c].left = left;
    spans[c].width = (room - gap * (n - 1)) * weights[c] / total;
    left += spans[c].width + gap;
  }
}

Layout layout_of(const ManhattanPlot& plot) {
  Layout layout;
  layout.spans = chromosome_spans(plot.points, layout.span_of);
  // The y range always holds 0, and is padded away from it only.
  double lo = 0;
  double hi = 0;
  for (const ManhattanPoint& point : plot.points) {
    if (!std::isfinite(point.score)) continue;
    lo = std::min(lo, point.score);
    hi = std::max(hi, point.score);
  }
  if (lo == hi) hi = 1;
  const double padding = kRangePadding * (hi - lo);
  if (lo < 0) lo -= padding;
  if (hi > 0) hi += padding;
  layout.y_ticks = nice_ticks(lo, hi);
  double widest_tick = 0;
  for (const std::string& label : tick_labels(layout.y_ticks)) {
    widest_tick = std::max(widest_tick, estimated_text_width(label, kTickFont));
  }
  const double plot_left = std::max(56.0, 32 + widest_tick);
  layout.y = AxisScale{lo, hi, kPlotBottom, kPlotTop, false};
  place_spans(layout.spans, plot_left);
  return layout;
}

double plot_left(const Layout& layout) { return layout.spans.front().left - kEndPadding; }

void draw_axes(SvgDocument& svg, const ManhattanPlot& plot, const Layout& layout) {
  const double left = plot_left(layout);
  const std::vector<std::string> labels = tick_labels(layout.y_ticks);
  for (std::size_t k = 0; k < layout.y_ticks.size(); ++k) {
    const double py = layout.y.to_pixel(layout.y_ticks[k]);
    svg.line(left, py, kPlotRight, py, StrokeStyle{kGridColor, 1, false});
    svg.line(left - 4, py, left, py, StrokeStyle{kFrameColor, 1, false});
    svg.text(left - 6, py + 4, labels[k], TextStyle{kTickFont, TextAnchor::kEnd});
  }
  // Chromosome names below their span's middle, in a second row with a longer tick where the
  // first row has no room, left out where neither has.
  double row_end[2] = {-1e300, -1e300};
  for (const ChromosomeSpan& span : layout.spans) {
    const double middle = span.left + span.width / 2;
    const double half = estimated_text_width(span.name, kTickFont) / 2;
    // Kept inside the figure: the last chromosome's name may be wider than its span.
    const double centre = std::clamp(middle, 2 + half, std::max(2 + half, kWidth - 2 - half));
    for (int row = 0; row < 2; ++row) {
      if (centre - half < row_end[row] + 4) continue;
      svg.line(middle, kPlotBottom, middle, kPlotBottom + 4 + 13 * row,
               StrokeStyle{kFrameColor, 1, false});
      svg.text(centre, kPlotBottom + 16 + 13 * row, span.name,
               TextStyle{kTickFont, TextAnchor::kMiddle});
      row_end[row] = centre + half;
      break;
    }
  }
  const auto chars_in = [](double pixels, double font) {
    return static_cast<std::size_t>(std::max(1.0, pixels / (0.6 * font)));
  };
  svg.text(kWidth / 2, 24, truncated_label(plot.title, chars_in(kWidth - 20, 14)),
           TextStyle{14, TextAnchor::kMiddle, true});
  svg.text((left + kPlotRight) / 2, kPlotBottom + 48, "chromosome",
           TextStyle{12, TextAnchor::kMiddle});
  svg.text(16, (kPlotTop + kPlotBottom) / 2,
           truncated_label(plot.y_label, chars_in(kPlotBottom - kPlotTop, 12)),
           TextStyle{12, TextAnchor::kMiddle, false, -90});
}

struct Box {
  double left, top, right, bottom;
  bool overlaps(const Box& other) const {
    return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
  }
};

// Writes the labels of the points `top` (best first) near their dots: at the free place nearest
// to the dot among rows 13 px apart above and below it, in up to 3 columns on either side, where
// the label overlaps no label already written and no labelled dot and stays inside the plot; the
// nearest place of all when none is free. A label away from its dot gets a leader line.
void draw_labels(SvgDocument& svg, const ManhattanPlot& plot, const Layout& layout,
                 const std::vector<std::size_t>& top, double radius) {
  std::vector<std::pair<double, double>> dots;
  for (const std::size_t i : top) {
    const ManhattanPoint& point = plot.points[i];
    dots.emplace_back(layout.spans[layout.span_of[i]].to_pixel(point.position),
                      layout.y.to_pixel(point.score));
  }
  const Box plot_box{plot_left(layout), kPlotTop, kPlotRight, kPlotBottom};
  std::vector<Box> taken;
  for (std::size_t k = 0; k < top.size(); ++k) {
    const ManhattanPoint& point = plot.points[top[k]];
    const std::string label = truncated_label(
        point.label.empty() ? point.chromosome + ":" + std::to_string(point.position) : point.label,
        32);
    const double width = estimated_text_width(label, kLabelFont);
    const auto [px, py] = dots[k];
    // Text boxes: 9 px above the baseline and 2 below, from the dot's nearest point on them.
    struct Place {
      Box box;
      double distance;
    };
    std::vector<Place> places;
    for (int column = 0; column < 3; ++column) {
      for (int step = -8; step <= 8; ++step) {
        const double baseline = py + 3.5 + 13 * step;
        const double shift = radius + 3 + column * (width + 8);
        for (const double left : {px + shift, px - shift - width}) {
          const Box box{left, baseline - 9, left + width, baseline + 2};
          places.push_back({box, std::hypot(std::clamp(px, box.left, box.right) - px,
                                            std::clamp(py, box.top, box.bottom) - py)});
        }
      }
    }
    std::stable_sort(places.begin(), places.end(),
                     [](const Place& a, const Place& b) { return a.distance < b.distance; });
    const auto free = [&](const Box& box) {
      if (box.left < plot_box.left || box.right > plot_box.right || box.top < plot_box.top ||
          box.bottom > plot_box.bottom) {
        return false;
      }
      for (const Box& other : taken) {
        if (box.overlaps(other)) return false;
      }
      for (const auto& [dx, dy] : dots) {
        if (box.overlaps(Box{dx - radius, dy - radius, dx + radius, dy + radius})) return false;
      }
      return true;
    };
    const auto found = std::find_if(places.begin(), places.end(),
                                    [&free](const Place& place) { return free(place.box); });
    const Box box = (found == places.end() ? places.front() : *found).box;
    taken.push_back(box);
    const double end_x = std::clamp(px, box.left, box.right);
    const double end_y = std::clamp(py, box.top, box.bottom);
    const double distance = std::hypot(end_x - px, end_y - py);
    if (distance > radius + 6) {
      svg.line(px + (end_x - px) * radius / distance, py + (end_y - py) * radius / distance, end_x,
               end_y, StrokeStyle{"#555555", 0.75, false});
    }
    svg.text(box.left, box.bottom - 2, label, TextStyle{kLabelFont});
  }
}

}  // namespace

std::vector<std::string> manhattan_chromosome_order(const std::vector<ManhattanPoint>& points) {
  std::vector<std::size_t> span_of;
  std::vector<std::string> names;
  for (const ChromosomeSpan& span : chromosome_spans(points, span_of)) names.push_back(span.name);
  return names;
}

std::string render_manhattan_plot(const ManhattanPlot& plot) {
  std::vector<std::size_t> finite;
  for (std::size_t i = 0; i < plot.points.size(); ++i) {
    if (std::isfinite(plot.points[i].score)) finite.push_back(i);
  }
  if (finite.empty()) {
    throw ConfigError("figure",
                      "a Manhattan plot needs at least one point with a finite score, got " +
                          std::to_string(plot.points.size()) + " points and none finite");
  }
  const Layout layout = layout_of(plot);
  SvgDocument svg(kWidth, kHeight);
  draw_axes(svg, plot, layout);

  // Whole-pixel centres; a dot on a pixel already drawn is skipped (same place, same color).
  const double radius = finite.size() > 5000 ? 1.6 : 2.5;
  std::unordered_set<std::int64_t> drawn;
  for (const std::size_t i : finite) {
    const ManhattanPoint& point = plot.points[i];
    const std::size_t c = layout.span_of[i];
    const double px = std::round(layout.spans[c].to_pixel(point.position));
    const double py = std::round(layout.y.to_pixel(point.score));
    if (!drawn.insert(static_cast<std::int64_t>(px) * 100000 + static_cast<std::int64_t>(py))
             .second) {
      continue;
    }
    svg.circle(px, py, radius, kChromosomeColors[c % 2]);
  }
  svg.rect(plot_left(layout), kPlotTop, kPlotRight - plot_left(layout), kPlotBottom - kPlotTop,
           "none", kFrameColor);

  // The best points, ties in input order, ringed in black and labelled.
  std::vector<std::size_t> top = finite;
  const std::size_t n_top = std::min(plot.n_labelled, top.size());
  std::stable_sort(top.begin(), top.end(), [&plot](std::size_t a, std::size_t b) {
    return plot.points[a].score > plot.points[b].score;
  });
  top.resize(n_top);
  for (const std::size_t i : top) {
    const double px = layout.spans[layout.span_of[i]].to_pixel(plot.points[i].position);
    const double py = layout.y.to_pixel(plot.points[i].score);
    svg.circle(px, py, radius + 1.2, "#000000");
    svg.circle(px, py, radius, kChromosomeColors[layout.span_of[i] % 2]);
  }
  draw_labels(svg, plot, layout, top, radius + 1.2);

  const std::size_t skipped = plot.points.size() - finite.size();
  if (skipped > 0) {
    svg.text(8, kHeight - 8,
             std::to_string(skipped) + (skipped == 1 ? " point" : " points") +
                 " with a non-finite score not drawn",
             TextStyle{kLabelFont, TextAnchor::kStart, false, 0, "#555555"});
  }
  return svg.str();
}

}  // namespace ontonet
