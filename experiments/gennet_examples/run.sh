#!/usr/bin/env bash
# GenNet's own examples (../shared/data/gennet): the GenNet-style network trained from the PLINK
# files (A_to_Z) and from genotype.h5 + subjects.csv + topology.csv (classification, regression,
# regression with a covariate), five seeds each, next to logistic / ridge regression on the same
# SNPs and splits. Writes OUT/<example>/RESULTS.md.
#   experiments/gennet_examples/run.sh BUILD_DIR [OUT_DIR]   (from the repository root)
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [OUT_DIR]}
out=${2:-runs/gennet_examples}
for example in gennet_plink gennet_classification gennet_regression gennet_regression_cov; do
  for seed in 1 2 3 4 5; do
    extra=(--linear-baseline=false)
    if [[ $seed == 1 ]]; then extra=(--linear-baseline); fi
    run="$out/$example/ontology-seed$seed"
    echo "== $example, seed $seed"
    "$build/ontonet" train --config "configs/$example.json" --seed "$seed" --out "$run" \
      --progress lines "${extra[@]}" | grep -E "^best epoch|^  test"
  done
  python3 experiments/summarize_runs.py "$out/$example" test > "$out/$example/RESULTS.md"
  echo "## $example"
  cat "$out/$example/RESULTS.md"
done
