#!/usr/bin/env bash
# Constrained versus dense on real data: NeST-VNN palbociclib response (../shared/data/nest_vnn)
# on the NeST ontology, and the same cells on the DrugCell ontology (../shared/data/drugcell,
# restricted to the genes NeST-VNN measures). The DrugCell-ontology dense MLP of the same widths
# has 15.9 M weights (about 12 s an epoch here), so that comparison runs 3 seeds and 30 epochs.
#   experiments/constrained_vs_dense/run_real.sh BUILD_DIR [OUT_DIR]   (from the repository root)
set -euo pipefail
build=${1:?usage: run_real.sh BUILD_DIR [OUT_DIR]}
out=${2:-runs/constrained_vs_dense_real}
ontonet="$build/ontonet"
[ -x "$ontonet" ] || { echo "run_real.sh: $ontonet not found; build first" >&2; exit 2; }
mkdir -p "$out"

echo "== NeST-VNN palbociclib, NeST ontology"
"$ontonet" compare --config configs/nest_vnn_compare.json --out "$out/nest" > "$out/nest.log"
sed -n '/^model /,$p' "$out/nest.log"
echo "== NeST-VNN palbociclib, DrugCell ontology"
"$ontonet" compare --config configs/drugcell_ontology_compare.json --seeds 3 --epochs 30 \
  --lambdas 0,0.03 --out "$out/drugcell" > "$out/drugcell.log"
sed -n '/^model /,$p' "$out/drugcell.log"
