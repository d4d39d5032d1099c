// Time to compile ontologies into trainable models: the DrugCell ontology (2,086 terms x 6 neurons,
// 3,008 genes; target < 0.5 s) and a DCell-style model of the whole human biological-process GO
// (terms with >= 5 genes after propagation; target < 5 s). Reading the files is timed separately;
// "compile" is building the NetworkSpec plus the Model (levels, CSR patterns, initial weights).
//
// usage: compile_bench [shared_data_dir]   (default ../shared/data relative to the working dir)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <exception>
#include <string>

#include "ontonet/io/gaf_reader.hpp"
#include "ontonet/io/obo_reader.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/autodiff/tape.hpp"
#include "ontonet/network/model.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/ontology/ontology_filter.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Process CPU time: on a machine shared with other jobs the wall clock overstates our own work.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

ontonet::InputMap gene_identity_map(const ontonet::Ontology& ontology) {
  ontonet::InputMap map;
  for (const std::string& gene : ontology.gene_symbols()) {
    map.feature_ids.push_back(gene);
    map.feature_genes.push_back({gene});
  }
  return map;
}

// Edges a DCell-style spec would have, counted without building it.
double projected_edges(const ontonet::Ontology& ontology, const ontonet::DCellOptions& options) {
  double edges = 0;
  for (ontonet::TermIndex term = 0; term < ontology.n_terms(); ++term) {
    double inputs = static_cast<double>(ontology.direct_genes(term).size());
    for (ontonet::TermIndex child : ontology.children(term)) {
      inputs += static_cast<double>(ontonet::dcell_term_width(options, ontology.genes(child).size()));
    }
    edges += inputs *
             static_cast<double>(ontonet::dcell_term_width(options, ontology.genes(term).size()));
  }
  return edges;
}

// Not part of the compile figure: one training step (forward, loss, backward) of a compiled model,
// to show what the level packing costs when the model runs. x: [n_inputs, batch] of 0/1.
double seconds_per_step(ontonet::Model<float>& model, ontonet::Index batch) {
  ontonet::Matrix<float> x(model.spec().n_inputs(), batch);
  for (ontonet::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>((i * 7919) % 3 == 0);
  const ontonet::Matrix<float> y = ontonet::Matrix<float>::Constant(1, batch, 0.5f);
  ontonet::Tape<float> tape;
  const int repeats = 5;
  double total = 0;
  for (int r = 0; r <= repeats; ++r) {  // the first pass allocates the tape; not timed
    const auto start = Clock::now();
    tape.reset();
    const ontonet::ModelOutputs outputs = model.forward(tape, x);
    tape.backward(model.loss(tape, outputs, y, ontonet::LossKind::kMse));
    if (r > 0) total += seconds_since(start);
  }
  return total / repeats;
}

void compile_and_report(const std::string& label, const ontonet::Ontology& ontology,
                        const ontonet::DCellOptions& options, bool time_step) {
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  ontonet::NetworkSpec spec = ontonet::build_dcell_spec(ontology, gene_identity_map(ontology), options);
  const double spec_seconds = seconds_since(start);
  const auto model_start = Clock::now();
  ontonet::Model<float> model(std::move(spec), 1);
  const double model_seconds = seconds_since(model_start);
  const double cpu = cpu_seconds() - cpu_start;
  std::printf("%-28s terms %6zu  genes %6zu  neurons %9lld  weights %11lld  parameters %11lld  "
              "levels %3zu\n",
              label.c_str(), ontology.n_terms(), ontology.n_genes(),
              static_cast<long long>(model.spec().n_neurons()),
              static_cast<long long>(model.spec().edges.size()),
              static_cast<long long>(model.n_parameters()), model.levels().size());
  std::printf("%-28s compile %.3f s wall (spec %.3f s + model %.3f s), %.3f s CPU\n", "",
              spec_seconds + model_seconds, spec_seconds, model_seconds, cpu);
  if (time_step) {
    std::printf("%-28s training step, batch 64: %.3f s wall\n", "", seconds_per_step(model, 64));
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string data = argc > 1 ? argv[1] : "../shared/data";

    auto start = Clock::now();
    ontonet::BuildReport build_report;
    ontonet::OntologyBuildOptions build_options;
    build_options.join_roots = true;
    const ontonet::Ontology drugcell = ontonet::build_ontology(
        ontonet::read_parent_child_type(data + "/drugcell/drugcell_ont.txt"), build_options,
        build_report);
    std::printf("drugcell: read + build ontology %.3f s\n", seconds_since(start));
    compile_and_report("drugcell (6 per term)", drugcell, ontonet::drugcell_preset(), true);

    start = Clock::now();
    ontonet::OboOptions obo;
    obo.name_space = "biological_process";
    ontonet::OntologyRecords records = ontonet::read_obo(data + "/go/go.obo", obo);
    ontonet::GafOptions gaf;
    gaf.aspects = "P";
    records.merge(ontonet::read_gaf(data + "/go/human.gaf.gz", gaf));
    const double read_seconds = seconds_since(start);
    start = Clock::now();
    build_options.drop_dangling_edges = true;
    const ontonet::Ontology go = ontonet::build_ontology(records, build_options, build_report);
    ontonet::OntologyFilter filter;
    filter.min_genes = 5;
    ontonet::FilterReport filter_report;
    const ontonet::Ontology go_bp = ontonet::apply_filter(go, filter, filter_report);
    std::printf("go bp: read %.3f s, build + filter ontology %.3f s\n", read_seconds,
                seconds_since(start));

    compile_and_report("go bp (6 per term)", go_bp, ontonet::drugcell_preset(), true);
    ontonet::DCellOptions dcell = ontonet::dcell_preset();
    std::printf("go bp, DCell rule max(20, ceil(0.3 genes)) would have %.3g weights\n",
                projected_edges(go_bp, dcell));
    dcell.max_neurons_per_term = 100;
    std::printf("go bp, DCell rule capped at 100 per term would have %.3g weights\n",
                projected_edges(go_bp, dcell));
    compile_and_report("go bp (DCell rule, cap 100)", go_bp, dcell, false);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "compile_bench: error: %s\n", error.what());
    return 1;
  }
}
