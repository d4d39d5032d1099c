#!/usr/bin/env bash
# The README's main job: the most complete pipeline ontonet has so far, on the example ontology that
# ships in ontologies/example. Usage: scripts/main_job.sh BUILD_DIR [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-runs/example}
ontonet="$build/ontonet"
[ -x "$ontonet" ] || { echo "main_job: $ontonet not found; build first" >&2; exit 2; }
mkdir -p "$out"

ontology=ontologies/example/example.obo
annotations=ontologies/example/example.gaf

echo "== 1. read and check the ontology"
"$ontonet" inspect "$ontology" --annotations "$annotations" --dot "$out/ontology.dot" |
  tee "$out/inspect.txt"
"$ontonet" inspect "$ontology" --annotations "$annotations" --json > "$out/inspect.json.tmp"
mv "$out/inspect.json.tmp" "$out/inspect.json"
if command -v dot >/dev/null 2>&1; then
  dot -Tsvg "$out/ontology.dot" -o "$out/ontology.svg"
fi

echo "== 2. compile it into a DrugCell-style network, with dense baselines and a shuffled control"
"$ontonet" build --config configs/example_build.json --save "$out/model.onm" | tee "$out/build.txt"
"$ontonet" build --config configs/example_build.json --json > "$out/build.json.tmp"
mv "$out/build.json.tmp" "$out/build.json"

echo "== 3. train it on the example cohort (simulated expression of the 39 genes, 800 samples),"
echo "      with early stopping, next to ridge regression on the same inputs and splits"
"$ontonet" train --config configs/example_train.json --out "$out/ontology" --progress lines |
  tee "$out/train_ontology.txt"

echo "== 4. train the unconstrained dense baseline (an MLP as wide as the network's stages)"
"$ontonet" train --config configs/example_train.json --architecture dense --linear-baseline=false \
  --out "$out/dense" --progress lines | tee "$out/train_dense.txt"

echo "== 5. side by side: test-split metrics of the three models"
for model in ontology dense; do
  grep -A3 "^$model network" "$out/train_$model.txt" | grep -E "network|test"
done
grep -A3 "^ridge" "$out/train_ontology.txt" | grep -E "ridge|test"

echo "== 6. predict with the saved model, as on a new cohort"
"$ontonet" predict --model "$out/ontology/model.onm" --data-format matrix \
  --matrix ontologies/example/example_expression.tsv \
  --phenotypes ontologies/example/example_phenotypes.tsv --target-column phenotype \
  --covariates age --out "$out/predictions.tsv"

echo "== 7. compare: the network over a group-lasso grid against the dense MLPs (same widths, same"
echo "      parameter count) and the shuffled control, 5 seeds each, paired by seed; table and figure"
"$ontonet" compare --config configs/example_compare.json --out "$out/compare" |
  sed -n '/^model /,$p' | tee "$out/compare.txt"

echo "== 8. explain the trained network: every attribution method on the test split, ranked tables,"
echo "      explanations.json and figures (top terms and genes, the sub-DAG, method agreement)"
"$ontonet" explain --run "$out/ontology" --top 5 --out "$out/explain" | tee "$out/explain.txt"

echo "== 9. how stable are the rankings? the same methods on the 5 seeds of the comparison's"
echo "      selected network (group lasso 0.1)"
"$ontonet" explain --run "$out/compare" --model "$out"/compare/runs/ontology_lambda_0.1/seed*/model.onm \
  --method weight_paths,integrated_gradients,deeplift,knockout,permutation,rlipp --top 3 \
  --out "$out/explain_seeds" | sed -n '/^rank stability/,$p' | tee "$out/explain_seeds.txt"

echo "== 10. which explanations can be trusted? every method scored against a planted truth:"
echo "       3 simulated scenarios on the example ontology, ontology network and dense baseline,"
echo "       3 seeds each (AUROC of the causal genes and terms; 0.5 = random)"
"$ontonet" benchmark-explain --config configs/benchmark_explain_example.json \
  --out "$out/benchmark_explain" | tee "$out/benchmark_explain.txt"

echo "== outputs in $out"
ls -l "$out"
