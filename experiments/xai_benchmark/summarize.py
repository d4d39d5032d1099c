"""Markdown tables of benchmark-explain reports: per scenario, every method's mean AUROC ± sd
(AUPRC, precision at k) for genes and terms, each model side by side, with the models' held-out
metric, the rank stability and the time per method.

    python3 experiments/xai_benchmark/summarize.py REPORT_DIR [REPORT_DIR ...]
"""
import csv
import sys


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def cell(row, key, sd_key=None):
    if row is None or row[key] == "NA":
        return "–"
    text = f"{float(row[key]):.2f}"
    if sd_key and row[sd_key] != "NA" and int(row["seeds"]) > 1:
        text += f" ± {float(row[sd_key]):.2f}"
    return text


def summarize(folder):
    rows = read_rows(f"{folder}/recovery.tsv")
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    models = list(dict.fromkeys(r["model"] for r in rows))
    methods = list(dict.fromkeys(r["method"] for r in rows))
    index = {(r["scenario"], r["model"], r["method"], r["kind"]): r for r in rows}
    print(f"## {folder}\n")
    for scenario in scenarios:
        held_out = []
        for model in models:
            first = next(r for r in rows if r["scenario"] == scenario and r["model"] == model)
            held_out.append(f"{model} {first['held_out_metric']} {float(first['held_out_mean']):.3f}")
        print(f"### {scenario} ({'; '.join(held_out)})\n")
        header = "| method |"
        rule = "|---|"
        for model in models:
            for kind in ("gene", "term"):
                header += f" {model}: {kind}s |"
                rule += "---|"
        header += f" stability, genes ({models[0]}) | seconds ({models[0]}) |"
        rule += "---|---|"
        print(header)
        print(rule)
        for method in methods:
            line = f"| {method} |"
            for model in models:
                for kind in ("gene", "term"):
                    r = index.get((scenario, model, method, kind))
                    line += (f" {cell(r, 'auroc_mean', 'auroc_sd')} ({cell(r, 'auprc_mean')},"
                             f" {cell(r, 'precision_at_k_mean')}) |" if r else " – |")
            g = index.get((scenario, models[0], method, "gene")) or index.get(
                (scenario, models[0], method, "term"))
            line += f" {cell(g, 'stability_spearman')} | {cell(g, 'seconds_mean')} |"
            print(line)
        print()


def main():
    for folder in sys.argv[1:]:
        summarize(folder)


if __name__ == "__main__":
    main()
