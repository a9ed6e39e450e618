#!/usr/bin/env bash
# Builds the Debian package pepsearch_VERSION_ARCH.deb: a Release build installed under /usr, in
# build-deb/, packed by CPack (packaging/CMakeLists.txt). Needs dpkg-dev: dpkg-shlibdeps computes
# the runtime dependencies (bash scripts/install-deps.sh --test installs it). Prints the .deb's path.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dpkg-shlibdeps >/dev/null || { echo "package-deb.sh: dpkg-shlibdeps missing: apt-get install dpkg-dev" >&2; exit 2; }
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF >/dev/null
cmake --build build-deb -j"$(nproc)" --target pepindex pepsearch searchd pepeval
(cd build-deb && cpack -G DEB >/dev/null)
ls "$PWD"/build-deb/pepsearch_*.deb
