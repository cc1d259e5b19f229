#!/usr/bin/env bash
# Runs the frame scanner fuzzer (libFuzzer with the address sanitizer) for a while.
#
#     Tests/Fuzz/fuzz.sh [seconds]     (default 60)
#
# The corpus grows in .build/fuzz-corpus; a crash or a disagreement with JSONDecoder leaves its
# input in .build/fuzz-artifacts and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product FrameScannerFuzzer
root="$(cd ../.. && pwd)"
mkdir -p "$root/.build/fuzz-corpus" "$root/.build/fuzz-artifacts"
# Seed the corpus with the recorded frames.
for file in "$root"/Tests/AIProvidersTests/Recordings/*/stream-*; do
  grep -o '{.*}' "$file" | head -20 | while IFS= read -r line; do
    printf '%s' "$line" >"$root/.build/fuzz-corpus/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
  done
done
.build/debug/FrameScannerFuzzer "$root/.build/fuzz-corpus" \
  -artifact_prefix="$root/.build/fuzz-artifacts/" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1
