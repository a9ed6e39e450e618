#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang into build-fuzz, the whole tree instrumented
# for coverage, ASan and UBSan, and runs each target for FUZZ_SECONDS (default 60) from a seed
# corpus made at run time from ../shared/corpus and ../shared/eval/queries.tsv (never stored in
# the repo) and the project's own HTML pages and PDFs. Prints executions per target; exits non-zero if a target crashes (the crashing input
# is left in build-fuzz/crashes/).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
SHARED="${PEPSEARCH_SHARED:-../shared}"
BUILD=build-fuzz

instrument="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DPEPSEARCH_JEMALLOC=OFF \
  -DCMAKE_CXX_FLAGS="$instrument" >/dev/null
TARGETS=(fuzz_document_parser fuzz_html_reader fuzz_pdf_reader fuzz_query_engine fuzz_http_params
  fuzz_passage_store fuzz_position_store fuzz_manifest fuzz_artifact fuzz_request_head)
cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]}"

# Seeds: each shared monograph as .txt/.md/.jsonl input, each judged query as query and query string.
seeds="$BUILD/seeds"
rm -rf "$seeds"
for target in "${TARGETS[@]}"; do mkdir -p "$seeds/$target"; done
mkdir -p "$BUILD/crashes"
printf '\x05GET /api/search?q=VEGF HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n' > "$seeds/fuzz_request_head/pipelined"
printf '\x01GET / HTTP/1.1\nX: a\n\r\n' > "$seeds/fuzz_request_head/bare-lf"
# The artifact reader's seeds: the project's corpus packed by the pepindex scripts/build.sh made, as
# it ships (tar + zstd) and uncompressed (so mutations reach the entries rather than zstd's frames).
if [ -x build/indexer/pepindex ]; then
  rm -rf "$BUILD/seed-index"
  build/indexer/pepindex build --corpus corpus --index "$BUILD/seed-index" >/dev/null
  build/indexer/pepindex pack "$BUILD/seed-index" --out "$seeds/fuzz_artifact/corpus.tar.zst" >/dev/null
  zstd -q -d -c "$seeds/fuzz_artifact/corpus.tar.zst" > "$seeds/fuzz_artifact/corpus.tar" || true
fi
# The HTML and PDF readers' seeds: the project's own pages and PDFs (corpus/, tests/data/formats/).
for f in corpus/monographs/*.html tests/data/formats/*.html; do cp "$f" "$seeds/fuzz_html_reader/"; done
for f in corpus/monographs/*.pdf tests/data/formats/*.pdf; do cp "$f" "$seeds/fuzz_pdf_reader/"; done
if [ -d "$SHARED/corpus" ]; then
  i=0
  for f in "$SHARED"/corpus/*; do
    [ -f "$f" ] || continue
    # Format byte 0 = .txt; the parser fuzzer's inputs are capped at 64 KiB by -max_len anyway.
    { printf '\x00'; head -c 60000 "$f"; } > "$seeds/fuzz_document_parser/txt-$i"
    { printf '\x01---\ntitle: Seed\n---\n'; head -c 60000 "$f"; } > "$seeds/fuzz_document_parser/md-$i"
    i=$((i + 1))
  done
fi
if [ -f "$SHARED/eval/queries.tsv" ]; then
  grep -v '^#' "$SHARED/eval/queries.tsv" | while IFS=$'\t' read -r id query filters _rest; do
    [ -n "$query" ] || continue
    { printf '\x09\x12%s' "$query"; [ "$filters" != "-" ] && printf '\n%s' "${filters//;/$'\n'}"; } \
      > "$seeds/fuzz_query_engine/$id"
    qs="q=$(printf '%s' "$query" | sed 's/ /+/g')"
    [ "$filters" != "-" ] && qs="$qs&${filters//;/&}"
    printf '%s' "$qs&page=1&per_page=10" > "$seeds/fuzz_http_params/$id"
    printf '\x02{"id":"%s","title":"%s","text":"%s"}\n' "$id" "$query" "$query" > "$seeds/fuzz_document_parser/jsonl-$id"
  done
fi

status=0
passed=0
failed=0
# The store and manifest fuzzers need no seeds: they damage a valid file they build (fuzz/fuzz_patch.h).
for target in "${TARGETS[@]}"; do
  work="$BUILD/corpus-$target"
  mkdir -p "$work"
  log="$BUILD/$target.log"
  maxlen=4096
  [ "$target" = fuzz_document_parser ] && maxlen=65536
  [ "$target" = fuzz_html_reader ] && maxlen=65536
  [ "$target" = fuzz_pdf_reader ] && maxlen=65536
  [ "$target" = fuzz_artifact ] && maxlen=262144
  if "$BUILD/fuzz/$target" "$work" "$seeds/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len="$maxlen" \
      -timeout=25 -rss_limit_mb=2048 -artifact_prefix="$BUILD/crashes/$target-" -print_final_stats=1 >"$log" 2>&1; then
    result=ok
    passed=$((passed + 1))
  else
    result="CRASH (see $log and $BUILD/crashes/)"
    status=1
    failed=$((failed + 1))
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz: $target: $execs executions in ${SECONDS_PER_TARGET}s: $result"
done
# The plain summary line CI reads: one "test" per fuzz target, passed when it ran out its time without a crash.
echo "fuzz: $passed passed, $failed failed"
exit $status
