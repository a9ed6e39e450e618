#!/usr/bin/env bash
# examples/ci/publish-index.sh end to end with the built programs: the recipe publishes the
# bundled corpus to a local index directory and, through ssh/scp stand-ins that run on this
# machine, to a "remote" one; the published generation is the packed one (same manifest id, and
# `pepindex check` passes); a quality floor the queries cannot reach fails the run and deploys
# nothing; a damaged artifact is refused on arrival and the server keeps its generation.
# Usage: publish_recipe_test.sh SOURCE_DIR PEPINDEX PEPEVAL
set -euo pipefail
src=$1 pepindex=$2 pepeval=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/bin"
ln -s "$pepindex" "$work/bin/pepindex"
ln -s "$pepeval" "$work/bin/pepeval"
# ssh HOST CMD runs CMD here; scp FILE HOST:PATH copies to PATH: the recipe's remote branch, locally.
printf '#!/bin/sh\nshift\nexec sh -c "$*"\n' > "$work/bin/ssh"
printf '#!/bin/sh\n[ "$1" = -q ] && shift\nexec cp "$1" "${2#*:}"\n' > "$work/bin/scp"
chmod +x "$work/bin/ssh" "$work/bin/scp"
export PATH="$work/bin:$PATH"
recipe="$src/examples/ci/publish-index.sh"
id_of() { "$pepindex" dump "$1" --manifest | grep -o '"id": *"[0-9a-f]*"' | head -1; }

bash "$recipe" --corpus "$src/corpus" --queries "$src/examples/ci/queries.tsv" --min-mrr 0.5 \
  --out "$work/out/index.tar.zst" --deploy "$work/local" --deploy "web1:$work/remote" > "$work/log" 2>&1 \
  || { cat "$work/log"; fail "the recipe failed"; }
[ -f "$work/out/index.tar.zst.sha256" ] || fail "no checksum file beside the artifact"
(cd "$work/out" && sha256sum -c --quiet index.tar.zst.sha256) || fail "the checksum file does not match"
mkdir "$work/packed" && "$pepindex" unpack "$work/out/index.tar.zst" --index "$work/packed" > /dev/null
for served in local remote; do
  "$pepindex" check "$work/$served" > /dev/null || fail "$served: the published generation does not check"
  [ "$(id_of "$work/$served")" = "$(id_of "$work/packed")" ] || fail "$served: not the packed generation"
done
before=$(readlink "$work/local/current")

# The gate: a floor the judged queries cannot reach fails the run and deploys nothing.
if bash "$recipe" --corpus "$src/corpus" --queries "$src/examples/ci/queries.tsv" --min-mrr 1.01 \
     --out "$work/out2/index.tar.zst" --deploy "$work/local" > "$work/log2" 2>&1; then
  fail "the quality gate passed a floor of 1.01"
fi
grep -q "quality gate failed" "$work/log2" || fail "the gate's failure is not explained"
[ ! -e "$work/out2/index.tar.zst" ] || fail "an artifact was packed after the gate failed"
[ "$(readlink "$work/local/current")" = "$before" ] || fail "the gate's failure changed the served generation"

# A damaged artifact (one byte changed in the middle) is refused where it arrives.
cp "$work/out/index.tar.zst" "$work/damaged.tar.zst"
size=$(stat -c %s "$work/damaged.tar.zst")
printf '\xff' | dd of="$work/damaged.tar.zst" bs=1 seek=$((size / 2)) conv=notrunc status=none
if "$pepindex" unpack "$work/damaged.tar.zst" --index "$work/local" > /dev/null 2>&1; then fail "a damaged artifact was published"; fi
[ "$(readlink "$work/local/current")" = "$before" ] || fail "a damaged artifact changed the served generation"
echo "ok: published locally and over ssh, gate and damage refused"
