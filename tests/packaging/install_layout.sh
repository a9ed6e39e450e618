#!/usr/bin/env bash
# `cmake --install BUILD --prefix P` lays out bin/, share/pepsearch/{vocab,static}, the man pages
# and the completions; the installed programs then find their data beside themselves, with no
# path of the build machine in them: pepindex builds an index and searchd serves the page from
# P, run from / with no PEPSEARCH_* variable set.
# Usage: install_layout.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
. "$(dirname "$0")/searchd_url.sh"
build=$1 source=$2
scratch=$(mktemp -d)
searchd_pid=""
cleanup() { [ -n "$searchd_pid" ] && kill "$searchd_pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/pepindex bin/pepsearch bin/searchd bin/pepeval share/doc/pepsearch/examples/ci/publish-index.sh \
         share/pepsearch/vocab/compounds.tsv share/pepsearch/static/index.html \
         share/man/man1/pepsearch.1 share/man/man1/pepindex.1 share/man/man8/searchd.8 \
         share/bash-completion/completions/pepsearch share/bash-completion/completions/pepindex \
         share/bash-completion/completions/searchd share/zsh/vendor-completions/_pepsearch \
         share/fish/vendor_completions.d/pepsearch.fish share/fish/vendor_completions.d/searchd.fish \
         share/fish/vendor_completions.d/pepindex.fish lib/systemd/system/pepsearch.service \
         etc/pepsearch/searchd.conf; do
  [ -e "$prefix/$f" ] || fail "cmake --install put no $f under the prefix"
done
[ -L "$prefix/share/pepsearch/vocab" ] && fail "share/pepsearch/vocab is a link into the build machine"

# No path of the build machine in the programs' constant data (.rodata: string literals).
for p in pepindex pepsearch searchd pepeval; do
  objcopy -O binary --only-section=.rodata "$prefix/bin/$p" "$scratch/rodata"
  if grep -aqF "$source" "$scratch/rodata" || grep -aqF "$build" "$scratch/rodata"; then
    fail "$p has a build-machine path compiled in: $(grep -aoF -e "$source" -e "$build" "$scratch/rodata" | head -1)"
  fi
done

mkdir -p "$scratch/corpus"
cp "$source/corpus/monographs/thymogen.md" "$source/corpus/monographs/thymosin-alpha-1.md" "$scratch/corpus/"
cd /
unset PEPSEARCH_VOCAB PEPSEARCH_STATIC PEPSEARCH_INDEX
"$prefix/bin/pepindex" --help | grep -qF "$prefix/share/pepsearch/vocab" || fail "pepindex --help does not show the installed vocabulary as its default"
"$prefix/bin/searchd" --help | grep -qF "$prefix/share/pepsearch/static" || fail "searchd --help does not show the installed page as its default"
PEPSEARCH_VOCAB=/srv/vocab "$prefix/bin/pepindex" --help | grep -qF "=/srv/vocab" || fail "PEPSEARCH_VOCAB does not override the vocabulary"
PEPSEARCH_STATIC=/srv/page "$prefix/bin/searchd" --help | grep -qF "=/srv/page" || fail "PEPSEARCH_STATIC does not override the page"
"$prefix/bin/pepindex" build --corpus "$scratch/corpus" --index "$scratch/index" >/dev/null
"$prefix/bin/pepsearch" --index "$scratch/index" VEGF >/dev/null || fail "the installed pepsearch found nothing"

"$prefix/bin/searchd" --index "$scratch/index" --port 0 >"$scratch/searchd.out" 2>"$scratch/searchd.err" &
searchd_pid=$!
url=$(searchd_url "$scratch/searchd.out")
[ -n "$url" ] || fail "searchd did not start: $(cat "$scratch/searchd.err")"
curl -fsS --max-time 10 "$url" | grep -qi "<html" || fail "the installed searchd serves no page at /"
curl -fsS --max-time 10 "${url}api/search?q=VEGF" | grep -q '"total"' || fail "the installed searchd answers no search"
echo "installed layout and data lookup: ok"
