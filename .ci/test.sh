#!/usr/bin/env bash
# The whole test suite: installs what it needs, then runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
swift build --build-tests
swift test --skip-build
