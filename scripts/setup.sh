#!/usr/bin/env bash
# Install everything the project needs on this machine; safe to run again.
#
# System packages (Debian/Ubuntu, via apt): Graphviz for the diagrams, Noto CJK fonts
# so Chinese renders in SVG/PNG/PDF, Chromium for printable PDFs, poppler-utils to
# inspect PDFs in tests, npm (when missing) for the tests' npm packages. apt runs only
# when one of them is missing.
# Python packages: this project, editable, with its test extras. pip runs only when
# pyproject.toml changed since the last successful run (or SETUP_FORCE=1).
# npm packages for the tests only (tests/bpmn: bpmn-moddle, bpmnlint, bpmn-js, pinned in
# its package-lock.json): `npm ci` runs only when node_modules is missing or the lockfile
# changed since it ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

python="${PYTHON:-python3}"
system_packages=(graphviz fonts-noto-cjk chromium poppler-utils nodejs)

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == "ii "* ]]
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for package in "${system_packages[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
else
    echo "setup: no dpkg on this machine; install ${system_packages[*]} yourself" >&2
fi

# Debian's nodejs comes without npm (NodeSource's includes it): ask for npm only when missing.
if ! command -v npm >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    missing+=(npm)
fi

if ((${#missing[@]})); then
    echo "setup: installing system packages: ${missing[*]}"
    as_root=(env DEBIAN_FRONTEND=noninteractive)
    if [[ "$(id -u)" != 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "setup: not root and no sudo: install ${missing[*]} as root first" >&2
            exit 1
        fi
        as_root=(sudo "${as_root[@]}")
    fi
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The stamp records which pyproject.toml and which interpreter the last install used.
stamp_file="$repo_root/.setup-stamp"
wanted_stamp="$("$python" -c 'import hashlib, sys
print(sys.executable, hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
# Run from / so that the checkout's own *.egg-info does not answer for the installed package.
installed_here="$(cd / && "$python" - "$repo_root" <<'PY'
import json
import sys
from importlib import metadata
from pathlib import Path

try:
    direct_url = metadata.distribution("process-handbook").read_text("direct_url.json") or "{}"
except metadata.PackageNotFoundError:
    direct_url = "{}"
url = json.loads(direct_url).get("url", "")
print("yes" if url == Path(sys.argv[1]).as_uri() else "no")
PY
)"

if [[ "${SETUP_FORCE:-0}" == 1 || "$installed_here" != yes ||
      ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$wanted_stamp" ]]; then
    echo "setup: installing Python packages (pip install -e '.[test]')"
    "$python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        -e '.[test]'
    if command -v pyenv >/dev/null 2>&1; then
        pyenv rehash
    fi
    echo "$wanted_stamp" >"$stamp_file"
fi

# npm packages the tests use, exactly as a lockfile pins them; `npm ci` runs only when they
# are missing or the lockfile changed since it last ran (never needed to build a handbook).
npm_tools() {
    local folder="$repo_root/$1" what="$2"
    local stamp="$folder/node_modules/.setup-lock-sha256"
    local wanted
    wanted="$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)"
    if [[ -d "$folder/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        return 0
    fi
    if command -v npm >/dev/null 2>&1; then
        echo "setup: installing $what (npm ci in $1)"
        (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$wanted" >"$stamp"
    else
        echo "setup: no npm on this machine: $what need it (apt-get install npm)" >&2
    fi
}

npm_tools tests/bpmn "the BPMN test tools (bpmn-moddle, bpmnlint, bpmn-js)"
npm_tools tests/browser "the browser tests' npm packages (axe-core)"
