#include "obo_stanzas.hpp"

#include <string_view>

#include "ontonet/io/line_reader.hpp"
#include "text_excerpt.hpp"

namespace ontonet {

namespace {

enum class StanzaKind { kHeader, kTerm, kTypedef, kSkipped };

bool has_space(std::string_view text) {
  return text.find_first_of(" \t") != std::string_view::npos;
}

// A tag's value without its trailing "! comment" and "{qualifier=...}" list. A backslash escapes
// the next character, so "\!" does not start a comment.
std::string_view clean_value(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;
    } else if (value[i] == '!') {
      value = value.substr(0, i);
      break;
    }
  }
  value = trim(value);
  if (!value.empty() && value.back() == '}') {
    const std::size_t open = value.rfind('{');
    if (open != std::string_view::npos) value = trim(value.substr(0, open));
  }
  return value;
}

// A name with OBO's backslash escapes resolved: "\!" is "!", and "\n", "\W" and "\t" become
// spaces so that names stay on one line of the tables ontonet writes.
std::string unescape(std::string_view value) {
  std::string text;
  text.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      text += value[i];
      continue;
    }
    const char escaped = value[++i];
    text += (escaped == 'n' || escaped == 'W' || escaped == 't') ? ' ' : escaped;
  }
  return text;
}

class OboParser {
 public:
  explicit OboParser(const std::string& path) : reader_(path) {}

  OboStanzas parse() {
    std::string_view line;
    while (reader_.next(line)) {
      const std::string_view text = trim(line);
      if (text.empty() || text.front() == '!') continue;
      if (text.front() == '[') {
        finish_stanza();
        start_stanza(text);
        continue;
      }
      const std::size_t colon = text.find(':');
      if (colon == std::string_view::npos) {
        throw reader_.error("expected 'tag: value', found no ':' in " + quoted_excerpt(text));
      }
      const std::string_view tag = trim(text.substr(0, colon));
      if (tag.empty()) throw reader_.error("expected a tag name before ':'");
      read_tag(tag, text.substr(colon + 1));
    }
    finish_stanza();
    return std::move(stanzas_);
  }

 private:
  void start_stanza(std::string_view header) {
    if (header.back() != ']') throw reader_.error("expected ']' closing the stanza header");
    const std::string_view type = trim(header.substr(1, header.size() - 2));
    stanza_line_ = reader_.line_number();
    if (type == "Term") {
      kind_ = StanzaKind::kTerm;
      TermStanza stanza;
      stanza.term.name_space = default_namespace_;
      stanza.term.location = {reader_.path(), stanza_line_};
      stanzas_.terms.push_back(std::move(stanza));
      name_line_ = 0;
      namespace_line_ = 0;
    } else if (type == "Typedef") {
      kind_ = StanzaKind::kTypedef;
    } else if (type == "Instance") {
      kind_ = StanzaKind::kSkipped;
    } else if (type.empty()) {
      throw reader_.error("expected a stanza type between '[' and ']'");
    } else {
      kind_ = StanzaKind::kSkipped;
      ++stanzas_.skipped_stanzas[std::string(type)];
    }
  }

  void finish_stanza() {
    if (kind_ == StanzaKind::kTerm && stanzas_.terms.back().term.id.empty()) {
      throw InputError(reader_.path(), stanza_line_,
                       "expected an 'id:' tag in the [Term] stanza starting here");
    }
  }

  void read_tag(std::string_view tag, std::string_view raw_value) {
    switch (kind_) {
      case StanzaKind::kHeader:
        if (tag == "default-namespace") default_namespace_ = std::string(clean_value(raw_value));
        break;
      case StanzaKind::kTerm:
        read_term_tag(tag, raw_value);
        break;
      case StanzaKind::kTypedef:
        if (tag == "id") stanzas_.typedef_ids.emplace(clean_value(raw_value));
        break;
      case StanzaKind::kSkipped:
        break;
    }
  }

