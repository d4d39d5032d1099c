// The W1-W4 workloads of the PyTorch reference (../shared/bench), built by ontonet from the files
// that its export_topology.py writes, trained on synthetic data of the reference's shapes and
// timed with the reference's protocol, so that ontonet's figures and PyTorch's can be divided.
//
//   W1, W2  snp2gene.tsv + gene2pathway.tsv -> ontology of pathways (genes annotated to them) and
//           an input map SNP -> gene -> build_gennet_spec: SNP -> gene (tanh) -> pathway (tanh) ->
//           1 output; BCE with logits, Adam lr 1e-3, L1 1e-5 on the connection weights.
//   W3      ontology.txt + gene2ind.txt (DrugCell format) -> build_dcell_spec with DrugCell's
//           preset: 6 neurons per term, tanh then batch norm, auxiliary heads weighted 0.2; MSE.
//   W4      the dense MLP n_snp -> 2 -> 2 -> 1 (tanh) of W1's parameter count; BCE, Adam, L1.
//
// Data as bench.py draws it: genotypes 0/1/2 (W3: 0/1 gene states), targets Bernoulli(0.5) (W3:
// standard normal), a pool of 16 distinct batches of 64 (W2: 3) cycled so that every batch comes
// from memory. The pool is held sample-major as the reference holds it, and the transpose of a
// batch into ontonet's [features, batch] layout is inside the timed step, as the reference's is.
// A training step: transpose, forward, loss, backward, Adam, L1 proximal step, as the trainer.
// Build = spec + model + optimizer from the parsed topology; reading the files is timed apart.
//
// usage: workload_bench --workload W1|W2|W3|W4 --topology DIR [--warmup 5] [--steps 50]
//                       [--inf-warmup 5] [--inf-steps 50] [--threads 2] [--pool N] [--seed 0]
//                       [--input int8|float]
// Prints one JSON line with bench.py's keys (train_sps, inf_sps, build_s, peak_rss_mb, ...).
#include <omp.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ontonet/autodiff/tape.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"
#include "ontonet/network/baselines.hpp"
#include "ontonet/network/dcell_style.hpp"
#include "ontonet/network/gennet_style.hpp"
#include "ontonet/network/input_map_builders.hpp"
#include "ontonet/network/model.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "ontonet/train/adam.hpp"
#include "ontonet/train/batch_transpose.hpp"
#include "ontonet/train/l1_penalty.hpp"

namespace {

using ontonet::Index;
using ontonet::Matrix;
using Clock = std::chrono::steady_clock;

constexpr Index kBatch = 64;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

struct Args {
  std::string workload;
  std::string topology;
  int warmup = 5;
  int steps = 50;
  int inf_warmup = 5;
  int inf_steps = 50;
  int threads = 2;
  int pool = 0;
  std::uint64_t seed = 0;
  bool float_input = false;  // --input float: the first layer reads float32 instead of int8
};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw ontonet::ConfigError(flag, "needs a value");
    const std::string value = argv[++i];
    if (flag == "--workload") {
      args.workload = value;
    } else if (flag == "--topology") {
      args.topology = value;
    } else if (flag == "--warmup") {
      args.warmup = std::stoi(value);
    } else if (flag == "--steps") {
      args.steps = std::stoi(value);
    } else if (flag == "--inf-warmup") {
      args.inf_warmup = std::stoi(value);
    } else if (flag == "--inf-steps") {
      args.inf_steps = std::stoi(value);
    } else if (flag == "--threads") {
      args.threads = std::stoi(value);
    } else if (flag == "--pool") {
      args.pool = std::stoi(value);
    } else if (flag == "--seed") {
      args.seed = std::stoull(value);
    } else if (flag == "--input") {
      if (value != "int8" && value != "float") throw ontonet::ConfigError(flag, "int8 or float");
      args.float_input = value == "float";
    } else {
      throw ontonet::ConfigError(flag, "unknown flag (see the header of workload_bench.cpp)");
    }
  }
  if (args.workload != "W1" && args.workload != "W2" && args.workload != "W3" &&
      args.workload != "W4") {
    throw ontonet::ConfigError("--workload", "must be W1, W2, W3 or W4");
  }
  if (args.topology.empty()) throw ontonet::ConfigError("--topology", "is required");
  if (args.steps < 1 || args.inf_steps < 1) {
    throw ontonet::ConfigError("--steps", "and --inf-steps must be >= 1");
  }
  return args;
}

// Integer pairs of a two-column TSV with a header line.
std::vector<std::pair<Index, Index>> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ontonet::InputError(path, 0, "cannot open (run export_topology.py first)");
  std::string line;
  std::getline(in, line);
  std::vector<std::pair<Index, Index>> pairs;
  std::size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    std::istringstream fields(line);
    Index a = 0;
    Index b = 0;
    if (!(fields >> a >> b)) {
      throw ontonet::InputError(path, line_number, "expected two integer ids separated by a tab");
    }
    pairs.emplace_back(a, b);
  }
  return pairs;
}

