#!/usr/bin/env python3
"""Gathers the `ontonet compare` reports of run.sh into one table per scenario and size.

Usage: summarize.py OUT_DIR SIZE...   (run.sh calls it)
Writes OUT_DIR/sweep.tsv (scenario, n_train, model, test loss and pearson mean and sd over seeds,
the lambda chosen on validation) and OUT_DIR/RESULTS.md (test loss per model and size, with the
paired difference of the selected ontology network against the dense MLP and its 95% interval).
Standard library only.
"""
import csv
import os
import sys

SCENARIOS = ("inside", "across")


def read_tsv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)


def main():
    out, sizes = sys.argv[1], [int(size) for size in sys.argv[2:]]
    sweep = ["scenario\tn_train\tmodel\ttest_loss_mean\ttest_loss_sd\ttest_pearson_mean"
             "\ttest_pearson_sd\tseeds"]
    markdown = []
    for scenario in SCENARIOS:
        rows_by_size = {}
        for n in sizes:
            folder = os.path.join(out, f"{scenario}_{n}")
            if not os.path.exists(os.path.join(folder, "comparison.tsv")):
                continue
            models = read_tsv(os.path.join(folder, "comparison.tsv"))
            paired = read_tsv(os.path.join(folder, "paired_differences.tsv"))
            selected = next(row for row in models if row["selected"] == "1")
            for row in models:
                names = [row["model"]]
                if row["architecture"] == "ontology":
                    names = (["ontology lambda=0"] if row["lambda"] == "0" else []) + \
                            (["ontology (best lambda)"] if row is selected else [])
                for name in names:
                    sweep.append(f"{scenario}\t{n}\t{name}\t{row['test_loss_mean']}"
                                 f"\t{row['test_loss_sd']}\t{row['test_pearson_mean']}"
                                 f"\t{row['test_pearson_sd']}\t{row['seeds']}")
            difference = next(row for row in paired
                              if row["model"] == selected["model"] and row["metric"] == "loss")
            rows_by_size[n] = (models, selected, difference)
        if not rows_by_size:
            continue
        markdown.append(f"### Signal {scenario} the wiring\n")
        markdown.append("| n train | ontology, lambda=0 | ontology, best lambda (lambda) | dense "
                        "| dense, equal params | shuffled | ridge | best ontology - dense "
                        "[95% CI], seeds won |")
        markdown.append("|---:|---:|---:|---:|---:|---:|---:|---|")
        for n, (models, selected, difference) in sorted(rows_by_size.items()):
            by_name = {row["model"]: row for row in models}
            unregularized = next(row for row in models
                                 if row["architecture"] == "ontology" and row["lambda"] == "0")

            def cell(row):
                if row is None:
                    return "-"
                if row["test_loss_sd"] == "NA":
                    return f"{float(row['test_loss_mean']):.3f}"
                return f"{float(row['test_loss_mean']):.3f} ± {float(row['test_loss_sd']):.3f}"

            linear = next((row for row in models if row["architecture"] == "linear"), None)
            markdown.append(
                f"| {n:,} | {cell(unregularized)} | {cell(selected)} ({selected['lambda']}) "
                f"| {cell(by_name.get('dense'))} | {cell(by_name.get('dense_equal_params'))} "
                f"| {cell(by_name.get('shuffled'))} | {cell(linear)} "
                f"| {float(difference['mean_difference']):+.3f} "
                f"[{float(difference['ci95_low']):+.3f}, {float(difference['ci95_high']):+.3f}], "
                f"{difference['model_better']}/{difference['seeds']} |")
        markdown.append("")
    write_atomically(os.path.join(out, "sweep.tsv"), "\n".join(sweep) + "\n")
    write_atomically(os.path.join(out, "RESULTS.md"), "\n".join(markdown))
    print("\n".join(markdown))


if __name__ == "__main__":
    main()
