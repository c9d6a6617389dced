#!/usr/bin/env bash
# The README's demo: build output from the embedded data.
set -euo pipefail
bin=.build/release
"$bin/slim-report" --version || true
