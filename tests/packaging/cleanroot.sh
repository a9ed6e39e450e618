#!/usr/bin/env bash
# The Debian package in a clean Debian 12 root: debootstrap (minbase) a root, install the .deb
# with apt (which fetches its runtime dependencies from Debian), then, with no source tree in
# the root, build an index with the installed pepindex, search it with pepsearch, serve it with
# searchd (the API and the page, fetched from the host), open the man page, and check the
# pepsearch user, /var/lib/pepsearch, the conffile and the unit (installed, not enabled).
# Needs root and debootstrap; prints "skipped: ..." otherwise. Every step is bounded in time.
# The debootstrap tarball and apt's downloads are kept in CACHE_DIR so a rerun needs no network
# for them. Usage: cleanroot.sh BUILD_DIR CACHE_DIR MONOGRAPH...
set -euo pipefail
. "$(dirname "$0")/searchd_url.sh"
build=$1 cache=$2
shift 2
monographs=("$@")
mirror=http://deb.debian.org/debian

if [ "$(id -u)" -ne 0 ]; then echo "skipped: the clean-root test needs root (chroot, mounts)"; exit 0; fi
for tool in debootstrap cpack dpkg-shlibdeps curl; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool missing (bash scripts/install-deps.sh --test)"; exit 0; }
done

step() { echo "== $(date -u +%T) $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$cache/apt-archives/partial"
root=$(mktemp -d "$cache/root.XXXXXX")
searchd_pid=""
cleanup() {
  [ -n "$searchd_pid" ] && kill "$searchd_pid" 2>/dev/null && wait "$searchd_pid" 2>/dev/null
  for m in var/cache/apt/archives proc; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
  rm -rf "$root"
}
trap cleanup EXIT
in_root() { timeout "$1" chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "${@:2}"; }

step "cpack -G DEB"
rm -rf "$cache/pkg"
timeout 300 cpack -G DEB --config "$build/CPackConfig.cmake" -B "$cache/pkg" >"$cache/cpack.log" 2>&1 || { cat "$cache/cpack.log"; fail "cpack"; }
deb=$(ls "$cache"/pkg/pepsearch_*.deb)
dpkg-deb -f "$deb" Depends

# debootstrap once: its downloads are kept as a tarball, and the finished root as a tar that later
# runs unpack in seconds (it is the same freshly bootstrapped root every time).
tarball=$cache/bookworm-minbase.tgz rootcache=$cache/bookworm-minbase-root.tar
if [ -s "$rootcache" ]; then
  step "clean root from $rootcache (debootstrap --variant=minbase bookworm, cached)"
  timeout 300 tar -C "$root" --numeric-owner -xpf "$rootcache"
else
  if [ ! -s "$tarball" ]; then
    step "debootstrap --make-tarball (once)"
    timeout 600 debootstrap --variant=minbase --make-tarball="$tarball.tmp" bookworm "$cache/tarball-work" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
      { tail -20 "$cache/debootstrap.log"; fail "debootstrap --make-tarball"; }
    mv "$tarball.tmp" "$tarball"
  fi
  step "debootstrap --variant=minbase bookworm (once)"
  timeout 900 debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log"; fail "debootstrap"; }
  timeout 300 tar -C "$root" --numeric-owner -cpf "$rootcache.tmp" . && mv "$rootcache.tmp" "$rootcache"
fi
chmod 755 "$root"  # a root directory's mode (apt's _apt user reads below it), not mktemp's 0700
mount -t proc proc "$root/proc"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
[ -e "$root/work" ] && fail "the clean root has a /work"

step "apt-get install ./$(basename "$deb") man-db"
cp "$deb" "$root/tmp/"
in_root 300 apt-get update -qq
in_root 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" man-db >"$cache/apt.log" 2>&1 ||
  { tail -30 "$cache/apt.log"; fail "apt-get install of the package"; }

step "pepindex build, pepsearch"
mkdir -p "$root/tmp/corpus"
cp "${monographs[@]}" "$root/tmp/corpus/"
in_root 120 pepindex --version
in_root 120 pepindex build --corpus /tmp/corpus --index /tmp/index
in_root 60 pepsearch --index /tmp/index "VEGF lowering" >"$cache/pepsearch.out" || fail "pepsearch found nothing"
head -3 "$cache/pepsearch.out"

step "the publishing tools: pepeval, pack, verify, unpack"
in_root 120 pepeval --index /tmp/index --queries /usr/share/doc/pepsearch/examples/ci/queries.tsv >/dev/null ||
  fail "pepeval on the installed example queries"
in_root 60 pepindex pack /tmp/index --out /tmp/index.tar.zst >/dev/null || fail "pepindex pack"
in_root 60 pepindex verify /tmp/index.tar.zst >/dev/null || fail "pepindex verify"
in_root 60 pepindex unpack /tmp/index.tar.zst --index /tmp/served >/dev/null || fail "pepindex unpack"

step "searchd, /api/search and / with curl from the host"
in_root 120 searchd --index /tmp/index --host 127.0.0.1 --port 0 >"$cache/searchd.out" 2>"$cache/searchd.err" &
searchd_pid=$!
url=$(searchd_url "$cache/searchd.out")
[ -n "$url" ] || fail "searchd did not start: $(cat "$cache/searchd.err")"
curl -fsS --max-time 10 "${url}api/search?q=VEGF" | grep -q '"total":[1-9]' || fail "/api/search found nothing"
curl -fsS --max-time 10 "$url" | grep -qi "<html" || fail "/ serves no page"
kill "$searchd_pid"; wait "$searchd_pid" || true; searchd_pid=""

step "man pages, user, state directory, conffile, unit"
in_root 60 man -w pepsearch
in_root 60 man -w 8 searchd
in_root 60 man -w pepindex
in_root 10 getent passwd pepsearch
[ "$(in_root 10 stat -c %U /var/lib/pepsearch)" = pepsearch ] || fail "/var/lib/pepsearch is not owned by pepsearch"
in_root 10 dpkg-query -W -f='${Conffiles}\n' pepsearch | grep -q "/etc/pepsearch/searchd.conf" || fail "searchd.conf is not a conffile"
[ -f "$root/usr/lib/systemd/system/pepsearch.service" ] || fail "the unit is not installed"
if ls "$root"/etc/systemd/system/*.wants/pepsearch.service >/dev/null 2>&1; then fail "the unit is enabled"; fi
[ -f "$root/usr/share/bash-completion/completions/pepsearch" ] || fail "no bash completion"
step "clean root: ok"
