#!/usr/bin/env bash
# The main job on the bundled default: validates every file of spec/ (providers, model registry,
# vocabulary, schemas) with --strict, as CI and the bundled manifests require.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
swift run -c release protocolc validate --strict "$@"
