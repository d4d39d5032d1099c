#!/usr/bin/env bash
# The three diagnostic experiments of `ontonet explain`, each a benchmark-explain config:
#   depth.json         ReLU networks without batch norm of depth 2, 4, 8, 16 (synthetic chain
#                      ontologies): where do gradients vanish, and does saliency fail where
#                      integrated gradients does not?
#   collinearity.json  a causal gene and the other gene of its term at correlation 0, 0.9, 0.99,
#                      0.999: does the split of importance between them become erratic while
#                      their joint importance stays stable, and does the collinearity warning fire?
#   dropout.json       DrugCell networks on the GO DNA-repair slice trained with dropout 0, 0.2,
#                      0.5: do single-neuron knockouts shrink relative to whole-term knockouts?
# then the tables of the README.
#   experiments/explain_diagnostics/run.sh BUILD_DIR [OUT_DIR]   (from the repository root;
#   dropout.json reads ../shared/data/go-slice)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [OUT_DIR]}
out=${2:-runs/explain_diagnostics}
ontonet="$build/ontonet"

python3 experiments/explain_diagnostics/make_ontologies.py "$out/ontologies"
for experiment in depth collinearity dropout; do
  echo "== $experiment"
  config="$out/$experiment.json"
  # The configs name the ontologies under runs/explain_diagnostics; follow OUT_DIR instead.
  sed "s|runs/explain_diagnostics|$out|g" "experiments/explain_diagnostics/$experiment.json" > "$config"
  start=$(date +%s)
  "$ontonet" benchmark-explain --config "$config" --out "$out/$experiment" | tee "$out/$experiment.log"
  echo "$experiment took $(($(date +%s) - start)) s" | tee -a "$out/$experiment.log"
done
python3 experiments/explain_diagnostics/summarize.py "$out" > "$out/SUMMARY.md"
cat "$out/SUMMARY.md"
