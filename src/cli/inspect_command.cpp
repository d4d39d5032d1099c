// `ontonet inspect`: read an ontology and its annotations under the user's filters, and print what
// came out (terms, genes, edges, roots, heights, largest terms) and everything that was dropped.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/format_detection.hpp"
#include "ontonet/io/gene_list_reader.hpp"
#include "ontonet/ontology/dot_writer.hpp"
#include "ontonet/ontology/load_ontology.hpp"
#include "ontonet/ontology/ontology_summary.hpp"
#include "ontonet/core/atomic_file.hpp"
#include "summary_printer.hpp"

namespace ontonet::cli {

namespace {

struct InspectArguments {
  OntologyFiles files;
  std::string format;
  std::string annotation_format;
  OntologyReadOptions read;
  std::string gene_key = "symbol";
  OntologyBuildOptions build;
  std::string genes_file;
  std::size_t min_genes = 0;
  std::size_t max_genes = 0;  // 0: no upper bound
  bool collapse_redundant = false;
  bool keep_empty = false;
  bool json = false;
  std::string dot_file;
  std::string dot_term;
};

OntologyFilter make_filter(const InspectArguments& args) {
  OntologyFilter filter;
  if (!args.genes_file.empty()) filter.gene_universe = read_gene_list(args.genes_file);
  filter.min_genes = args.min_genes;
  if (args.max_genes > 0) filter.max_genes = args.max_genes;
  filter.collapse_redundant = args.collapse_redundant;
  filter.prune_empty = !args.keep_empty;
  return filter;
}

void write_dot_file(const InspectArguments& args, const Ontology& ontology) {
  std::optional<TermIndex> subtree_root;
  if (!args.dot_term.empty()) {
    subtree_root = ontology.find_term(args.dot_term);
    if (!subtree_root) {
      throw ConfigError("--dot-term", "names no term of the ontology after filtering: " +
                                          args.dot_term);
    }
  }
  write_file_atomically(args.dot_file,
                        [&](std::ostream& out) { write_dot(out, ontology, subtree_root); });
}

void run_inspect(InspectArguments& args) {
  if (!args.format.empty()) args.files.format = parse_format_name(args.format, "--format");
  if (!args.annotation_format.empty()) {
    args.files.annotation_format = parse_format_name(args.annotation_format, "--annotation-format");
  }
  if (args.gene_key != "symbol" && args.gene_key != "id") {
    throw ConfigError("--gene-key", "must be symbol or id, got '" + args.gene_key + "'");
  }
  args.read.gaf.gene_key = args.gene_key == "id" ? GafGeneKey::kObjectId : GafGeneKey::kSymbol;

  const LoadedOntology loaded =
      load_ontology(args.files, args.read, args.build, make_filter(args));
  const OntologySummary summary =
      summarize(loaded.ontology, loaded.build_report, &loaded.filter_report);
  if (!args.dot_file.empty()) write_dot_file(args, loaded.ontology);
  if (args.json) {
    nlohmann::json json = to_json(summary);
    json["format"] = format_name(loaded.format);
    json["input_features_mapped"] = loaded.input_map.size();
    std::cout << json.dump(2) << "\n";
  } else {
    print_summary(std::cout, summary, loaded);
  }
}

}  // namespace

void add_inspect_command(CLI::App& app) {
  auto args = std::make_shared<InspectArguments>();
  CLI::App* inspect = app.add_subcommand(
      "inspect",
      "Read an ontology and its annotations, check them, and summarize what was kept and dropped");
  inspect->add_option("ontology", args->files.ontology,
                      "Ontology file: OBO, DrugCell parent/child/type table, Reactome relations, "
                      "GenNet topology CSV, GMT or gene-term table (.gz is read directly)")
      ->required();

  const std::string input = "Input";
  inspect->add_option("--format", args->format,
                      "Format of the ontology file: obo, parent-child-type, reactome, gennet, gmt, "
                      "gene-term (default: detected)")
      ->group(input);
  inspect->add_option("--annotations", args->files.annotations,
                      "Gene annotation files: GAF, GMT, gene-term table; with --format reactome "
                      "the first is the gene-set file (GMT or UniProt2Reactome)")
      ->group(input);
  inspect->add_option("--annotation-format", args->annotation_format,
                      "Format of every annotation file: gaf, gmt, gene-term (default: detected)")
      ->group(input);
  inspect->add_option("--reactome-names", args->files.reactome_names,
                      "ReactomePathways.txt (id, name, species), needed with --format reactome")
      ->group(input);

  const std::string reading = "Reading";
  inspect->add_option("--relations", args->read.obo.edge_relations,
                      "OBO relations that become edges")
      ->delimiter(',')
      ->capture_default_str()
      ->group(reading);
  inspect->add_option("--namespace", args->read.obo.name_space,
                      "Keep only OBO terms of this namespace, e.g. biological_process")
      ->group(reading);
  inspect->add_option("--gene-key", args->gene_key,
                      "GAF gene key: symbol (column 3) or id (column 2)")
      ->capture_default_str()
      ->group(reading);
  inspect->add_option("--evidence", args->read.gaf.include_evidence,
                      "Keep only GAF annotations with these evidence codes, e.g. EXP,IDA")
      ->delimiter(',')
      ->group(reading);
  inspect->add_option("--exclude-evidence", args->read.gaf.exclude_evidence,
                      "Drop GAF annotations with these evidence codes, e.g. IEA")
      ->delimiter(',')
      ->group(reading);
  inspect->add_option("--aspect", args->read.gaf.aspects,
                      "Keep only GAF aspects among P, F, C, e.g. P")
      ->group(reading);
  inspect->add_option("--species", args->read.reactome.species, "Reactome species")
      ->capture_default_str()
      ->group(reading);

  const std::string checks = "Validation";
  inspect->add_option("--join-roots", args->build.synthetic_root_id,
                      "Join several roots under a synthetic root with this ID")
      ->expected(0, 1)
      ->default_str("ROOT")
      ->each([args](const std::string&) { args->build.join_roots = true; })
      ->group(checks);
  inspect->add_flag("--drop-dangling", args->build.drop_dangling_edges,
                    "Drop and count edges to undeclared terms instead of failing")
      ->group(checks);

  const std::string filters = "Filters";
  inspect->add_option("--genes", args->genes_file,
                      "Keep only genes listed in this file (first column, one per line)")
      ->group(filters);
  inspect->add_option("--min-genes", args->min_genes,
                      "Drop terms with fewer genes (true-path); children reconnect to parents")
      ->group(filters);
  inspect->add_option("--max-genes", args->max_genes, "Drop terms with more genes (0: no limit)")
      ->group(filters);
  inspect->add_flag("--collapse-redundant", args->collapse_redundant,
                    "Remove a term whose gene set equals its only child's")
      ->group(filters);
  inspect->add_flag("--keep-empty", args->keep_empty, "Keep terms without genes")->group(filters);

  const std::string output = "Output";
  inspect->add_flag("--json", args->json, "Print the summary as JSON")->group(output);
  inspect->add_option("--dot", args->dot_file, "Write the term DAG as a Graphviz DOT file")
      ->group(output);
  inspect->add_option("--dot-term", args->dot_term,
                      "With --dot, draw only this term and its descendants")
      ->group(output);

  inspect->callback([args] { run_inspect(*args); });
}

}  // namespace ontonet::cli
