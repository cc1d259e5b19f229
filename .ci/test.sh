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
# PluginTests run on their own, last: they run `swift build`, whose load would slow the tests
# that watch a stream arrive in time.
swift test --skip-build --skip PluginTests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The example package, a user's package of its own: the build plugin compiles its manifest and
# its test calls the generated client. Then PluginTests build copies of it into its build folder.
echo "== Examples/CustomProvider"
example_log=.build/example-test-output.log
swift test --package-path Examples/CustomProvider 2>&1 | tee "$example_log"
example_status=${PIPESTATUS[0]}
plugin_log=.build/plugin-test-output.log
swift test --skip-build --filter PluginTests 2>&1 | tee "$plugin_log"
plugin_status=${PIPESTATUS[0]}
# The DocC catalogs of the runtime and the generated providers (swift-docc-plugin), in a build
# folder of their own: a broken symbol link or an undocumented parameter fails the run.
echo "== Documentation"
docs_log=.build/docs-output.log
swift package --scratch-path .build-docs generate-documentation --target AIProtocol --target AIProviders \
  --warnings-as-errors 2>&1 | tee "$docs_log"
docs_status=${PIPESTATUS[0]}
set -e
for other in "$example_status" "$plugin_status" "$docs_status"; do
  if [ "$status" -eq 0 ]; then status=$other; fi
done

# Swift Testing prints a skipped test or suite as `➜ Test name() skipped: "reason"`.
skipped="$(cat "$log" "$example_log" "$plugin_log" | grep -E '^[^ ]+ (Test|Suite) .+ skipped(: .*)?$' || true)"
summary() { grep -E '(Test run with|Executed) ' "$1" | tail -n 1 | sed 's/^[^A-Za-z]*//'; }
echo
echo "== $(summary "$log")"
echo "== PluginTests: $(summary "$plugin_log")"
echo "== Examples/CustomProvider: $(summary "$example_log")"
if [ "$docs_status" -eq 0 ]; then
  echo "== Documentation: AIProtocol and AIProviders built, no DocC warnings"
else
  echo "== Documentation: FAILED (see $docs_log)"
fi
echo "== $(grep -E '^compliance: [0-9]+ passed' "$log" | tail -n 1 || echo 'compliance: not run')"
if [ -z "$skipped" ]; then
  echo "== skipped: none"
else
  echo "== skipped: $(printf '%s\n' "$skipped" | wc -l | tr -d ' ')"
  printf '%s\n' "$skipped" | sed 's/^[^ ]* /   /'
fi
exit "$status"
