#!/usr/bin/env bash
# Configures and builds into build/ with RelWithDebInfo: optimised like Release (the default build
# type) but with debug info, for the tests, sanitizers and debugging. Packages: scripts/package-deb.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
