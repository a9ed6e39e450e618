#!/usr/bin/env bash
# The pepsearch publishing recipe: build the index, gate it on the publisher's judged queries, pack
# it into one verified artifact, and deploy it to the servers running searchd (each switches to it
# atomically; one that cannot verify it keeps serving the generation it has).
#
#   publish-index.sh --corpus content/ --queries search/queries.tsv --min-mrr 0.8 \
#                    --out build/search-index.tar.zst [--deploy TARGET]...
#
# TARGET is an index directory on this machine (/var/lib/pepsearch/index) or on a server reached by
# ssh (deploy@web1:/var/lib/pepsearch/index); the ssh user must be able to write that directory
# (the pepsearch user, or a member of its group). Programs come from PATH (the pepsearch package),
# or from PEPSEARCH_BIN_DIR. Exit codes: 0 published, 1 the build or the quality gate failed (nothing
# deployed), 2 usage error or a deploy failed.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
corpora=() queries="" min_mrr="" out="" targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpora+=("$2"); shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    --min-mrr) min_mrr="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --deploy) targets+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "publish-index.sh: unknown argument $1" >&2; usage ;;
  esac
done
[ ${#corpora[@]} -gt 0 ] && [ -n "$queries" ] && [ -n "$min_mrr" ] && [ -n "$out" ] || usage

bin() { if [ -n "${PEPSEARCH_BIN_DIR:-}" ]; then echo "$PEPSEARCH_BIN_DIR/$1"; else command -v "$1"; fi; }
PEPINDEX=$(bin pepindex) PEPEVAL=$(bin pepeval)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. build (strict: any skipped file or editorial warning fails the build)"
corpus_args=()
for c in "${corpora[@]}"; do corpus_args+=(--corpus "$c"); done
"$PEPINDEX" build --strict "${corpus_args[@]}" --index "$work/index" || exit 1

echo "== 2. quality gate: judged queries in $queries, MRR@10 at least $min_mrr"
"$PEPEVAL" --index "$work/index" --queries "$queries" --min-mrr "$min_mrr" || { echo "publish-index.sh: the quality gate failed; nothing deployed" >&2; exit 1; }

echo "== 3. pack and verify"
mkdir -p "$(dirname "$out")"
"$PEPINDEX" pack "$work/index" --out "$out"
"$PEPINDEX" verify "$out"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" > "$(basename "$out").sha256")

echo "== 4. deploy"
for target in "${targets[@]}"; do
  case "$target" in
    *:*)  # host:dir over ssh; the artifact is verified again on arrival by unpack
      host=${target%%:*} dir=${target#*:} remote="/var/tmp/pepsearch-$(basename "$out")"
      scp -q "$out" "$host:$remote" || exit 2
      ssh "$host" "pepindex unpack '$remote' --index '$dir'; rc=\$?; rm -f '$remote'; exit \$rc" || exit 2 ;;
    *)
      "$PEPINDEX" unpack "$out" --index "$target" || exit 2 ;;
  esac
done
echo "published $out to ${#targets[@]} target(s)"
