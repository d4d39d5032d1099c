#!/usr/bin/env bash
# NeST-VNN palbociclib response (../shared/data/nest_vnn): the DrugCell-style network on the NeST
# ontology, a dense MLP as wide as its stages, and ridge regression, on the same inputs and splits;
# five seeds for the networks (ridge is deterministic). Each model is scored on the held-out
# test_data.txt and on the external UCSD cohort; the MSK cohort is predicted (its responses are
# placeholders). Writes a results table to OUT/RESULTS.md.
#   experiments/nest_vnn_palbociclib/run.sh BUILD_DIR [OUT_DIR]   (from the repository root)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [OUT_DIR]}
out=${2:-runs/nest_vnn_palbociclib}
data=../shared/data/nest_vnn
ontonet="$build/ontonet"
mkdir -p "$out"

predict_external() {  # model file, run folder, name suffix
  "$ontonet" predict --model "$1" --data-format nest_vnn --data-folder "$data/external_UCSD" \
    --responses "$data/external_UCSD/test_UCSD.txt" --out "$2/ucsd_$3.tsv" \
    --metrics-json "$2/ucsd_$3.json" > /dev/null
  "$ontonet" predict --model "$1" --data-format nest_vnn --data-folder "$data/external_MSK" \
    --out "$2/msk_$3.tsv" > /dev/null
}

for seed in 1 2 3 4 5; do
  for architecture in ontology dense; do
    run="$out/$architecture-seed$seed"
    extra=(--linear-baseline=false)
    if [[ $architecture == ontology && $seed == 1 ]]; then extra=(--linear-baseline); fi
    echo "== $architecture, seed $seed"
    "$ontonet" train --config configs/nest_vnn_palbociclib.json --architecture "$architecture" \
      --seed "$seed" --out "$run" --progress lines "${extra[@]}" | grep -E "^best epoch|^  test"
    predict_external "$run/model.onm" "$run" model
  done
done
predict_external "$out/ontology-seed1/linear_baseline.onm" "$out/ontology-seed1" linear
python3 experiments/summarize_runs.py "$out" test ucsd > "$out/RESULTS.md"
cat "$out/RESULTS.md"
