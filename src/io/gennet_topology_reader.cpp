#include "ontonet/io/gennet_topology_reader.hpp"

#include <charconv>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "ontonet/io/line_reader.hpp"
#include "table_fields.hpp"

namespace ontonet {

namespace {

constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

struct LayerColumns {
  std::size_t node = kNoColumn;
  std::size_t name = kNoColumn;
};

// The node index <-> name pairing seen so far in one layer, with the line that set it, so that a
// contradicting row can name the line it contradicts.
struct LayerPairing {
  std::unordered_map<long long, std::pair<std::string, std::size_t>> name_of_node;
  std::unordered_map<std::string, std::pair<long long, std::size_t>> node_of_name;
};

std::string layer_column(int layer, const char* part) {
  return "layer" + std::to_string(layer) + "_" + part;
}

// Recognises "layer<k>_node" and "layer<k>_name".
bool parse_layer_column(std::string_view header, int& layer, bool& is_node) {
  constexpr std::string_view kPrefix = "layer";
  if (header.substr(0, kPrefix.size()) != kPrefix) return false;
  const char* begin = header.data() + kPrefix.size();
  const char* end = header.data() + header.size();
  const auto [rest, status] = std::from_chars(begin, end, layer);
  if (status != std::errc() || rest == begin || layer < 0) return false;
  const std::string_view part(rest, static_cast<std::size_t>(end - rest));
  if (part != "_node" && part != "_name") return false;
  is_node = part == "_node";
  return true;
}

std::vector<LayerColumns> find_layer_columns(const LineReader& reader,
                                             const std::vector<std::string_view>& header,
                                             std::vector<std::string>& notes) {
  std::map<int, LayerColumns> by_layer;
  std::unordered_map<std::string_view, std::size_t> column_of_name;
  for (std::size_t column = 0; column < header.size(); ++column) {
    const std::string_view name = trim(header[column]);
    if (!name.empty()) {
      const auto [first, inserted] = column_of_name.emplace(name, column);
      if (!inserted) {
        throw reader.error("expected each column name once; '" + std::string(name) +
                           "' names columns " + std::to_string(first->second + 1) + " and " +
                           std::to_string(column + 1));
      }
    }
    int layer = 0;
    bool is_node = false;
    if (parse_layer_column(name, layer, is_node)) {
      (is_node ? by_layer[layer].node : by_layer[layer].name) = column;
    } else if (!name.empty() && name != "chr") {
      notes.push_back("column '" + std::string(name) + "' of " + reader.path() + " ignored");
    }
  }
  const int last_layer = by_layer.empty() ? -1 : by_layer.rbegin()->first;
  if (last_layer < 1) {
    throw reader.error(
        "expected a header with columns layer0_node, layer0_name, layer1_node, layer1_name");
  }
  std::vector<LayerColumns> layers;
  for (int layer = 0; layer <= last_layer; ++layer) {
    const auto found = by_layer.find(layer);
    const LayerColumns columns = found == by_layer.end() ? LayerColumns{} : found->second;
    if (columns.node == kNoColumn || columns.name == kNoColumn) {
      throw reader.error("expected columns " + layer_column(layer, "node") + " and " +
                         layer_column(layer, "name") + " (the header goes up to layer " +
                         std::to_string(last_layer) + ")");
    }
    layers.push_back(columns);
  }
  return layers;
}

long long parse_node_index(const LineReader& reader, std::string_view field,
                           const std::string& column) {
  const std::string_view text = trim(field);
  long long node = -1;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), node);
  if (text.empty() || status != std::errc() || end != text.data() + text.size() || node < 0) {
    throw reader.error("expected a non-negative integer node index in column " + column +
                       ", found '" + std::string(text) + "'");
  }
  return node;
}

