#!/usr/bin/env bash
# One short iteration of every workload of workload_bench on small generated topologies, so the
# benchmark cannot rot (CI runs this; the figures come from compare_pytorch.py).
# usage: benchmarks/smoke.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: benchmarks/smoke.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/smoke_topology.py" --kind gennet --snps 5000 --out "$work/W1"
python3 "$here/smoke_topology.py" --kind gennet --snps 50000 --out "$work/W2"
python3 "$here/smoke_topology.py" --kind dcell --out "$work/W3"
for workload in W1 W2 W3 W4; do
  topology=$workload
  [ "$workload" = W4 ] && topology=W1
  for input in int8 float; do
    "$build/workload_bench" --workload "$workload" --topology "$work/$topology" --input "$input" \
      --warmup 1 --steps 1 --inf-warmup 0 --inf-steps 1 --pool 2 > "$work/result.json"
    python3 - "$work/result.json" <<'EOF'
import json, math, sys
result = json.load(open(sys.argv[1]))
for key in ("train_sps", "inf_sps", "build_s", "final_loss", "peak_rss_mb"):
    assert math.isfinite(result[key]) and result[key] >= 0, (key, result)
print(f"{result['workload']} {result['input']}: {result['train_sps']:.0f} train samples/s, "
      f"{result['inf_sps']:.0f} inference samples/s, loss {result['final_loss']:.4f}")
EOF
  done
done
