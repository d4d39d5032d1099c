#!/usr/bin/env python3
"""ontonet's workload_bench beside the PyTorch reference of ../shared/bench, in one session.

Every repeat runs every configuration once, each in a fresh process, alternating between the two
frameworks so that both see the same machine load; the table gives medians (min-max) and the
ratio of the medians. The section between the markers in benchmarks/RESULTS.md is replaced
(written to a temporary file, then renamed), and the raw JSON lines are kept beside it.

usage: benchmarks/compare_pytorch.py --build BUILD [--shared ../shared] [--reps 3]
                                     [--only W1,W3] [--out benchmarks/RESULTS.md] [--render-only]
Needs python3-torch, python3-numpy and libopenblas0-openmp (../shared/bench/README.md).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

BEGIN = "<!-- compare_pytorch: begin -->"
END = "<!-- compare_pytorch: end -->"

# (workload, PyTorch implementation): the reference's best formulation of each workload, and
# DrugCell's own structure for W3.
TORCH_CONFIGS = [("W1", "a2"), ("W2", "a2"), ("W3", "a2"), ("W3", "moduledict"), ("W4", "dense")]
# (workload, input type) of ontonet.
ONTONET_CONFIGS = [("W1", "int8"), ("W1", "float"), ("W2", "int8"), ("W3", "int8"),
                   ("W4", "int8"), ("W4", "float")]
TORCH_NAMES = {"a2": "torch.sparse CSR + hand-written backward (packed per level for W3)",
               "moduledict": "DrugCell's one module per term (ModuleDict)",
               "dense": "dense nn.Linear MLP"}
# Training samples/s at the minimum-bytes bandwidth limit with float32 genotypes
# (../shared/bench/limits.py at 27.8 GB/s; RESULTS.md there).
BANDWIDTH_LIMIT = {"W1": 58000, "W2": 6220}
TARGET = {("W1", "a2"): 15, ("W2", "a2"): 15, ("W3", "a2"): 10, ("W3", "moduledict"): 100,
          ("W4", "dense"): 0.8}
# The reference's own training samples/s (../shared/bench/RESULTS.md). PyTorch's speed varies from
# session to session on a shared VM: a target counts as met only when the ratio in this run and
# the ratio against these figures both reach it.
PUBLISHED = {("W1", "a2"): 1063, ("W2", "a2"): 96.7, ("W3", "a2"): 514, ("W3", "moduledict"): 52.4,
             ("W4", "dense"): 11157}


def run_json(command, cwd=None, env=None):
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def median_range(values):
    return statistics.median(values), min(values), max(values)


def fmt(value, digits=0):
    return f"{value:,.{digits}f}"


def cell(values, digits=0):
    med, low, high = median_range(values)
    return f"{fmt(med, digits)} ({fmt(low, digits)}-{fmt(high, digits)})"


def machine_lines(bench_dir):
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    torch_version = subprocess.run(["/usr/bin/python3", "-c", "import torch; print(torch.__version__)"],
                                   capture_output=True, text=True, cwd=bench_dir).stdout.strip()
    return [f"CPU \"{model}\", {os.cpu_count()} cores; {platform.platform()}",
            f"{gxx}; PyTorch {torch_version} with OpenBLAS (OPENBLAS_CORETYPE=SkylakeX)"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True, help="build directory holding workload_bench")
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated workloads, e.g. W1,W3")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "RESULTS.md"))
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite the section from the last run's raw lines, running nothing")
    args = parser.parse_args()
    bench_dir = os.path.abspath(os.path.join(args.shared, "bench"))
    workload_bench = os.path.abspath(os.path.join(args.build, "workload_bench"))
    only = set(filter(None, args.only.split(",")))
    torch_configs = [c for c in TORCH_CONFIGS if not only or c[0] in only]
    ontonet_configs = [c for c in ONTONET_CONFIGS if not only or c[0] in only]
    torch_env = dict(os.environ, OPENBLAS_CORETYPE="SkylakeX", OMP_NUM_THREADS="2")

    raw_path = os.path.join(os.path.dirname(args.out), "compare_pytorch.jsonl")
    results = []
    if args.render_only:
        with open(raw_path) as f:
            results = [json.loads(line) for line in f if line.strip()]
        args.reps = 1 + max(r["rep"] for r in results)
    reps_to_run = 0 if args.render_only else args.reps
    with tempfile.TemporaryDirectory() as topology_root:
        topologies = {"W1" if w == "W4" else w for w, _ in ontonet_configs} if reps_to_run else set()
        for workload in sorted(topologies):
            subprocess.run(["/usr/bin/python3", "export_topology.py", "--workload", workload,
                            "--out", os.path.join(topology_root, workload)], cwd=bench_dir, check=True)
        for rep in range(reps_to_run):
            for workload, impl in torch_configs:
                print(f"rep {rep + 1}: torch {workload} {impl}", file=sys.stderr, flush=True)
                row = run_json(["/usr/bin/python3", "bench.py", "--workload", workload, "--impl", impl],
                               cwd=bench_dir, env=torch_env)
                results.append(dict(row, framework="torch", rep=rep))
            for workload, input_type in ontonet_configs:
                print(f"rep {rep + 1}: ontonet {workload} {input_type}", file=sys.stderr, flush=True)
                topology = os.path.join(topology_root, "W1" if workload == "W4" else workload)
                row = run_json([workload_bench, "--workload", workload, "--topology", topology,
                                "--input", input_type, "--threads", "2"])
                results.append(dict(row, framework="ontonet", rep=rep))

    def values(framework, workload, key, impl=None, input_type=None):
        return [r[key] for r in results if r["framework"] == framework and r["workload"] == workload
                and (impl is None or r["impl"] == impl)
                and (input_type is None or r.get("input") == input_type) and key in r]

    date = datetime.date.today().isoformat()
    command = "benchmarks/compare_pytorch.py --build " + args.build + f" --reps {args.reps}"
    if args.only:
        command += " --only " + args.only
    lines = [BEGIN, "", f"## Against PyTorch: W1-W4 of ../shared/bench ({date})", "",
             f"Command: `{command}` (each repeat runs every configuration once, in a fresh process, "
             "PyTorch and ontonet alternating; medians of the repeats, min-max in parentheses).", ""]
    lines += [f"Machine: {line}." for line in machine_lines(bench_dir)]
    lines += ["", "Training and inference samples/s at batch 64 on 2 threads; peak RSS in MiB; build "
              "= model + optimizer from the parsed topology, seconds. ontonet reads the genotypes as "
              "int8 codes unless the row says float32; both frameworks transpose each batch inside "
              "the timed step.", "",
              "| workload | framework | train samples/s | inference samples/s | build s | peak RSS MiB |",
              "|---|---|---|---|---|---|"]
    for workload in ["W1", "W2", "W3", "W4"]:
        for w, impl in torch_configs:
            if w != workload:
                continue
            lines.append(f"| {workload} | PyTorch {impl}: {TORCH_NAMES[impl]} | "
                         f"{cell(values('torch', w, 'train_sps', impl))} | "
                         f"{cell(values('torch', w, 'inf_sps', impl))} | "
                         f"{cell(values('torch', w, 'build_s', impl), 2)} | "
                         f"{cell(values('torch', w, 'peak_rss_mb', impl))} |")
        for w, input_type in ontonet_configs:
            if w != workload:
                continue
            label = "int8" if input_type == "int8" else "float32"
            lines.append(f"| {workload} | ontonet, {label} inputs | "
                         f"{cell(values('ontonet', w, 'train_sps', input_type=label))} | "
                         f"{cell(values('ontonet', w, 'inf_sps', input_type=label))} | "
                         f"{cell(values('ontonet', w, 'build_s', input_type=label), 2)} | "
                         f"{cell(values('ontonet', w, 'peak_rss_mb', input_type=label))} |")
    lines += ["", "Ratios of the medians (ontonet int8 / PyTorch), with the issue's targets; "
              "\"published\" is ontonet's training median against the reference's own figure in "
              "../shared/bench/RESULTS.md, since PyTorch's speed varies between sessions here:", "",
              "| workload | against | training | inference | peak memory | training vs published | "
              "target (training) |",
              "|---|---|---|---|---|---|---|"]
    for workload, impl in torch_configs:
        ours_train = statistics.median(values("ontonet", workload, "train_sps", input_type="int8"))
        ours_inf = statistics.median(values("ontonet", workload, "inf_sps", input_type="int8"))
        ours_rss = statistics.median(values("ontonet", workload, "peak_rss_mb", input_type="int8"))
        torch_train = statistics.median(values("torch", workload, "train_sps", impl))
        torch_inf = statistics.median(values("torch", workload, "inf_sps", impl))
        torch_rss = statistics.median(values("torch", workload, "peak_rss_mb", impl))
        target = TARGET[(workload, impl)]
        published = PUBLISHED[(workload, impl)]
        met = ("met" if min(ours_train / torch_train, ours_train / published) >= target
               else "missed")
        lines.append(f"| {workload} | {impl} | {ours_train / torch_train:.1f}x | "
                     f"{ours_inf / torch_inf:.1f}x | {ours_rss / torch_rss:.2f}x | "
                     f"{ours_train / published:.1f}x of {fmt(published)}/s | "
                     f">= {target}x: {met} |")
    for workload, limit in BANDWIDTH_LIMIT.items():
        if workload in {w for w, _ in ontonet_configs}:
            ours = statistics.median(values("ontonet", workload, "train_sps", input_type="int8"))
            lines.append("")
            lines.append(f"{workload}: {fmt(ours)} training samples/s is {100 * ours / limit:.0f}% of "
                         f"the float32 minimum-bytes bandwidth limit ({fmt(limit)}/s, limits.py).")
    lines += ["", END]

    if not args.render_only:
        with open(raw_path + ".tmp", "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in results)
        os.replace(raw_path + ".tmp", raw_path)
    text = open(args.out).read() if os.path.exists(args.out) else "# Benchmark results\n"
    section = "\n".join(lines) + "\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(args.out + ".tmp", "w") as f:
        f.write(text)
    os.replace(args.out + ".tmp", args.out)
    print(section)


if __name__ == "__main__":
    main()