struct Workload {
  ontonet::NetworkSpec spec;
  ontonet::LossKind loss = ontonet::LossKind::kBceWithLogits;
  double l1 = 1e-5;
  bool gene_states = false;  // W3: 0/1 inputs and normal targets; else genotypes and 0/1 targets
};

// A workload's wiring as ontonet's builders take it.
struct Topology {
  ontonet::Ontology ontology;
  ontonet::InputMap input_map;
};

// W1, W2 (and W4's input width): pathways are terms with genes annotated to them; SNP i is input i.
Topology read_gennet_topology(const std::string& dir) {
  const auto snp_gene = read_pairs(dir + "/snp2gene.tsv");
  const auto gene_pathway = read_pairs(dir + "/gene2pathway.tsv");
  ontonet::OntologyRecords records;
  Index n_pathways = 0;
  for (const auto& [gene, pathway] : gene_pathway) n_pathways = std::max(n_pathways, pathway + 1);
  for (Index p = 0; p < n_pathways; ++p) {
    ontonet::TermRecord term;
    term.id = "P" + std::to_string(p);
    records.terms.push_back(std::move(term));
  }
  for (const auto& [gene, pathway] : gene_pathway) {
    ontonet::AnnotationRecord annotation;
    annotation.term = "P" + std::to_string(pathway);
    annotation.gene = "G" + std::to_string(gene);
    records.annotations.push_back(std::move(annotation));
  }
  ontonet::BuildReport report;
  Topology topology{ontonet::build_ontology(records, {}, report), {}};
  topology.input_map.feature_ids.resize(snp_gene.size());
  topology.input_map.feature_genes.resize(snp_gene.size());
  for (const auto& [snp, gene] : snp_gene) {
    const auto s = static_cast<std::size_t>(snp);
    if (s >= snp_gene.size())
      throw ontonet::InputError(dir + "/snp2gene.tsv", 0, "SNP ids must be 0 .. n - 1");
    topology.input_map.feature_ids[s] = "S" + std::to_string(snp);
    topology.input_map.feature_genes[s] = {"G" + std::to_string(gene)};
  }
  return topology;
}

// W3: the DrugCell-format ontology; gene i of gene2ind.txt is input i.
Topology read_dcell_topology(const std::string& dir) {
  ontonet::BuildReport report;
  std::ifstream in(dir + "/gene2ind.txt");
  if (!in) throw ontonet::InputError(dir + "/gene2ind.txt", 0, "cannot open");
  std::vector<std::string> genes;
  Index index = 0;
  std::string gene;
  while (in >> index >> gene) genes.push_back(gene);
  return {
      ontonet::build_ontology(ontonet::read_parent_child_type(dir + "/ontology.txt"), {}, report),
      ontonet::identity_input_map(genes)};
}

// The timed part of building: spec from the parsed topology.
ontonet::NetworkSpec build_spec(const std::string& workload, const Topology& topology) {
  if (workload == "W3") {
    return ontonet::build_dcell_spec(topology.ontology, topology.input_map,
                                     ontonet::drugcell_preset());
  }
  if (workload == "W4") {
    ontonet::DenseMlpShape shape;
    shape.n_inputs = static_cast<Index>(topology.input_map.feature_ids.size());
    shape.hidden_widths = {2, 2};
    return ontonet::dense_mlp_spec(shape, topology.input_map.feature_ids);
  }
  return ontonet::build_gennet_spec(topology.ontology, topology.input_map,
                                    ontonet::GenNetOptions{});
}

using SampleCodes = Eigen::Matrix<std::int8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Pool of sample-major batches [batch, n_inputs] and their targets [1, batch]. The inputs are held
// as int8 codes (genotypes 0/1/2, gene states 0/1) and, for --input float, as float32 too.
struct DataPool {
  std::vector<SampleCodes> codes;
  std::vector<Matrix<float>> x;
  std::vector<Matrix<float>> y;
};

