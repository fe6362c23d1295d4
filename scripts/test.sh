#!/usr/bin/env bash
# Run every check the project has: install what is missing, then lint, type-check, test.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k loader`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
python="${PYTHON:-python3}"

bash scripts/setup.sh

echo "== ruff check"
"$python" -m ruff check --no-cache .

echo "== mypy (strict; files and options in pyproject.toml)"
"$python" -m mypy

echo "== pytest"
"$python" -m pytest -q -p no:cacheprovider -n 2 "$@"
