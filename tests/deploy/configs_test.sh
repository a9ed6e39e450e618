#!/usr/bin/env bash
# The deploy/ examples never rot: deploy/haproxy/haproxy.cfg passes `haproxy -c`, deploy/nginx/
# pepsearch.conf passes `nginx -t` inside a generated wrapper (it is an http-context file), both
# still health-check /readyz or retry on another replica, deploy/rollout.sh and the tests' scripts
# are shellcheck-clean, and rollout.sh keeps its exit codes: 2 for usage, 1 (nothing switched) for
# an artifact that does not verify on a replica.
# usage: configs_test.sh SOURCE_DIR PEPINDEX WORK_DIR   (exit 0 pass, 1 fail, 77 skipped)
set -euo pipefail

SRC="$1" PEPINDEX="$2" WORK="$3"
for tool in haproxy nginx shellcheck; do
  command -v "$tool" >/dev/null || { echo "SKIPPED: needs $tool (bash scripts/install-deps.sh --test installs it)"; exit 77; }
done
rm -rf "$WORK"
mkdir -p "$WORK"
FAILED=0
check() { if "${@:2}"; then echo "PASS: $1"; else echo "FAIL: $1"; FAILED=1; fi; }

check "haproxy -c accepts deploy/haproxy/haproxy.cfg" haproxy -c -f "$SRC/deploy/haproxy/haproxy.cfg"
for line in "http-check send meth GET uri /readyz" "option redispatch" "retry-on conn-failure empty-response" "stats socket"; do
  check "haproxy.cfg has '$line'" grep -q "$line" "$SRC/deploy/haproxy/haproxy.cfg"
done

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/wrapper.conf" <<WRAP
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events {}
http {
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    include $SRC/deploy/nginx/pepsearch.conf;
}
WRAP
check "nginx -t accepts deploy/nginx/pepsearch.conf" nginx -t -q -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/wrapper.conf"
check "pepsearch.conf retries on another replica" grep -q "proxy_next_upstream error timeout" "$SRC/deploy/nginx/pepsearch.conf"

check "shellcheck: deploy/rollout.sh and tests/deploy/*.sh" shellcheck "$SRC/deploy/rollout.sh" "$SRC"/tests/deploy/*.sh

ROLLOUT="$SRC/deploy/rollout.sh"
code() { set +e; "$@" >"$WORK/out.txt" 2>&1; echo $?; set -e; }
check "rollout.sh --help exits 0" test "$(code "$ROLLOUT" --help)" = 0
check "rollout.sh without replicas exits 2" test "$(code "$ROLLOUT" "$WORK/none.tar.zst")" = 2
check "rollout.sh with a malformed replica exits 2" test "$(code "$ROLLOUT" --rollback r1)" = 2
check "rollout.sh with an unknown option exits 2" test "$(code "$ROLLOUT" --nosuch)" = 2

# An artifact damaged in transit: refused on the replica, and nothing switched.
"$PEPINDEX" build --corpus "$SRC/corpus" --index "$WORK/built" >/dev/null
"$PEPINDEX" pack "$WORK/built" --out "$WORK/good.tar.zst" >/dev/null
"$PEPINDEX" unpack "$WORK/good.tar.zst" --index "$WORK/replica" >/dev/null
head -c "$(($(stat -c %s "$WORK/good.tar.zst") / 2))" "$WORK/good.tar.zst" >"$WORK/bad.tar.zst"
before="$(readlink "$WORK/replica/current")"
check "rollout.sh with an artifact that does not verify exits 1" \
  test "$(code "$ROLLOUT" --pepindex "$PEPINDEX" "$WORK/bad.tar.zst" "r1=$WORK/replica@http://127.0.0.1:9")" = 1
check "... naming the replica and saying nothing was switched" grep -q "r1: .*does not verify; nothing was switched" "$WORK/out.txt"
check "... and the replica still serves its generation" test "$(readlink "$WORK/replica/current")" = "$before"

exit "$FAILED"
