#!/usr/bin/env bash
# The Python recorder's tests. Torch is optional: without it those tests skip with one line.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check ./python pytest 2>&1 | grep -v -i "warning: running pip as" || true
python3 -m pytest -q python/tests
