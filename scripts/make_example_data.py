#!/usr/bin/env python3
"""Writes the example cohort of ontologies/example: a simulated expression matrix over the example
ontology's 39 genes and phenotypes driven by two of its terms, so that the README's main job can
train, compare and explain without ../shared/data. Deterministic (seed 2026); standard library only.
Run from the repository root: python3 scripts/make_example_data.py
"""
import math
import random

GENES = """CDK4 CDK6 CCND1 CDKN2A CDKN1B RB1 E2F1 E2F3 CCNE1 BUB1 BUB1B MAD2L1 TTK CDC20 BRCA1 BRCA2
RAD51 PALB2 RAD51C XRCC4 LIG4 PRKDC XRCC6 XRCC5 MLH1 MSH2 MSH6 PMS2 BAX BAK1 CASP9 APAF1 CYCS TP53
MDM2 CDKN1A ATM NBN MRE11""".split()
N_SAMPLES = 800


def main():
    rng = random.Random(2026)
    rows = []
    for i in range(N_SAMPLES):
        x = {g: rng.gauss(0.0, 1.0) for g in GENES}
        age = rng.uniform(30.0, 80.0)
        # G1/S drive (EX:0000013) and homologous-recombination loss (EX:0000007) set the phenotype.
        g1s = (x["CDK4"] + x["CCND1"] - x["CDKN2A"]) / math.sqrt(3.0)
        hr = -(x["BRCA1"] + x["RAD51"]) / math.sqrt(2.0)
        y = 1.0 * g1s + 0.6 * math.tanh(1.5 * hr) + 0.01 * (age - 55.0) + rng.gauss(0.0, 0.5)
        rows.append((f"sample{i + 1:04d}", x, age, y))
    median = sorted(r[3] for r in rows)[N_SAMPLES // 2]
    with open("ontologies/example/example_expression.tsv", "w") as out:
        out.write("sample\t" + "\t".join(GENES) + "\n")
        for sample, x, _, _ in rows:
            out.write(sample + "\t" + "\t".join(f"{x[g]:.4f}" for g in GENES) + "\n")
    with open("ontologies/example/example_phenotypes.tsv", "w") as out:
        out.write("sample\tphenotype\tstatus\tage\n")
        for sample, _, age, y in rows:
            out.write(f"{sample}\t{y:.4f}\t{'case' if y > median else 'control'}\t{age:.1f}\n")


if __name__ == "__main__":
    main()
