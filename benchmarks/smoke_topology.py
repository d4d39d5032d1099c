#!/usr/bin/env python3
"""Small topologies in the file formats of ../shared/bench/export_topology.py, for CI's smoke run of
workload_bench, which must not need PyTorch (export_topology.py imports it). The shapes follow the
workloads' rules at a smaller size; the figures in RESULTS.md come from export_topology.py's files.

usage: smoke_topology.py --kind gennet --snps N --out DIR    (snp2gene.tsv, gene2pathway.tsv)
       smoke_topology.py --kind dcell --out DIR              (ontology.txt, gene2ind.txt)
"""
import argparse
import os
import random


def write_gennet(out, n_snps, seed):
    rng = random.Random(seed)
    n_genes = max(1, n_snps // 5)
    n_pathways = max(1, n_genes // 10)
    genes = list(range(n_genes)) + [rng.randrange(n_genes) for _ in range(n_snps - n_genes)]
    rng.shuffle(genes)
    with open(os.path.join(out, "snp2gene.tsv"), "w") as f:
        f.write("snp\tgene\n")
        f.writelines(f"{snp}\t{gene}\n" for snp, gene in enumerate(genes))
    with open(os.path.join(out, "gene2pathway.tsv"), "w") as f:
        f.write("gene\tpathway\n")
        for gene in range(n_genes):
            for pathway in sorted(rng.sample(range(n_pathways), min(n_pathways, rng.randint(1, 5)))):
                f.write(f"{gene}\t{pathway}\n")


def write_dcell(out, seed):
    """A random DAG of 4 levels (1, 3, 9, 27 terms); each term below the root has a parent in the
    level above and maybe one more from any level above; leaves get 5-20 of 300 genes."""
    rng = random.Random(seed)
    n_genes = 300
    levels, first = [], 0
    for size in (1, 3, 9, 27):
        levels.append(list(range(first, first + size)))
        first += size
    children = {t: set() for level in levels for t in level}
    for depth in range(1, len(levels)):
        above = [t for level in levels[:depth] for t in level]
        for term in levels[depth]:
            children[rng.choice(levels[depth - 1])].add(term)
            if rng.random() < 0.5:
                children[rng.choice(above)].add(term)
    with open(os.path.join(out, "ontology.txt"), "w") as f:
        for parent in sorted(children):
            f.writelines(f"T{parent}\tT{child}\tdefault\n" for child in sorted(children[parent]))
        for term in sorted(children):
            if not children[term]:
                for gene in sorted(rng.sample(range(n_genes), rng.randint(5, 20))):
                    f.write(f"T{term}\tG{gene}\tgene\n")
    with open(os.path.join(out, "gene2ind.txt"), "w") as f:
        f.writelines(f"{gene}\tG{gene}\n" for gene in range(n_genes))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True, choices=["gennet", "dcell"])
    parser.add_argument("--snps", type=int, default=5000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.kind == "gennet":
        write_gennet(args.out, args.snps, args.seed)
    else:
        write_dcell(args.out, args.seed)


if __name__ == "__main__":
    main()
