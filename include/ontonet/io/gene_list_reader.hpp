// Reads a list of gene symbols: the first whitespace-separated field of each line; empty lines and
// lines starting with '#' are skipped. Used to restrict an ontology to the genes present in data.
#pragma once

#include <string>
#include <vector>

namespace ontonet {

// Genes in file order, without repeats. Throws InputError for an unreadable file or a file that
// lists no gene.
std::vector<std::string> read_gene_list(const std::string& path);

}  // namespace ontonet
