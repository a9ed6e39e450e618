#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install, build, index the bundled corpus/,
# and search it. Extra arguments replace the demo query: scripts/main.sh "thymalfasin sepsis"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/indexer/pepindex build --corpus corpus --index build/index
if [ $# -gt 0 ]; then query=("$@"); else query=("VEGF lowering"); fi
./build/searchd/pepsearch --index build/index "${query[@]}"
