#!/usr/bin/env bash
# Every performance figure of the project in one run: the benchmark executable (stream hot path
# against a hand-written floor, request overhead, compiler, memory), instruction counts under
# callgrind, and the Python peers on the same stream bytes.
#
#     Benchmarks/run.sh [--quick] [--json]
#
# --quick: 1 MiB streams and fewer repetitions (about two minutes in all, most of it callgrind
# and the first build); --json: one JSON object per measurement on stdout, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
json=""
for argument in "$@"; do
  case "$argument" in
    --quick) quick="--quick" ;;
    --json) json="--json" ;;
    *) echo "usage: $0 [--quick] [--json]" >&2; exit 64 ;;
  esac
done
megabytes=5; [ -n "$quick" ] && megabytes=1

swift build -c release --product ai-protocol-bench >&2
[ -z "$json" ] && echo "== ai-protocol-bench $quick ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m))"
.build/release/ai-protocol-bench $quick $json
[ -z "$json" ] && echo && echo "== instructions per byte (callgrind, $megabytes MiB per format)"
Benchmarks/callgrind.sh $json --megabytes "$megabytes"

corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
.build/release/ai-protocol-bench --write-corpus "$corpus" --megabytes "$megabytes"
[ -z "$json" ] && echo && echo "== Python peers on the same bytes"
Benchmarks/peers/run.sh $quick $json --corpus "$corpus"
