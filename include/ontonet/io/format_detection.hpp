// Names the ontology and annotation formats ontonet reads, and guesses a file's format from its
// name and first lines when the user does not say.
#pragma once

#include <string>
#include <string_view>

namespace ontonet {

enum class FileFormat {
  kObo,              // OBO 1.2/1.4 flat file
  kGaf,              // GO annotation file 2.x
  kGmt,              // gene sets: name, description, genes...
  kGeneTermTable,    // gene<TAB>term
  kParentChildType,  // DrugCell/NeST-VNN parent<TAB>child<TAB>type
  kReactome,         // ReactomePathwaysRelation.txt (+ names and gene sets)
  kGenNetTopology,   // GenNet topology.csv
};

// The format's command-line name: "obo", "gaf", "gmt", "gene-term", "parent-child-type",
// "reactome", "gennet".
std::string_view format_name(FileFormat format);

// Parses a command-line name; throws ConfigError naming `option` and the valid names otherwise.
FileFormat parse_format_name(std::string_view name, const std::string& option);

// Guesses from the extension (.obo, .gaf[.gz], .gmt, .csv) and then from the first lines. Throws
// InputError when the content fits none of the formats, listing what was looked for.
FileFormat detect_format(const std::string& path);

}  // namespace ontonet
