#!/usr/bin/env bash
# Times `ontonet inspect` on the whole biological-process Gene Ontology with every human annotation
# (gzip GAF), as a user would run it, and reports wall time, CPU time and peak resident memory.
# Usage: benchmarks/inspect_go.sh BUILD_DIR [SHARED_DATA_DIR] [REPEATS]
set -euo pipefail
build=${1:-build}
data=${2:-../shared/data}
repeats=${3:-5}
for i in $(seq "$repeats"); do
  /usr/bin/time -f "%e %U %S %M" "$build/ontonet" inspect "$data/go/go.obo" \
    --namespace biological_process --annotations "$data/go/human.gaf.gz" --json \
    2> >(tail -n 1 >&2) > /dev/null
done 2>&1 | awk '{ printf "run %d: wall %.2f s, cpu %.2f s, peak RSS %.0f MiB\n", NR, $1, $2 + $3, $4 / 1024 }'