void check_pairing(const LineReader& reader, LayerPairing& pairing, long long node,
                   const std::string& name, int layer) {
  const std::size_t line = reader.line_number();
  const auto [by_node, new_node] = pairing.name_of_node.try_emplace(node, name, line);
  if (!new_node && by_node->second.first != name) {
    throw reader.error("expected one name per node index in layer " + std::to_string(layer) +
                       "; node " + std::to_string(node) + " is '" + name + "' here but '" +
                       by_node->second.first + "' at line " +
                       std::to_string(by_node->second.second));
  }
  const auto [by_name, new_name] = pairing.node_of_name.try_emplace(name, node, line);
  if (!new_name && by_name->second.first != node) {
    throw reader.error("expected one node index per name in layer " + std::to_string(layer) +
                       "; '" + name + "' is node " + std::to_string(node) + " here but node " +
                       std::to_string(by_name->second.first) + " at line " +
                       std::to_string(by_name->second.second));
  }
}

// Bounds input_names: a stray huge index must not allocate gigabytes. 2^26 inputs is far beyond
// any genotype matrix GenNet trains on.
constexpr long long kMaxInputIndex = (1LL << 26) - 1;

// check_pairing has made the index <-> name pairing one-to-one, so a slot is set once.
void name_input(const LineReader& reader, std::vector<std::string>& input_names, long long node,
                const std::string& name) {
  if (node > kMaxInputIndex) {
    throw reader.error("expected a layer0_node index of at most " + std::to_string(kMaxInputIndex) +
                       ", found " + std::to_string(node));
  }
  const auto index = static_cast<std::size_t>(node);
  if (index >= input_names.size()) input_names.resize(index + 1);
  input_names[index] = name;
}

}  // namespace

GenNetTopology read_gennet_topology(const std::string& path) {
  LineReader reader(path);
  GenNetTopology topology;
  OntologyRecords& ontology = topology.ontology;
  std::vector<std::string_view> fields;
  std::string_view line;

  std::vector<LayerColumns> layers;
  std::size_t header_columns = 0;
  std::size_t header_line = 0;
  while (layers.empty() && reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, ',', fields);
    layers = find_layer_columns(reader, fields, ontology.notes);
    header_columns = fields.size();
    header_line = reader.line_number();
  }
  if (layers.empty()) throw InputError(path, 0, "expected a header line, found only blank lines");
  topology.n_layers = static_cast<int>(layers.size());

  std::vector<LayerPairing> pairings(layers.size());
  std::vector<std::string> names(layers.size());
  std::unordered_set<std::string> inputs_seen, terms_declared, annotations_seen, edges_seen;
  std::size_t rows = 0;
  while (reader.next(line)) {
    if (trim(line).empty()) continue;
    split_fields(line, ',', fields);
    if (fields.size() != header_columns) {
      throw reader.error("expected " + std::to_string(header_columns) +
                         " comma-separated columns as in the header (line " +
                         std::to_string(header_line) + "), got " + std::to_string(fields.size()));
    }
    ++rows;
    for (std::size_t layer = 0; layer < layers.size(); ++layer) {
      const int k = static_cast<int>(layer);
      const long long node =
          parse_node_index(reader, fields[layers[layer].node], layer_column(k, "node"));
      names[layer] = std::string(table_fields::required(reader, fields[layers[layer].name],
                                                        layers[layer].name + 1, "a name"));
      check_pairing(reader, pairings[layer], node, names[layer], k);
      if (layer == 0) name_input(reader, topology.input_names, node, names[0]);
    }

    const SourceLocation location{path, reader.line_number()};
    if (inputs_seen.insert(table_fields::tuple_key(names[0], names[1])).second) {
      topology.inputs.push_back({names[0], names[1], location});
    }
    for (std::size_t layer = 2; layer < layers.size(); ++layer) {
      if (terms_declared.insert(names[layer]).second) {
        ontology.terms.push_back(TermRecord{names[layer], "", "", {}, location});
      }
      if (layer + 1 < layers.size() &&
          edges_seen.insert(table_fields::tuple_key(names[layer], names[layer + 1])).second) {
        ontology.edges.push_back({names[layer], names[layer + 1], "default", location});
      }
    }
    if (layers.size() > 2 &&
        annotations_seen.insert(table_fields::tuple_key(names[1], names[2])).second) {
      ontology.annotations.push_back({names[2], names[1], location});
    }
  }
  if (rows == 0)
    throw InputError(path, 0, "expected at least one row after the header, found none");
  return topology;
}

}  // namespace ontonet
