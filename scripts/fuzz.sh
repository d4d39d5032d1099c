#!/usr/bin/env bash
# Builds the libFuzzer target of every reader with clang (ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60). A crash stops the script and leaves the input in build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONTONET_FUZZ=ON >/dev/null
cmake --build build-fuzz -j2
mkdir -p build-fuzz/crashes
for fuzzer in build-fuzz/*_fuzz; do
  name=$(basename "$fuzzer")
  corpus=build-fuzz/corpus/$name
  mkdir -p "$corpus"
  [ -d "fuzz/seeds/$name" ] && cp -n fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $name for ${seconds}s"
  "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/crashes/"$name"- "$corpus" 2>&1 | tail -n 3
done
