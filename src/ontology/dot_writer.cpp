#include "ontonet/ontology/dot_writer.hpp"

#include <string>
#include <vector>

namespace ontonet {

namespace {

std::string escaped(const std::string& text) {
  std::string result;
  for (const char c : text) {
    if (c == '"' || c == '\\') result += '\\';
    result += c;
  }
  return result;
}

std::string quoted(const std::string& text) { return "\"" + escaped(text) + "\""; }

// Known relations get a fixed look; others share a fallback, so a legend is never needed.
const char* edge_style(const std::string& relation) {
  if (relation == "is_a" || relation == "default") return "style=solid";
  if (relation == "part_of") return "style=dashed";
  if (relation == "regulates") return "style=dotted";
  if (relation == "positively_regulates") return "style=dotted, color=darkgreen";
  if (relation == "negatively_regulates") return "style=dotted, color=red";
  if (relation == "synthetic_root") return "style=dashed, color=gray";
  return "style=bold, color=blue";
}

// Which terms to draw: all, or one term and everything below it.
std::vector<bool> drawn_terms(const Ontology& ontology, std::optional<TermIndex> subtree_root) {
  if (!subtree_root) return std::vector<bool>(ontology.n_terms(), true);
  std::vector<bool> drawn(ontology.n_terms(), false);
  std::vector<TermIndex> to_visit{*subtree_root};
  drawn.at(*subtree_root) = true;
  while (!to_visit.empty()) {
    const TermIndex term = to_visit.back();
    to_visit.pop_back();
    for (const TermIndex child : ontology.children(term)) {
      if (drawn[child]) continue;
      drawn[child] = true;
      to_visit.push_back(child);
    }
  }
  return drawn;
}

}  // namespace

void write_dot(std::ostream& out, const Ontology& ontology, std::optional<TermIndex> subtree_root) {
  const std::vector<bool> drawn = drawn_terms(ontology, subtree_root);
  out << "digraph ontology {\n  rankdir=BT;\n  node [shape=box, fontsize=10];\n";
  for (TermIndex term = 0; term < ontology.n_terms(); ++term) {
    if (!drawn[term]) continue;
    const Term& info = ontology.term(term);
    // "\\n" is DOT's line break inside a label.
    std::string label = escaped(info.id);
    if (!info.name.empty()) label += "\\n" + escaped(info.name);
    label += "\\n" + std::to_string(ontology.genes(term).size()) + " genes";
    out << "  " << quoted(info.id) << " [label=\"" << label << "\"];\n";
  }
  for (const TermEdge& edge : ontology.edges()) {
    if (!drawn[edge.child] || !drawn[edge.parent]) continue;
    const std::string& relation = ontology.relation_name(edge.relation);
    out << "  " << quoted(ontology.term(edge.child).id) << " -> "
        << quoted(ontology.term(edge.parent).id) << " [label=" << quoted(relation) << ", "
        << edge_style(relation) << "];\n";
  }
  out << "}\n";
}

}  // namespace ontonet
