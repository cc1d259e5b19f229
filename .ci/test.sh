#!/usr/bin/env bash
# The whole test suite: installs what it needs, runs every test target, then prints a summary
# that counts the skipped tests and names each with its reason.
#
# Under CI=true nothing the tests need may be missing: ../shared beside the clone, and the
# ai-protocol-mock environment. A missing one fails the run at once, naming it, instead of
# skipping the tests that need it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${CI:-}" = "true" ] && [ ! -d ../shared/upstream ]; then
  echo "error: CI=true and ../shared/upstream is missing: the upstream AI-Protocol data and the" \
    "JSON Schema Test Suite must sit beside the repository as ../shared (see README.md)" >&2
  exit 1
fi

bash .ci/setup.sh
# The end-to-end tests run against the peer server ai-protocol-mock, installed in a virtual env.
bash .ci/mock-server.sh
if [ -x .build/mock-venv/bin/python ]; then
  export AI_PROTOCOL_MOCK_PYTHON="$(pwd)/.build/mock-venv/bin/python"
fi

swift build --build-tests
log=.build/test-output.log
set +e
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Swift Testing prints a skipped test or suite as `➜ Test name() skipped: "reason"`.
skipped="$(grep -E '^[^ ]+ (Test|Suite) .+ skipped(: .*)?$' "$log" || true)"
echo
echo "== $(grep -E '(Test run with|Executed) ' "$log" | tail -n 1 | sed 's/^[^A-Za-z]*//')"
if [ -z "$skipped" ]; then
  echo "== skipped: none"
else
  echo "== skipped: $(printf '%s\n' "$skipped" | wc -l | tr -d ' ')"
  printf '%s\n' "$skipped" | sed 's/^[^ ]* /   /'
fi
exit "$status"
