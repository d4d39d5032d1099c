#!/usr/bin/env python3
"""Markdown summary of an `ontonet explain` run on the NeST-VNN network: the top 10 genes and terms
of each method (model 1), the rank of the cell-cycle genes that palbociclib's mechanism involves,
the genes of the top terms, and the rank stability across seeds.
Usage: summarize.py EXPLAIN_DIR ONTOLOGY_TXT"""
import csv
import json
import os
import sys
from collections import defaultdict

METHODS = ["weight_paths", "saliency", "gradient_input", "integrated_gradients", "deeplift",
           "knockout", "permutation", "rlipp"]
# CDK4/6-RB axis: drug targets, their cyclin partners and inhibitors, RB1 and its E2F targets.
CELL_CYCLE = ["RB1", "CDKN2A", "CDKN2B", "CCND1", "CCND2", "CCND3", "CDK4", "CDK6", "CCNE1",
              "CDKN1A", "CDKN1B", "E2F3", "TP53"]


def read_table(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def term_genes(ontology):
    """Genes under each term, propagated up the DAG (parent, child, type rows)."""
    children, direct = defaultdict(set), defaultdict(set)
    with open(ontology) as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            parent, child, kind = fields[:3]
            (direct if kind == "gene" else children)[parent].add(child)
    memo = {}

    def genes(term):
        if term not in memo:
            found = set(direct.get(term, ()))
            for child in children.get(term, ()):
                found |= genes(child)
            memo[term] = found
        return memo[term]

    return genes


def main():
    folder, ontology = sys.argv[1], sys.argv[2]
    model = os.path.join(folder, "model1")
    genes_of = term_genes(ontology)
    tables = {m: read_table(os.path.join(model, m + ".tsv")) for m in METHODS
              if os.path.exists(os.path.join(model, m + ".tsv"))}
    print("# NeST-VNN palbociclib: explanations of the ontology network (seed 1, test split)\n")
    print("## Top 10 genes per method\n")
    print("| method | top 10 genes (rank 1 first) |")
    print("|---|---|")
    for method, rows in tables.items():
        top = [r["id"] for r in rows if r["kind"] == "gene" and 1 <= int(r["rank"]) <= 10]
        if top:
            print(f"| {method} | {', '.join(top)} |")
    print("\n## Top 10 terms per method (size; cell-cycle genes inside)\n")
    print("| method | top 10 terms |")
    print("|---|---|")
    for method, rows in tables.items():
        cells = []
        for r in rows:
            if r["kind"] != "term" or not 1 <= int(r["rank"]) <= 10:
                continue
            inside = sorted(set(CELL_CYCLE) & genes_of(r["id"]))
            cells.append(f"{r['id']} ({len(genes_of(r['id']))}{'; ' + ' '.join(inside) if inside else ''})")
        print(f"| {method} | {', '.join(cells)} |")
    print("\n## Rank of the CDK4/6-RB axis genes among the 718 genes\n")
    ranked_methods = [m for m in tables if any(r["kind"] == "gene" for r in tables[m])]
    print("| gene | " + " | ".join(ranked_methods) + " |")
    print("|---|" + "---|" * len(ranked_methods))
    for gene in CELL_CYCLE:
        ranks = []
        for method in ranked_methods:
            rank = next((r["rank"] for r in tables[method]
                         if r["kind"] == "gene" and r["id"] == gene), "-")
            ranks.append(rank if rank != "0" else "-")
        print(f"| {gene} | " + " | ".join(ranks) + " |")
    stability = os.path.join(folder, "stability.tsv")
    if os.path.exists(stability):
        print("\n## Rank stability across the 5 seeds (mean over pairs of models)\n")
        print("| method | kind | mean Spearman | min Spearman | mean top-k overlap (k) |")
        print("|---|---|---|---|---|")
        for r in read_table(stability):
            print(f"| {r['method']} | {r['kind']} | {float(r['mean_spearman']):.3f} | "
                  f"{float(r['min_spearman']):.3f} | {float(r['mean_top_k_overlap']):.2f} "
                  f"({r['top_k']}) |")
    print("\n## Seconds per method (model 1, 2 threads)\n")

    with open(os.path.join(model, "explanations.json")) as handle:
        document = json.load(handle)
    print("| method | seconds | checks |")
    print("|---|---|---|")
    for method, entry in document["methods"].items():
        checks = ", ".join(f"{k} {v:.3g}" for k, v in entry["checks"].items())
        print(f"| {method} | {entry['seconds']:.2f} | {checks} |")


if __name__ == "__main__":
    main()
