#!/usr/bin/env bash
# Instructions per byte of the stream hot path, ours and the hand-written floor, for OpenAI,
# Anthropic and Gemini SSE: one pass each under `valgrind --tool=callgrind`, counting only the
# pass itself (not making the corpus, nor the uncounted warm-up pass before it that pays for
# what happens once per process). Instruction counts repeat to within a few percent on shared
# machines, where times do not. Heap allocations per frame are counted by valgrind's DHAT.
#
#     Benchmarks/callgrind.sh [--json] [--megabytes N]     (default 1 MiB per format)
#
# Installs valgrind from Debian when it is missing. valgrind 3.19 cannot read the debug info of
# some Swift 6.3 binaries, so it runs a `strip --strip-debug` copy, which executes the same
# instructions.
set -euo pipefail
cd "$(dirname "$0")/.."

json=false
megabytes=1
while [ $# -gt 0 ]; do
  case "$1" in
    --json) json=true ;;
    --megabytes) megabytes="$2"; shift ;;
    *) echo "usage: $0 [--json] [--megabytes N]" >&2; exit 64 ;;
  esac
  shift
done

if ! command -v valgrind >/dev/null 2>&1; then
  echo "callgrind.sh: installing valgrind" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq valgrind >&2
fi

swift build -c release --product ai-protocol-bench >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/bench" .build/release/ai-protocol-bench

# The instructions callgrind counted inside the pass, the corpus size and frame count the pass
# printed, and how many heap blocks the pass allocated.
count() {
  local format="$1" side="$2"
  local output
  output="$(valgrind --tool=callgrind --toggle-collect='*instructionCountPass*' \
    --callgrind-out-file="$work/out.$format.$side" \
    "$work/bench" --pass "$format" --side "$side" --megabytes "$megabytes" 2>&1)"
  if ! grep -q "correct true" <<<"$output"; then
    echo "callgrind.sh: the $side pass over $format gave the wrong output:" >&2
    echo "$output" >&2
    exit 1
  fi
  local instructions bytes frames
  instructions="$(grep -o 'Collected : [0-9]*' <<<"$output" | grep -o '[0-9]*$')"
  bytes="$(grep -o '^bytes [0-9]*' <<<"$output" | grep -o '[0-9]*$')"
  frames="$(grep -o ' frames [0-9]*' <<<"$output" | grep -o '[0-9]*$')"
  echo "$instructions $bytes $frames $(allocations "$format" "$side")"
}

# The heap blocks allocated inside the pass: valgrind's DHAT records every allocation with its
# stack, and those whose stack holds the pass are counted (the warm-up pass and making the
# corpus are not).
allocations() {
  local format="$1" side="$2"
  valgrind --tool=dhat --num-callers=64 --dhat-out-file="$work/dhat.$format.$side" \
    "$work/bench" --pass "$format" --side "$side" --megabytes "$megabytes" >/dev/null 2>&1
  python3 - "$work/dhat.$format.$side" <<'PYTHON'
import json, sys
profile = json.load(open(sys.argv[1]))
frames = profile["ftbl"]
print(sum(point["tbk"] for point in profile["pps"]
          if any("instructionCountPass" in frames[index] for index in point["fs"])))
PYTHON
}

$json || printf '%-28s %14s %14s %9s %18s\n' name "ours instr/B" "floor instr/B" ratio "allocations/frame"
for format in openai anthropic gemini; do
  read -r ours bytes frames ours_mallocs < <(count "$format" ours)
  read -r floor _ _ floor_mallocs < <(count "$format" floor)
  ours_per_byte="$(awk -v i="$ours" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }')"
  floor_per_byte="$(awk -v i="$floor" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }')"
  ratio="$(awk -v o="$ours" -v f="$floor" 'BEGIN { printf "%.3f", o / f }')"
  allocations="$(awk -v o="$ours_mallocs" -v f="$floor_mallocs" -v n="$frames" 'BEGIN { printf "%.1f vs %.1f", o / n, f / n }')"
  if $json; then
    printf '{"baseline":%s,"max":%s,"median":%s,"min":%s,"name":"instructions/%s","ratio":%s,"runs":1,"unit":"instructions/byte"}\n' \
      "$floor_per_byte" "$ours_per_byte" "$ours_per_byte" "$ours_per_byte" "$format" "$ratio"
  else
    printf '%-28s %14s %14s %9s %18s\n' "instructions/$format" "$ours_per_byte" "$floor_per_byte" "$ratio" "$allocations"
  fi
done
