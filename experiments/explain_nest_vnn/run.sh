#!/usr/bin/env bash
# Explanations of the NeST-VNN palbociclib network (../shared/data/nest_vnn): every method of
# `ontonet explain` on the 333 held-out responses, for the five seeds of the NeST ontology network
# that experiments/nest_vnn_palbociclib trains (trained here when missing), with the rank stability
# across seeds; then a summary of the top terms and genes and where the cell-cycle genes rank.
#   experiments/explain_nest_vnn/run.sh BUILD_DIR [RUNS_DIR] [OUT_DIR]   (from the repository root)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [RUNS_DIR] [OUT_DIR]}
runs=${2:-runs/nest_vnn_palbociclib}
out=${3:-runs/explain_nest_vnn}
ontonet="$build/ontonet"

models=()
for seed in 1 2 3 4 5; do
  run="$runs/ontology-seed$seed"
  if [[ ! -f $run/model.onm ]]; then
    echo "== training the ontology network, seed $seed"
    "$ontonet" train --config configs/nest_vnn_palbociclib.json --seed "$seed" \
      --linear-baseline=false --out "$run" --progress lines | grep -E "^best epoch|^  test"
  fi
  models+=("$run/model.onm")
done

echo "== explain, every method, 5 models"
start=$(date +%s)
"$ontonet" explain --run "$runs/ontology-seed1" --model "${models[@]}" --method all \
  --threads 2 --top 10 --out "$out" | tee "$out.log"
echo "explain took $(( $(date +%s) - start )) s for 5 models"
python3 experiments/explain_nest_vnn/summarize.py "$out" ../shared/data/nest_vnn/ontology.txt \
  > "$out/SUMMARY.md"
cat "$out/SUMMARY.md"
