#!/usr/bin/env bash
# The whole test suite: installs what it needs, then runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
# The end-to-end tests run against the peer server ai-protocol-mock, installed in a virtual env.
bash .ci/mock-server.sh
export AI_PROTOCOL_MOCK_PYTHON="$(pwd)/.build/mock-venv/bin/python"
swift build --build-tests
swift test --skip-build
