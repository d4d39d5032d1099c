"""Tables of the three diagnostic experiments from their benchmark-explain reports.

    python3 experiments/explain_diagnostics/summarize.py RUNS_DIR

RUNS_DIR holds depth/, collinearity/ and dropout/ (run.sh writes them). Markdown on stdout.
"""
import csv
import glob
import json
import math
import os
import statistics
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def number(text):
    return float("nan") if text in ("NA", "") else float(text)


def fmt(value, digits=2):
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞"
    if value != 0 and (abs(value) < 0.01 or abs(value) >= 1e4):
        return f"{value:.1e}"
    return f"{value:.{digits}f}"


def recovery(folder):
    return {(r["scenario"], r["model"], r["method"], r["kind"]): r
            for r in rows(os.path.join(folder, "recovery.tsv"))}


def model_folders(folder, scenario):
    return sorted(glob.glob(os.path.join(folder, scenario, "explain_ontology", "model*")),
                  key=lambda p: int(p.rsplit("model", 1)[1]))


def scenarios(folder):
    return list(dict.fromkeys(r["scenario"] for r in rows(os.path.join(folder, "recovery.tsv"))))


def held_out(table, scenario):
    row = next(r for (s, m, _, _), r in table.items() if s == scenario and m == "ontology")
    return f"{number(row['held_out_mean']):.3f}"


def depth_table(folder):
    table = recovery(folder)
    methods = ["saliency", "gradient_input", "integrated_gradients", "deeplift", "knockout"]
    print("### Depth: gene AUROC per method and the input gradients (mean over seeds)\n")
    print("| network | depth | test pearson | " + " | ".join(methods) +
          " | input-gradient norm / largest level's | input gradients exactly 0 |"
          " saliency-blind samples |")
    print("|---" * (len(methods) + 6) + "|")
    for scenario in scenarios(folder):
        flows, blind = [], []
        for model in model_folders(folder, scenario):
            flow = rows(os.path.join(model, "gradient_flow.tsv"))
            flows.append((number(flow[0]["relative_to_max"]), number(flow[0]["zero_fraction"])))
            with open(os.path.join(model, "diagnostics.json")) as f:
                blind.append(json.load(f)["gradient_flow"]["saliency_blind_fraction"])
        cells = [fmt(number(table[(scenario, "ontology", m, "gene")]["auroc_mean"]))
                 for m in methods]
        style, _, depth = scenario.split("_")
        print(f"| {style} | {depth} | {held_out(table, scenario)} | " + " | ".join(cells) +
              f" | {fmt(statistics.mean(f[0] for f in flows))}"
              f" | {fmt(100 * statistics.mean(f[1] for f in flows), 1)}%"
              f" | {fmt(100 * statistics.mean(blind), 1)}% |")
    print()


def collinearity_table(folder):
    table = recovery(folder)
    methods = ["gradient_input", "integrated_gradients", "deeplift", "knockout", "permutation"]
    print("### Collinearity: a causal gene and its correlated partner (the other gene of its term)\n")
    print("share = score(causal) / (score(causal) + score(partner)), per seed and causal gene; "
          "sd over seeds x causal genes. CV over seeds (mean over causal genes) of the pair's sum "
          "of gene scores, and of the score of the pair's term, whose neurons take both genes.\n")
    print("| rho | test pearson | condition number (warning) | method | share mean | share sd |"
          " gene sum CV | term CV | gene AUROC |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios(folder):
        truth = rows(os.path.join(folder, scenario, "simulation", "truth_genes.tsv"))
        block = {r["gene"]: r["block"] for r in truth}
        causal = [r["gene"] for r in truth if r["causal"] == "1"]
        partner = {g: next(r["gene"] for r in truth if r["block"] == block[g] and r["gene"] != g)
                   for g in causal}
        models = model_folders(folder, scenario)
        conditions = []
        for entry in rows(os.path.join(models[0], "collinearity.tsv")):
            if entry["kind"] == "term" and entry["id"] in {block[g] for g in causal}:
                conditions.append((number(entry["correlation_condition"]), entry["warning"] == "1"))
        condition = f"{fmt(statistics.mean(c for c, _ in conditions), 1)} " \
                    f"({sum(w for _, w in conditions)}/{len(conditions)})"
        for method in methods:
            shares = []
            sums = {g: [] for g in causal}
            terms = {g: [] for g in causal}
            for model in models:
                table_rows = rows(os.path.join(model, f"{method}.tsv"))
                scores = {r["id"]: number(r["score"]) for r in table_rows if r["kind"] == "gene"}
                term_scores = {r["id"]: number(r["score"]) for r in table_rows
                               if r["kind"] == "term"}
                for g in causal:
                    total = scores[g] + scores[partner[g]]
                    sums[g].append(total)
                    terms[g].append(term_scores.get(block[g], float("nan")))
                    if total > 0:
                        shares.append(scores[g] / total)

            def mean_cv(series):
                cvs = [statistics.stdev(v) / statistics.mean(v) for v in series.values()
                       if len(v) > 1 and statistics.mean(v) > 0]
                return statistics.mean(cvs) if cvs else float("nan")
            auroc = number(table[(scenario, "ontology", method, "gene")]["auroc_mean"])
            print(f"| {scenario.split('_')[1]} | {held_out(table, scenario)} | {condition} |"
                  f" {method} | {fmt(statistics.mean(shares))} | {fmt(statistics.stdev(shares))} |"
                  f" {fmt(mean_cv(sums))} | {fmt(mean_cv(terms))} | {fmt(auroc)} |")
    print()


def dropout_table(folder):
    table = recovery(folder)
    print("### Dropout: single against joint knockouts of each term's neurons\n")
    print("Medians over the terms with 2+ neurons, then the mean over seeds; causal terms apart.\n")
    print("| dropout | test pearson | terms: single share | participation ratio |"
          " super-additivity | causal terms: single share | participation ratio |"
          " super-additivity | knockout AUROC genes | terms |")
    print("|---" * 10 + "|")
    for scenario in scenarios(folder):
        truth = rows(os.path.join(folder, scenario, "simulation", "truth_terms.tsv"))
        causal = {r["term"] for r in truth if r["causal"] == "1"}
        columns = ("single_share", "participation_ratio", "super_additivity")
        every = {c: [] for c in columns}
        planted = {c: [] for c in columns}
        for model in model_folders(folder, scenario):
            terms = rows(os.path.join(model, "redundancy.tsv"))
            for c in columns:
                values = [number(t[c]) for t in terms if not math.isnan(number(t[c]))]
                every[c].append(statistics.median(values))
                values = [number(t[c]) for t in terms
                          if t["term"] in causal and not math.isnan(number(t[c]))]
                if values:
                    planted[c].append(statistics.median(values))
        knockout = [fmt(number(table[(scenario, "ontology", "knockout", k)]["auroc_mean"]))
                    for k in ("gene", "term")]
        print(f"| {scenario.split('_')[1]} | {held_out(table, scenario)} | " +
              " | ".join(fmt(statistics.mean(every[c])) for c in columns) + " | " +
              " | ".join(fmt(statistics.mean(planted[c])) if planted[c] else "–"
                         for c in columns) + " | " + " | ".join(knockout) + " |")
    print()


def main():
    runs = sys.argv[1]
    for name, table in (("depth", depth_table), ("collinearity", collinearity_table),
                        ("dropout", dropout_table)):
        folder = os.path.join(runs, name)
        if os.path.exists(os.path.join(folder, "recovery.tsv")):
            table(folder)


if __name__ == "__main__":
    main()
