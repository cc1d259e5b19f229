#!/usr/bin/env bash
# Sets up the peer mock server of the end-to-end tests (Tests/MockServerTests): a virtual
# environment at .build/mock-venv with ai-protocol-mock and uvicorn, pinned. Safe to run again:
# an environment that already holds exactly these pins is left alone.
#
# Needs python3 >= 3.11 (the mock imports datetime.UTC). Without it, it says why and exits 0
# without creating anything, and the tests are skipped with the reason; under CI=true it exits 1
# instead, so that CI cannot pass without running them.
#
# Afterwards: export AI_PROTOCOL_MOCK_PYTHON="$(pwd)/.build/mock-venv/bin/python"
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/mock-venv
# What `pip install ai-protocol-mock==1.1.1 uvicorn` resolved to (Python 3.11, Linux x86_64).
pins=(
  ai-protocol-mock==1.1.1
  uvicorn==0.54.0
  annotated-doc==0.0.7
  annotated-types==0.8.0
  anyio==4.16.0
  certifi==2026.10.19.post1
  click==8.5.1
  fastapi==0.165.0
  h11==0.16.0
  httpcore==1.0.9
  httptools==0.9.0
  httpx==0.28.1
  idna==3.20
  opentelemetry-api==1.45.2
  pydantic==2.14.4
  pydantic_core==2.50.5
  python-dotenv==1.2.4
  PyYAML==6.0.4
  starlette==1.10.0
  typing-inspection==0.4.5
  typing_extensions==4.16.0
  uvloop==0.23.0
  watchfiles==1.3.0
  websockets==17.4
)

# Says why the environment cannot be made; fails the run under CI, else lets the tests skip.
unavailable() {
  if [ "${CI:-}" = "true" ]; then
    echo "mock-server.sh: error: $1 (CI=true: the mock-server tests must run)" >&2
    exit 1
  fi
  echo "mock-server.sh: $1; the mock-server tests will be skipped" >&2
  exit 0
}

command -v python3 >/dev/null 2>&1 || unavailable "python3 not found"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || unavailable "ai-protocol-mock needs Python >= 3.11, python3 is $(python3 -V 2>&1)"

stamp="$venv/.ai-protocol-mock-pins"
wanted="$(printf '%s\n' "${pins[@]}")"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
  && "$venv/bin/python" -c 'import ai_protocol_mock.main, uvicorn' >/dev/null 2>&1; then
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  if ! python3 -m venv "$venv" >/dev/null; then
    rm -rf "$venv"
    unavailable "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "${pins[@]}" \
  || unavailable "pip could not install ai-protocol-mock (is PyPI reachable?)"
"$venv/bin/python" -c 'import ai_protocol_mock.main, uvicorn' >/dev/null \
  || unavailable "the installed ai-protocol-mock does not import"
printf '%s\n' "$wanted" >"$stamp"
