#!/usr/bin/env bash
# The Python recorder's tests, with PyTorch, Lightning and Torch-Pruning installed into a venv
# (.build/python-venv, made once and reused). Nothing is skipped: a missing torch fails here.
# Some tests run the debug slim-report, so `swift build` must have run (make test does).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.build/python-venv
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt ./python
"$VENV/bin/python" -c "import torch, lightning, torch_pruning" || { echo "error: torch, lightning or torch_pruning is not importable in $VENV" >&2; exit 1; }
"$VENV/bin/python" -m pytest -q -p no:cacheprovider python/tests
