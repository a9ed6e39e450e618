#!/usr/bin/env bash
# The deploy/ examples never rot: deploy/haproxy/haproxy.cfg passes `haproxy -c`, deploy/nginx/
# pepsearch.conf passes `nginx -t` inside a generated wrapper (it is an http-context file), both
# still health-check /readyz or retry on another replica, deploy/rollout.sh and the tests' scripts
# are shellcheck-clean, and rollout.sh keeps its exit codes: 2 for usage, 1 (nothing switched) for
# an artifact that does not verify on a replica, copied or fetched over HTTP, 1 for a replica that
# does not serve what was published.
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

# The plain HTTP fetch: the replica fetches the artifact with curl, verifies and publishes it, then
# waits for a searchd that is not there (exit 1, naming the replica; the generation is published).
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK" >"$WORK/http.log" 2>&1 &
HTTP_PID=$!
trap 'kill "$HTTP_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "port [0-9]" "$WORK/http.log" && break; sleep 0.1; done
HTTP_PORT="$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/http.log" | head -n 1)"
check "rollout.sh fetching an artifact that does not verify exits 1" \
  test "$(code "$ROLLOUT" --pepindex "$PEPINDEX" "http://127.0.0.1:$HTTP_PORT/bad.tar.zst" "r1=$WORK/replica@http://127.0.0.1:9")" = 1
check "... and nothing was switched" test "$(readlink "$WORK/replica/current")" = "$before"
check "rollout.sh fetching a good artifact publishes it, then exits 1 when no searchd serves it" \
  test "$(code "$ROLLOUT" --pepindex "$PEPINDEX" --drain-seconds 0 --ready-timeout 1 \
          "http://127.0.0.1:$HTTP_PORT/good.tar.zst" "r1=$WORK/replica@http://127.0.0.1:9")" = 1
check "... saying which replica does not serve it" grep -q "r1: http://127.0.0.1:9/readyz does not serve generation" "$WORK/out.txt"
check "... with the fetched generation published" test "$(readlink "$WORK/replica/current")" != "$before"

exit "$FAILED"
