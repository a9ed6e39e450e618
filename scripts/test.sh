#!/usr/bin/env bash
# Every test on a fresh Debian 12 machine: install (with test tools), build, run ctest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
# The replica test's figures (requests, failures, p99, share per replica; tests/deploy) for the CI log.
grep -E '^(replicas:|generation A|\([a-d]\))' build/tests/deploy/replicas/output.txt 2>/dev/null || true
# Reliability (docs/reliability.md): the suite again under ASan+UBSan, then each fuzzer for a bounded time.
bash scripts/sanitize.sh
FUZZ_SECONDS="${FUZZ_SECONDS:-40}" bash scripts/fuzz.sh
