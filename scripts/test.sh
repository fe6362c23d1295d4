#!/usr/bin/env bash
# Run every check the project has: install what is missing, then lint, type-check, test.
# Every stage runs even when an earlier one fails, so one run shows all problems;
# the exit code is non-zero if any stage failed. Extra arguments go to pytest,
# e.g. `bash scripts/test.sh -k loader`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
python="${PYTHON:-python3}"

bash scripts/setup.sh

failed=()
stage() {
    local name="$1"
    shift
    echo "== $name"
    if ! "$@"; then
        failed+=("$name")
    fi
}

stage "ruff check" "$python" -m ruff check --no-cache .
stage "mypy (strict)" "$python" -m mypy
stage "pytest" "$python" -m pytest -q -p no:cacheprovider -n 2 "$@"

if ((${#failed[@]})); then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "all checks passed"
