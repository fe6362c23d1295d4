#!/usr/bin/env bash
# Install what is missing, then build the bundled handbook from flows/ and serve it
# with live reload (http://127.0.0.1:8000 by default). Extra arguments go to
# `handbook serve`, e.g. `bash scripts/serve.sh --dev-addr 0.0.0.0:8000`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
python="${PYTHON:-python3}"

bash scripts/setup.sh

exec "$python" -m generator serve "$@"
