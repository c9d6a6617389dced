#!/usr/bin/env bash
# Installs the Debian packages Slim needs, only those that are missing.
# Usage: scripts/install-deps.sh [extra-package …]
# (the Fashion-MNIST study and the benchmarks add dataset-fashion-mnist; the tests do not need it)
set -euo pipefail
packages=(libcairo2-dev libpango1.0-dev libopenblas-dev zlib1g-dev pkg-config poppler-utils fonts-dejavu-core "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing missing system packages: ${missing[*]}"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
