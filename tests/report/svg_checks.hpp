// A tiny reader of the SVG that the report module writes, for tests: checks that the document is
// well-formed (every tag closed or self-closed, in order; attribute values quoted; only the five
// XML entities) and lists its elements with their attributes and text.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet::test {

struct SvgElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // the characters right after the start tag, up to the next tag
};

struct ParsedSvg {
  std::string error;  // empty when well-formed
  std::vector<SvgElement> elements;
};

inline bool valid_entities(const std::string& text) {
  for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) {
    bool known = false;
    for (const char* entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      known = known || text.compare(at, std::string(entity).size(), entity) == 0;
    }
    if (!known) return false;
  }
  return true;
}

inline ParsedSvg parse_svg(const std::string& svg) {
  ParsedSvg parsed;
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  const auto fail = [&parsed](const std::string& message, std::size_t at) {
    parsed.error = message + " at byte " + std::to_string(at);
    return parsed;
  };
  while (i < svg.size()) {
    const std::size_t tag = svg.find('<', i);
    const std::string text = svg.substr(i, tag == std::string::npos ? std::string::npos : tag - i);
    if (!valid_entities(text) || text.find('>') != std::string::npos) {
      return fail("bad character data", i);
    }
    if (!parsed.elements.empty() && !open.empty() && open.back() == parsed.elements.back().name) {
      parsed.elements.back().text += text;
    }
    if (tag == std::string::npos) break;
    if (svg.compare(tag, 2, "<?") == 0) {
      const std::size_t end = svg.find("?>", tag);
      if (end == std::string::npos) return fail("unterminated <?", tag);
      i = end + 2;
      continue;
    }
    std::size_t at = tag + 1;
    const bool closing = svg[at] == '/';
    if (closing) ++at;
    std::string name;
    while (at < svg.size() && (std::isalnum(static_cast<unsigned char>(svg[at])) ||
                               svg[at] == '-' || svg[at] == ':')) {
      name += svg[at++];
    }
    if (name.empty()) return fail("tag without a name", tag);
    if (closing) {
      if (open.empty() || open.back() != name || svg[at] != '>') {
        return fail("</" + name + "> does not close the open tag", tag);
      }
      open.pop_back();
      i = at + 1;
      continue;
    }
    SvgElement element{name, {}, ""};
    // Attributes: space name="value", until > or />.
    while (true) {
      while (at < svg.size() && std::isspace(static_cast<unsigned char>(svg[at]))) ++at;
      if (at >= svg.size()) return fail("unterminated <" + name, tag);
      if (svg[at] == '>' || svg.compare(at, 2, "/>") == 0) break;
      const std::size_t equals = svg.find('=', at);
      if (equals == std::string::npos || svg[equals + 1] != '"') {
        return fail("attribute without a quoted value in <" + name, at);
      }
      const std::size_t close = svg.find('"', equals + 2);
      if (close == std::string::npos) return fail("unbalanced quote in <" + name, at);
      const std::string key = svg.substr(at, equals - at);
      const std::string value = svg.substr(equals + 2, close - equals - 2);
      if (value.find('<') != std::string::npos || !valid_entities(value)) {
        return fail("bad attribute value in <" + name, at);
      }
      if (element.attributes.count(key)) return fail("repeated attribute " + key, at);
      element.attributes[key] = value;
      at = close + 1;
    }
    if (open.empty() && ++roots > 1) return fail("a second root element", tag);
    parsed.elements.push_back(element);
    if (svg[at] == '>') {
      open.push_back(name);
      i = at + 1;
    } else {
      i = at + 2;
    }
  }
  if (!open.empty()) return fail("<" + open.back() + "> never closed", svg.size());
  if (roots != 1 || parsed.elements.front().name != "svg") return fail("no single <svg> root", 0);
  return parsed;
}

inline std::vector<SvgElement> elements_named(const ParsedSvg& parsed, const std::string& name) {
  std::vector<SvgElement> found;
  for (const SvgElement& element : parsed.elements) {
    if (element.name == name) found.push_back(element);
  }
  return found;
}

// The first attribute value, anywhere, that spells a non-finite number ("nan", "inf"), or "".
inline std::string non_finite_attribute(const ParsedSvg& parsed) {
  for (const SvgElement& element : parsed.elements) {
    for (const auto& [key, value] : element.attributes) {
      std::string lower;
      for (const char c : value) lower += static_cast<char>(std::tolower(c));
      if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos) {
        return element.name + " " + key + "=\"" + value + "\"";
      }
    }
  }
  return "";
}

// The first text element whose content is `content`, or null.
inline const SvgElement* find_text(const ParsedSvg& svg, const std::string& content) {
  for (const SvgElement& element : svg.elements) {
    if (element.name == "text" && element.text == content) return &element;
  }
  return nullptr;
}

// A numeric attribute of an element (x, y, width, ...).
inline double number_attribute(const SvgElement& element, const std::string& attribute) {
  return std::stod(element.attributes.at(attribute));
}

inline std::vector<std::string> texts(const ParsedSvg& parsed) {
  std::vector<std::string> found;
  for (const SvgElement& element : elements_named(parsed, "text")) found.push_back(element.text);
  return found;
}

// The message of the ConfigError("figure", ...) that `render` throws; a test failure and "" when it
// throws none.
template <typename Render>
std::string figure_error(Render render) {
  try {
    render();
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "figure");
    return error.what();
  }
  ADD_FAILURE() << "expected ConfigError(\"figure\", ...)";
  return "";
}

}  // namespace ontonet::test
