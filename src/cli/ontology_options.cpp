#include "ontology_options.hpp"

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/gene_list_reader.hpp"
#include "ontonet/ontology/dot_writer.hpp"

namespace ontonet::cli {

OntologyFilter make_filter(const OntologyArguments& args) {
  OntologyFilter filter;
  if (!args.genes_file.empty()) filter.gene_universe = read_gene_list(args.genes_file);
  filter.min_genes = args.min_genes;
  if (args.max_genes > 0) filter.max_genes = args.max_genes;
  filter.collapse_redundant = args.collapse_redundant;
  filter.prune_empty = !args.keep_empty;
  return filter;
}

void add_ontology_options(CLI::App& command, OntologyArguments& args) {
  command
      .add_option("ontology,--ontology", args.files.ontology,
                  "Ontology file: OBO, DrugCell parent/child/type table, Reactome relations, "
                  "GenNet topology CSV, GMT or gene-term table (.gz is read directly)")
      ->required();

  const std::string input = "Input";
  command
      .add_option("--format", args.format,
                  "Format of the ontology file: obo, parent-child-type, reactome, gennet, gmt, "
                  "gene-term (default: detected)")
      ->group(input);
  command
      .add_option("--annotations", args.files.annotations,
                  "Gene annotation files: GAF, GMT, gene-term table; with --format reactome "
                  "the first is the gene-set file (GMT or UniProt2Reactome)")
      ->group(input);
  command
      .add_option("--annotation-format", args.annotation_format,
                  "Format of every annotation file: gaf, gmt, gene-term (default: detected)")
      ->group(input);
  command
      .add_option("--reactome-names", args.files.reactome_names,
                  "ReactomePathways.txt (id, name, species), needed with --format reactome")
      ->group(input);

  const std::string reading = "Reading";
  command
      .add_option("--relations", args.read.obo.edge_relations, "OBO relations that become edges")
      ->delimiter(',')
      ->capture_default_str()
      ->group(reading);
  command
      .add_option("--namespace", args.read.obo.name_space,
                  "Keep only OBO terms of this namespace, e.g. biological_process")
      ->group(reading);
  command
      .add_option("--gene-key", args.gene_key, "GAF gene key: symbol (column 3) or id (column 2)")
      ->capture_default_str()
      ->group(reading);
  command
      .add_option("--evidence", args.read.gaf.include_evidence,
                  "Keep only GAF annotations with these evidence codes, e.g. EXP,IDA")
      ->delimiter(',')
      ->group(reading);
  command
      .add_option("--exclude-evidence", args.read.gaf.exclude_evidence,
                  "Drop GAF annotations with these evidence codes, e.g. IEA")
      ->delimiter(',')
      ->group(reading);
  command
      .add_option("--aspect", args.read.gaf.aspects, "Keep only GAF aspects among P, F, C, e.g. P")
      ->group(reading);
  command.add_option("--species", args.read.reactome.species, "Reactome species")
      ->capture_default_str()
      ->group(reading);

  const std::string checks = "Validation";
  command
      .add_option("--join-roots", args.build.synthetic_root_id,
                  "Join several roots under a synthetic root with this ID")
      ->expected(0, 1)
      ->default_str("ROOT")
      ->each([&args](const std::string&) { args.build.join_roots = true; })
      ->group(checks);
  command
      .add_flag("--drop-dangling", args.build.drop_dangling_edges,
                "Drop and count edges to undeclared terms instead of failing")
      ->group(checks);

  const std::string filters = "Filters";
  command
      .add_option("--genes", args.genes_file,
                  "Keep only genes listed in this file (first column, one per line)")
      ->group(filters);
  command
      .add_option("--min-genes", args.min_genes,
                  "Drop terms with fewer genes (true-path); children reconnect to parents")
      ->group(filters);
  command.add_option("--max-genes", args.max_genes, "Drop terms with more genes (0: no limit)")
      ->group(filters);
  command
      .add_flag("--collapse-redundant", args.collapse_redundant,
                "Remove a term whose gene set equals its only child's")
      ->group(filters);
  command.add_flag("--keep-empty", args.keep_empty, "Keep terms without genes")->group(filters);
}

LoadedOntology load_ontology_from(const OntologyArguments& args) {
  OntologyFiles files = args.files;
  if (!args.format.empty()) files.format = parse_format_name(args.format, "--format");
  if (!args.annotation_format.empty()) {
    files.annotation_format = parse_format_name(args.annotation_format, "--annotation-format");
  }
  if (args.gene_key != "symbol" && args.gene_key != "id") {
    throw ConfigError("--gene-key", "must be symbol or id, got '" + args.gene_key + "'");
  }
  OntologyReadOptions read = args.read;
  read.gaf.gene_key = args.gene_key == "id" ? GafGeneKey::kObjectId : GafGeneKey::kSymbol;
  return load_ontology(files, read, args.build, make_filter(args));
}

void write_ontology_dot(const std::string& path, const Ontology& ontology,
                        const std::string& term) {
  std::optional<TermIndex> subtree_root;
  if (!term.empty()) {
    subtree_root = ontology.find_term(term);
    if (!subtree_root) {
      throw ConfigError("--dot-term", "names no term of the ontology after filtering: " + term);
    }
  }
  write_file_atomically(path, [&](std::ostream& out) { write_dot(out, ontology, subtree_root); });
}

}  // namespace ontonet::cli
