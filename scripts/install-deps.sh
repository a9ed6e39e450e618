#!/usr/bin/env bash
# Installs what pepsearch needs to build and test on Debian 12 (apt-get; root or sudo).
# Skips apt entirely when everything is already installed, so a second run is fast.
set -euo pipefail

PACKAGES=(
  g++ cmake make pkg-config
  libxapian-dev libicu-dev libcli11-dev libcpp-httplib-dev nlohmann-json3-dev catch2
  libsqlite3-dev libjemalloc-dev libzstd-dev libsimdjson-dev robin-map-dev nettle-dev
  libgumbo-dev libpoppler-cpp-dev libarchive-dev libsystemd-dev libhunspell-dev hunspell-en-us
)
if [ "${1:-}" = "--test" ]; then
  # Test-only tools: HTTP load (wrk), headless browser tests, fuzzing and sanitizers (clang),
  # Xapian's own index tools (xapian-tools: xapian-delve reads a built generation's terms),
  # setpriv (util-linux: the unreadable-file test runs pepindex as nobody when CI runs as root),
  # zstd (the artifact fuzzer's seeds are unpacked with it),
  # python3-jsonschema (searchd's answers validated against its OpenAPI document, tests/api),
  # packaging (tests/packaging): dpkg-dev (cpack's dpkg-shlibdeps), debootstrap (the clean-root
  # test), systemd (systemd-analyze verify), bash-completion and fish (the completions), man-db;
  # the replica test and deploy/ (tests/deploy): haproxy and nginx-light (the examples, checked and
  # run), iproute2 (a network namespace per replica), shellcheck (deploy/rollout.sh).
  PACKAGES+=(curl wrk chromium chromium-driver nodejs npm clang libclang-rt-14-dev xapian-tools util-linux zstd
             python3 python3-jsonschema dpkg-dev debootstrap systemd bash-completion fish man-db
             haproxy nginx-light iproute2 shellcheck)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  # A nodejs package that bundles npm (NodeSource) conflicts with Debian's npm: keep its npm.
  [ "$p" = npm ] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
