// Ontologies, input maps and data shared by the network tests: a small hand-made DAG whose shape
// exercises every wiring rule, and the real DrugCell and go-slice ontologies (loaded once).
#pragma once

#include <random>
#include <string>
#include <vector>

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/io/gaf_reader.hpp"
#include "ontonet/io/obo_reader.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"
#include "ontonet/network/input_map.hpp"
#include "ontonet/ontology/ontology.hpp"
#include "ontonet/ontology/ontology_builder.hpp"
#include "../test_support.hpp"

namespace ontonet::test {

// Terms (height): C(0) D(0) E(0) A(1) B(1) R(2). Edges child -> parent: C->A, D->A, D->B, A->R,
// B->R, E->R, so R has children of heights 1 and 0 and D has two parents.
// Direct genes: C {g1, g2}, D {g3, g4}, E {g2, g6}, A {g5}, B {g6}, R {}.
inline Ontology hand_made_ontology() {
  std::vector<Term> terms;
  for (const char* id : {"C", "D", "E", "A", "B", "R"}) terms.push_back(Term{id, "", "", {}, {}});
  const std::vector<TermEdge> edges{{0, 3, 0}, {1, 3, 0}, {1, 4, 0}, {3, 5, 0}, {4, 5, 0}, {2, 5, 0}};
  std::vector<std::string> genes{"g1", "g2", "g3", "g4", "g5", "g6"};
  std::vector<std::vector<GeneIndex>> direct{{0, 1}, {2, 3}, {1, 5}, {4}, {5}, {}};
  return Ontology(std::move(terms), {"is_a"}, edges, std::move(genes), std::move(direct));
}

// One feature per gene, named after it.
inline InputMap gene_identity_map(const std::vector<std::string>& genes) {
  InputMap map;
  for (const std::string& gene : genes) {
    map.feature_ids.push_back(gene);
    map.feature_genes.push_back({gene});
  }
  return map;
}

// Two channels per hand-made gene (g<i>_mut, g<i>_del), one SNP inside g3 and g4, one SNP in a gene
// the ontology does not know.
inline InputMap multi_channel_map() {
  InputMap map;
  for (const char* gene : {"g1", "g2", "g3", "g4", "g5", "g6"}) {
    for (const char* channel : {"_mut", "_del"}) {
      map.feature_ids.push_back(std::string(gene) + channel);
      map.feature_genes.push_back({gene});
    }
  }
  map.feature_ids.push_back("snp34");
  map.feature_genes.push_back({"g3", "g4"});
  map.feature_ids.push_back("snp_elsewhere");
  map.feature_genes.push_back({"unknown_gene"});
  return map;
}

inline const Ontology& drugcell_ontology() {
  static const Ontology ontology = [] {
    BuildReport report;
    OntologyBuildOptions options;
    options.join_roots = true;
    return build_ontology(read_parent_child_type(shared_data("drugcell/drugcell_ont.txt")),
                          options, report);
  }();
  return ontology;
}

inline const Ontology& go_slice_ontology() {
  static const Ontology ontology = [] {
    OntologyRecords records = read_obo(shared_data("go-slice/go-slice.obo"));
    records.merge(read_gaf(shared_data("go-slice/go-slice.gaf")));
    BuildReport report;
    OntologyBuildOptions options;
    options.join_roots = true;
    options.drop_dangling_edges = true;
    return build_ontology(records, options, report);
  }();
  return ontology;
}

// [rows, cols] of independent 0/1 draws, as mutation data looks.
template <typename Scalar>
Matrix<Scalar> random_binary(Index rows, Index cols, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::bernoulli_distribution bit(0.3);
  Matrix<Scalar> x(rows, cols);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = bit(random) ? Scalar(1) : Scalar(0);
  return x;
}

template <typename Scalar>
Matrix<Scalar> random_normal(Index rows, Index cols, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal;
  Matrix<Scalar> x(rows, cols);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<Scalar>(normal(random));
  return x;
}

}  // namespace ontonet::test
