#!/usr/bin/env bash
# Measures the Python peers (ai-lib-python, the openai SDK) on the stream corpus of
# ai-protocol-bench. See README.md.
#
#   Benchmarks/peers/run.sh [--quick] [--json] [--megabytes N] [--corpus DIR]
#
# Everything but the results goes to stderr, so that with --json stdout holds only JSON lines.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.build/peers-venv"

quick=0
json=0
megabytes=""
corpus=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --json) json=1 ;;
        --megabytes) megabytes="${2:?--megabytes needs a number}"; shift ;;
        --corpus) corpus="${2:?--corpus needs a folder}"; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

# A machine without the tools is no failure of the project, except in CI, where it would
# silently drop the peers from the results.
missing() {
    echo "peers: $*" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    echo "peers: skipped" >&2
    exit 0
}

command -v python3 >/dev/null || missing "python3 not found"

# Reused while the interpreter and the pins are the same as when it was made.
stamp="$(python3 -c 'import sys; print(sys.version)'; cat "$here/requirements.txt")"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.peers-stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "peers: making $venv" >&2
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >&2; then
        # Debian's python3 has no ensurepip without python3-venv.
        rm -rf "$venv"
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            { apt-get update -qq && apt-get install -y -qq python3-venv; } >&2 \
                || missing "python3 -m venv failed and python3-venv could not be installed"
            python3 -m venv "$venv" >&2 || missing "python3 -m venv failed"
        else
            missing "python3 -m venv failed (python3-venv missing?)"
        fi
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2 \
        || { rm -rf "$venv"; missing "pip install -r Benchmarks/peers/requirements.txt failed"; }
    printf '%s' "$stamp" > "$venv/.peers-stamp"
fi

if [ -z "$corpus" ]; then
    bench="$root/.build/release/ai-protocol-bench"
    if [ ! -x "$bench" ]; then
        command -v swift >/dev/null || missing "swift not found, needed to write the corpus"
        echo "peers: building ai-protocol-bench" >&2
        (cd "$root" && swift build -c release --product ai-protocol-bench >&2) \
            || missing "swift build -c release --product ai-protocol-bench failed"
    fi
    corpus="$(mktemp -d)"
    trap 'rm -rf "$corpus"' EXIT
    [ -n "$megabytes" ] || megabytes=$([ "$quick" = 1 ] && echo 1 || echo 5)
    "$bench" --write-corpus "$corpus" --megabytes "$megabytes" >&2
elif [ -n "$megabytes" ]; then
    echo "peers: --megabytes ignored, the corpus in $corpus is measured as it is" >&2
fi

args=(--corpus "$corpus")
[ "$quick" = 1 ] && args+=(--quick)
[ "$json" = 1 ] && args+=(--json)
"$venv/bin/python" "$here/bench.py" "${args[@]}"
