#!/usr/bin/env bash
# The explanation benchmark on real biological wiring: every attribution method of
# `ontonet explain` scored against a planted truth on the DNA-repair slice of the Gene Ontology
# (../shared/data/go-slice) and on the DrugCell ontology (../shared/data/drugcell), each with
# several scenarios x 5 seeds; then the tables of the README and the heat maps.
#   experiments/xai_benchmark/run.sh BUILD_DIR [OUT_DIR]   (from the repository root)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [OUT_DIR]}
out=${2:-runs/xai_benchmark}
ontonet="$build/ontonet"
mkdir -p "$out"

for ontology in go_slice drugcell; do
  echo "== $ontology"
  start=$(date +%s)
  "$ontonet" benchmark-explain --config "experiments/xai_benchmark/$ontology.json" \
    --out "$out/$ontology" | tee "$out/$ontology.log"
  echo "$ontology took $(($(date +%s) - start)) s" | tee -a "$out/$ontology.log"
done
python3 experiments/xai_benchmark/summarize.py "$out/go_slice" "$out/drugcell" > "$out/SUMMARY.md"
cat "$out/SUMMARY.md"
