#include "ontonet/io/gene_list_reader.hpp"

#include <unordered_set>

#include "ontonet/io/line_reader.hpp"

namespace ontonet {

std::vector<std::string> read_gene_list(const std::string& path) {
  LineReader reader(path);
  std::vector<std::string> genes;
  std::unordered_set<std::string> seen;
  std::string_view line;
  while (reader.next(line)) {
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const std::string gene(content.substr(0, content.find_first_of(" \t")));
    if (seen.insert(gene).second) genes.push_back(gene);
  }
  if (genes.empty()) throw InputError(path, 0, "expected at least one gene symbol");
  return genes;
}

}  // namespace ontonet
