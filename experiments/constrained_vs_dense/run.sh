#!/usr/bin/env bash
# Constrained versus dense on a synthetic ontology, over the training-set size: for each scenario
# (signal planted inside the wiring, or across it) and each size, make_synthetic.py draws a cohort
# (the test split of 5,000 samples is the same for every size; smaller training sets are prefixes
# of larger ones) and `ontonet compare` trains the ontology network over a group-lasso grid, the
# dense MLPs and the shuffled control over five seeds. summarize.py gathers the reports into
# OUT/sweep.tsv, OUT/sweep.svg and OUT/RESULTS.md.
#   experiments/constrained_vs_dense/run.sh BUILD_DIR [OUT_DIR] [SIZES...]   (from the repo root)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [OUT_DIR] [SIZES...]}
out=${2:-runs/constrained_vs_dense}
shift $(( $# >= 2 ? 2 : 1 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200 500 1000 2000 5000 10000 20000 50000)
here=experiments/constrained_vs_dense
ontonet="$build/ontonet"
[ -x "$ontonet" ] || { echo "run.sh: $ontonet not found; build first" >&2; exit 2; }

for scenario in inside across; do
  for n in "${sizes[@]}"; do
    data="$out/data/${scenario}_$n"
    report="$out/${scenario}_$n"
    echo "== $scenario, $n training samples"
    python3 "$here/make_synthetic.py" --out "$data" --scenario "$scenario" --n-train "$n"
    "$ontonet" compare --config "$here/synthetic.json" \
      --ontology "$data/synthetic.obo" --annotations "$data/synthetic.gaf" \
      --matrix "$data/expression.tsv" --phenotypes "$data/phenotypes.tsv" \
      --out "$report" > "$report.log"
    sed -n '/^model /,/^(mean/p' "$report.log"
  done
done
python3 "$here/summarize.py" "$out" "${sizes[@]}"
"$ontonet" plot "$out/sweep.tsv" --x n_train --y test_loss_mean --error test_loss_sd \
  --series model --panel scenario --log-x --x-label "training samples" \
  --y-label "test loss (MSE), mean ± sd over 5 seeds" --title "test loss by training-set size" \
  --out "$out/sweep.svg"