  void read_term_tag(std::string_view tag, std::string_view raw_value) {
    TermStanza& stanza = stanzas_.terms.back();
    if (tag == "id") {
      read_id(stanza, clean_value(raw_value));
    } else if (tag == "name") {
      reject_repeat(name_line_, "name");
      stanza.term.name = unescape(clean_value(raw_value));
    } else if (tag == "namespace") {
      reject_repeat(namespace_line_, "namespace");
      stanza.term.name_space = std::string(require_value(clean_value(raw_value), "a namespace"));
    } else if (tag == "alt_id") {
      stanza.term.alt_ids.emplace_back(require_single_id(clean_value(raw_value), "alt_id"));
    } else if (tag == "is_a") {
      add_edge("is_a", require_single_id(clean_value(raw_value), "is_a"));
    } else if (tag == "relationship") {
      read_relationship(clean_value(raw_value));
    } else if (tag == "is_obsolete") {
      const std::string_view value = clean_value(raw_value);
      if (value != "true" && value != "false") {
        throw reader_.error("expected 'is_obsolete: true' or 'is_obsolete: false', found " +
                            quoted_excerpt(value));
      }
      stanza.obsolete = value == "true";
    } else if (tag == "replaced_by" || tag == "consider") {
      stanza.names_replacement = true;
    }
  }

  void read_id(TermStanza& stanza, std::string_view id) {
    if (!stanza.term.id.empty()) {
      throw reader_.error("expected one 'id:' per [Term] stanza, found a second (first at line " +
                          std::to_string(stanza.id_line) + ")");
    }
    stanza.term.id = std::string(require_single_id(id, "id"));
    stanza.id_line = reader_.line_number();
    const auto [existing, inserted] =
        stanzas_.term_index.emplace(stanza.term.id, stanzas_.terms.size() - 1);
    if (!inserted) {
      throw reader_.error("expected each term id once, but " + stanza.term.id +
                          " was already declared at line " +
                          std::to_string(stanzas_.terms[existing->second].id_line));
    }
  }

  void read_relationship(std::string_view value) {
    const std::size_t gap = value.find_first_of(" \t");
    const std::string_view relation = value.substr(0, gap);
    const std::string_view target =
        gap == std::string_view::npos ? std::string_view() : trim(value.substr(gap));
    if (relation.empty() || target.empty() || has_space(target)) {
      throw reader_.error("expected 'relationship: <relation> <term id>', found " +
                          quoted_excerpt(value));
    }
    ++stanzas_.relationship_lines[std::string(relation)];
    add_edge(relation, target);
  }

  void add_edge(std::string_view relation, std::string_view parent) {
    stanzas_.edges.push_back(EdgeLine{stanzas_.terms.size() - 1, std::string(parent),
                                      std::string(relation), reader_.line_number()});
  }

  std::string_view require_value(std::string_view value, const char* what) const {
    if (value.empty()) throw reader_.error(std::string("expected ") + what + " after the tag");
    return value;
  }

  std::string_view require_single_id(std::string_view value, const char* tag) const {
    if (value.empty()) {
      throw reader_.error(std::string("expected a term id after '") + tag + ":'");
    }
    if (has_space(value)) {
      throw reader_.error(std::string("expected one term id after '") + tag + ":', found " +
                          quoted_excerpt(value));
    }
    return value;
  }

  // `first_line` is 0 until the tag has been seen in the current stanza.
  void reject_repeat(std::size_t& first_line, const char* tag) {
    if (first_line != 0) {
      throw reader_.error(std::string("expected one '") + tag +
                          ":' per [Term] stanza, found a second (first at line " +
                          std::to_string(first_line) + ")");
    }
    first_line = reader_.line_number();
  }

  LineReader reader_;
  OboStanzas stanzas_;
  StanzaKind kind_ = StanzaKind::kHeader;
  std::string default_namespace_;
  std::size_t stanza_line_ = 0;
  std::size_t name_line_ = 0;
  std::size_t namespace_line_ = 0;
};

}  // namespace

OboStanzas parse_obo_stanzas(const std::string& path) { return OboParser(path).parse(); }

}  // namespace ontonet
