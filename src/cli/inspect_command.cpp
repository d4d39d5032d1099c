// `ontonet inspect`: read an ontology and its annotations under the user's filters, and print what
// came out (terms, genes, edges, roots, heights, largest terms) and everything that was dropped.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ontology_options.hpp"
#include "ontonet/io/format_detection.hpp"
#include "ontonet/ontology/load_ontology.hpp"
#include "ontonet/ontology/ontology_summary.hpp"
#include "summary_printer.hpp"

namespace ontonet::cli {

namespace {

struct InspectArguments {
  OntologyArguments ontology;
  bool json = false;
  std::string dot_file;
  std::string dot_term;
};

void run_inspect(const InspectArguments& args) {
  const LoadedOntology loaded = load_ontology_from(args.ontology);
  const OntologySummary summary =
      summarize(loaded.ontology, loaded.build_report, &loaded.filter_report);
  if (!args.dot_file.empty()) write_ontology_dot(args.dot_file, loaded.ontology, args.dot_term);
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
  add_ontology_options(*inspect, args->ontology);

  const std::string output = "Output";
  inspect->add_flag("--json", args->json, "Print the summary as JSON")->group(output);
  inspect->add_option("--dot", args->dot_file, "Write the term DAG as a Graphviz DOT file")
      ->group(output);
  inspect
      ->add_option("--dot-term", args->dot_term,
                   "With --dot, draw only this term and its descendants")
      ->group(output);

  inspect->callback([args] { run_inspect(*args); });
}

}  // namespace ontonet::cli
