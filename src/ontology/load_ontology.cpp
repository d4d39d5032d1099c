#include "ontonet/ontology/load_ontology.hpp"

#include "ontonet/core/error.hpp"
#include "ontonet/io/gene_term_table_reader.hpp"
#include "ontonet/io/gennet_topology_reader.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"

namespace ontonet {

namespace {

OntologyRecords read_annotation_file(const std::string& path, std::optional<FileFormat> format,
                                     const OntologyReadOptions& options) {
  switch (format ? *format : detect_format(path)) {
    case FileFormat::kGaf:
      return read_gaf(path, options.gaf);
    case FileFormat::kGeneTermTable:
      return read_gene_term_table(path);
    case FileFormat::kGmt: {
      // As annotations, a GMT's sets name terms of the ontology; they declare nothing new.
      OntologyRecords records = read_gmt(path, options.gmt);
      records.terms.clear();
      return records;
    }
    default:
      throw ConfigError("--annotation-format",
                        "must be gaf, gmt or gene-term for annotation file " + path);
  }
}

OntologyRecords read_hierarchy(const OntologyFiles& files, FileFormat format,
                               const OntologyReadOptions& options,
                               std::vector<InputMapRecord>& input_map) {
  switch (format) {
    case FileFormat::kObo:
      return read_obo(files.ontology, options.obo);
    case FileFormat::kParentChildType:
      return read_parent_child_type(files.ontology);
    case FileFormat::kGmt:
      return read_gmt(files.ontology, options.gmt);
    case FileFormat::kGeneTermTable:
      return read_gene_term_table(files.ontology, GeneTermTableOptions{true});
    case FileFormat::kGenNetTopology: {
      GenNetTopology topology = read_gennet_topology(files.ontology);
      input_map = std::move(topology.inputs);
      return std::move(topology.ontology);
    }
    case FileFormat::kReactome: {
      if (files.reactome_names.empty() || files.annotations.empty()) {
        throw ConfigError("--reactome-names",
                          "and one --annotations gene-set file are required with the reactome "
                          "format");
      }
      return read_reactome({files.ontology, files.reactome_names, files.annotations.front()},
                           options.reactome);
    }
    case FileFormat::kGaf:
      break;
  }
  throw ConfigError("--format", "a GAF file holds annotations only: give it with --annotations");
}

}  // namespace

LoadedOntology load_ontology(const OntologyFiles& files, const OntologyReadOptions& read_options,
                             const OntologyBuildOptions& build_options,
                             const OntologyFilter& filter) {
  LoadedOntology loaded;
  loaded.format = files.format ? *files.format : detect_format(files.ontology);
  OntologyRecords records = read_hierarchy(files, loaded.format, read_options, loaded.input_map);
  const bool first_is_gene_sets = loaded.format == FileFormat::kReactome;
  for (std::size_t i = first_is_gene_sets ? 1 : 0; i < files.annotations.size(); ++i) {
    records.merge(
        read_annotation_file(files.annotations[i], files.annotation_format, read_options));
  }
  OntologyFilter effective_filter = filter;
  if (records.annotations.empty() && filter.prune_empty) {
    // Pruning empty terms would leave nothing of an ontology read without any annotation.
    effective_filter.prune_empty = false;
    loaded.filter_report.notes.push_back(
        "no gene annotations were read, so terms without genes are kept");
  }
  const Ontology built = build_ontology(records, build_options, loaded.build_report);
  loaded.ontology = apply_filter(built, effective_filter, loaded.filter_report);
  return loaded;
}

}  // namespace ontonet
