#!/usr/bin/env bash
# The main job on the bundled default: validates every file of spec/ with --strict, then
# compiles spec/ into Generated/ (files are rewritten only when their bytes change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
swift build -c release --product protocolc
.build/release/protocolc validate --strict
.build/release/protocolc generate "$@"
