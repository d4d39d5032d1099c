#!/usr/bin/env python3
"""Summarizes the run folders of an experiment (OUT/<architecture>-seed<k>/) as a Markdown table:
mean and standard deviation over seeds of each metric on the test split (metrics.json) and, when
asked, on an external cohort (<cohort>_model.json written by `ontonet predict --metrics-json`). The
linear baseline (metrics.json's linear_baseline, <cohort>_linear.json) is one deterministic fit.
usage: summarize_runs.py OUT test [COHORT ...]
"""
import json
import math
import os
import re
import sys

REGRESSION = ["pearson", "spearman", "r2", "mse"]
BINARY = ["auroc", "auprc", "accuracy", "balanced_accuracy"]


def mean_sd(values):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    mean = sum(values) / len(values)
    if len(values) == 1:
        return f"{mean:.3f}"
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    return f"{mean:.3f} ± {sd:.3f}"


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    out, cohorts = sys.argv[1], sys.argv[3:]
    runs = {}
    for name in sorted(os.listdir(out)):
        match = re.fullmatch(r"(\w+)-seed(\d+)", name)
        if match and os.path.exists(os.path.join(out, name, "metrics.json")):
            runs.setdefault(match.group(1), []).append(os.path.join(out, name))
    first = load(os.path.join(next(iter(runs.values()))[0], "metrics.json"))
    names = REGRESSION if "pearson" in first["metrics"]["test"] else BINARY
    columns = [("test", n) for n in names] + [(c, n) for c in cohorts for n in names[:2]]
    print("| model | seeds | " + " | ".join(f"{where} {n}" for where, n in columns) + " |")
    print("|---" * (len(columns) + 2) + "|")
    for architecture, folders in runs.items():
        cells = []
        for where, name in columns:
            values = []
            for folder in folders:
                if where == "test":
                    values.append(load(os.path.join(folder, "metrics.json"))["metrics"]["test"][name])
                else:
                    path = os.path.join(folder, f"{where}_model.json")
                    values.append(load(path)[name] if os.path.exists(path) else None)
            cells.append(mean_sd(values))
        print(f"| {architecture} network | {len(folders)} | " + " | ".join(cells) + " |")
    for folder in [f for fs in runs.values() for f in fs]:
        metrics = load(os.path.join(folder, "metrics.json"))
        if "linear_baseline" not in metrics:
            continue
        linear = metrics["linear_baseline"]
        cells = []
        for where, name in columns:
            if where == "test":
                cells.append(mean_sd([linear["metrics"]["test"][name]]))
            else:
                path = os.path.join(folder, f"{where}_linear.json")
                cells.append(mean_sd([load(path)[name]]) if os.path.exists(path) else "n/a")
        print(f"| {linear['model']} (penalty {linear['penalty']:g}) | 1 | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