DataPool make_pool(Index n_inputs, bool gene_states, int n_batches, bool as_float,
                   std::uint64_t seed) {
  DataPool pool;
  std::mt19937_64 random(seed + 10);
  std::uniform_int_distribution<int> genotype(0, 2);
  std::bernoulli_distribution coin(0.5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (int b = 0; b < n_batches; ++b) {
    SampleCodes codes(kBatch, n_inputs);
    for (Index i = 0; i < codes.size(); ++i) {
      codes.data()[i] = static_cast<std::int8_t>(gene_states ? coin(random) : genotype(random));
    }
    if (as_float) pool.x.push_back(codes.cast<float>());
    Matrix<float> y(1, kBatch);
    for (Index i = 0; i < kBatch; ++i) y(0, i) = gene_states ? normal(random) : coin(random);
    pool.codes.push_back(std::move(codes));
    pool.y.push_back(std::move(y));
  }
  return pool;
}

// Pointers to the rows of a sample-major batch, as a data source hands a batch to the trainer.
template <typename Samples>
auto sample_rows(const Samples& samples) {
  std::vector<const typename Samples::Scalar*> rows;
  for (Index j = 0; j < samples.rows(); ++j) rows.push_back(samples.data() + j * samples.cols());
  return rows;
}

std::vector<ontonet::Parameter<float>*> connection_weights(ontonet::Model<float>& model) {
  std::vector<ontonet::Parameter<float>*> weights;
  for (auto& level : model.levels()) weights.push_back(&level.weights);
  return weights;
}

int run(const Args& args) {
  omp_set_num_threads(args.threads);
  nlohmann::json result = {{"workload", args.workload},
                           {"impl", "ontonet"},
                           {"threads", args.threads},
                           {"warmup", args.warmup},
                           {"steps", args.steps},
                           {"inf_steps", args.inf_steps},
                           {"batch", kBatch}};
  Clock::time_point start = Clock::now();
  const bool dcell = args.workload == "W3";
  std::optional<Topology> topology =
      dcell ? read_dcell_topology(args.topology) : read_gennet_topology(args.topology);
  result["read_s"] = seconds_since(start);

  start = Clock::now();
  Workload workload;
  workload.spec = build_spec(args.workload, *topology);
  if (dcell) {
    workload.loss = ontonet::LossKind::kMse;
    workload.l1 = 0.0;
    workload.gene_states = true;
  }
  result["build_spec_s"] = seconds_since(start);
  // The model keeps the spec (its neuron labels); nothing else needs it here, so it moves in.
  ontonet::Model<float> model(std::move(workload.spec), args.seed);
  ontonet::Adam<float> adam(model.parameters(), ontonet::AdamOptions{});
  const ontonet::L1Penalty<float> l1(connection_weights(model), workload.l1);
  result["build_s"] = seconds_since(start);
  result["n_params"] = model.n_parameters();
  result["levels"] = model.levels().size();
  topology.reset();  // its strings are not part of the training's memory

  const int n_pool = args.pool > 0 ? args.pool : (args.workload == "W2" ? 3 : 16);
  const Index n_inputs = model.spec().n_inputs();
  const DataPool pool =
      make_pool(n_inputs, workload.gene_states, n_pool, args.float_input, args.seed);
  result["input"] = args.float_input ? "float32" : "int8";
  result["data_pool_mb"] =
      static_cast<double>(n_pool) * kBatch * n_inputs * (args.float_input ? 5 : 1) / 1048576.0;

  ontonet::Tape<float> tape;
  tape.set_check_finite(false);
  Matrix<float> x;
  ontonet::CodeMatrix codes;
  // The batch's inputs, transposed into the activation layout and moved onto the tape.
  const auto input_batch = [&](std::size_t k) {
    if (args.float_input) {
      x.resize(n_inputs, kBatch);
      ontonet::transpose_batch(sample_rows(pool.x[k]), n_inputs, x.data());
      return tape.input(std::move(x), false);
    }
    codes.resize(n_inputs, kBatch);
    ontonet::transpose_batch(sample_rows(pool.codes[k]), n_inputs, codes.data());
    return tape.input_codes(std::move(codes));
  };
  double loss_value = 0.0;
  const auto train_step = [&](int i) {
    const auto k = static_cast<std::size_t>(i % n_pool);
    tape.reset();
    tape.set_training(true);
    adam.zero_grad();
    const ontonet::ModelOutputs outputs = model.forward(tape, input_batch(k));
    const ontonet::NodeId loss = model.loss(tape, outputs, pool.y[k], workload.loss);
    loss_value = tape.value(loss)(0, 0);
    tape.backward(loss);
    adam.step();
    if (workload.l1 > 0.0) l1.apply_proximal_step(adam.learning_rate());
  };
  for (int i = 0; i < args.warmup; ++i) train_step(i);
  start = Clock::now();
  for (int i = 0; i < args.steps; ++i) train_step(args.warmup + i);
  double seconds = seconds_since(start);
  result["train_step_ms"] = 1e3 * seconds / args.steps;
  result["train_sps"] = static_cast<double>(args.steps) * kBatch / seconds;
  result["final_loss"] = loss_value;
  result["peak_rss_train_mb"] = peak_rss_mb();

  const auto inference_batch = [&](int i) {
    tape.reset();
    tape.set_training(false);
    model.forward(tape, input_batch(static_cast<std::size_t>(i % n_pool)));
  };
  for (int i = 0; i < args.inf_warmup; ++i) inference_batch(i);
  start = Clock::now();
  for (int i = 0; i < args.inf_steps; ++i) inference_batch(args.inf_warmup + i);
  seconds = seconds_since(start);
  result["inf_batch_ms"] = 1e3 * seconds / args.inf_steps;
  result["inf_sps"] = static_cast<double>(args.inf_steps) * kBatch / seconds;
  result["peak_rss_mb"] = peak_rss_mb();
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::exception& error) {
    std::cerr << "workload_bench: " << error.what() << "\n";
    return 2;
  }
}
