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

echo "== outputs in $out"
ls -l "$out"
