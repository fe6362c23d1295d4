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

# The BPMN tools the tests check exported files with (never needed to build a handbook).
bpmn_tools="$repo_root/tests/bpmn"
bpmn_stamp="$bpmn_tools/node_modules/.setup-lock-sha256"
wanted_lock="$(sha256sum "$bpmn_tools/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$bpmn_tools/node_modules" || ! -f "$bpmn_stamp" ||
      "$(cat "$bpmn_stamp")" != "$wanted_lock" ]]; then
    if command -v npm >/dev/null 2>&1; then
        echo "setup: installing the BPMN test tools (npm ci in tests/bpmn)"
        (cd "$bpmn_tools" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$wanted_lock" >"$bpmn_stamp"
    else
        echo "setup: no npm on this machine: the BPMN tests need it (apt-get install npm)" >&2
    fi
fi

# The npm packages the browser tests inject into pages (axe-core), exactly as
# tests/browser/package-lock.json pins them; npm ci runs only when they are missing or
# the lockfile changed since it ran.
browser_tests="$repo_root/tests/browser"
browser_stamp="$browser_tests/node_modules/.setup-lock-sha256"
wanted_browser_lock="$(sha256sum "$browser_tests/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$browser_tests/node_modules" || ! -f "$browser_stamp" ||
      "$(cat "$browser_stamp")" != "$wanted_browser_lock" ]]; then
    if command -v npm >/dev/null 2>&1; then
        echo "setup: installing the browser tests' npm packages (npm ci in tests/browser)"
        (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$wanted_browser_lock" >"$browser_stamp"
    else
        echo "setup: no npm on this machine: the axe tests need it (apt-get install npm)" >&2
    fi
fi
