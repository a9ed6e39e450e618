#!/usr/bin/env bash
# The replica test (issue #23): three searchd replicas behind HAProxy (deploy/haproxy/haproxy.cfg,
# its server lines and paths rewritten for this machine), load from wrk through HAProxy
# (tests/deploy/load.lua) while
#   (a) deploy/rollout.sh rolls a new generation out replica by replica: zero failed requests, and
#       the answers' X-Pepsearch-Generation-Id moves from the old id to the new one;
#   (b) one replica is killed with SIGKILL and restarted: zero failed requests;
#   (c) one replica's index is damaged: it fails /readyz and leaves the pool, and no request that
#       reached it after the damage is answered from its index (its access log);
#   (d) deploy/rollout.sh --rollback switches every replica back (r3 repaired so): zero failures.
# Each replica runs in its own network namespace with its own address when `ip netns` works (root),
# else on loopback ports; the output says which. Figures (requests, failures, p99, share per
# replica) are printed for the CI log.
# usage: replicas_test.sh SOURCE_DIR PEPINDEX SEARCHD WORK_DIR   (exit 0 pass, 1 fail, 77 skipped)
# shellcheck disable=SC2317  # cleanup (trap) and the checks (run by check) are called indirectly
set -euo pipefail

SRC="$1" PEPINDEX="$2" SEARCHD="$3" WORK="$4"
SECONDS_PER_RUN="${PEPSEARCH_REPLICA_WRK_SECONDS:-12}"
for tool in haproxy wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: the replica test needs $tool (bash scripts/install-deps.sh --test installs it)"
    exit 77
  fi
done

rm -rf "$WORK"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
# Everything printed also goes to output.txt, which scripts/test.sh shows after ctest (which
# shows a passing test's output only with -V): the figures belong in the CI log.
exec > >(tee "$WORK/output.txt") 2>&1
FAILED=0
check() {  # check DESCRIPTION COMMAND...: runs the command, prints PASS/FAIL
  if "${@:2}"; then echo "PASS: $1"; else echo "FAIL: $1"; FAILED=1; fi
}

NS_PREFIX="pepr$$"
PIDS=()
HAPROXY_PID=""
cleanup() {
  for pid in "${PIDS[@]}" "$HAPROXY_PID"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true  # by pid: a bare wait would also wait for the tee below, forever
    fi
  done
  if [ "${MODE:-}" = netns ]; then
    for i in 1 2 3; do ip netns del "$NS_PREFIX-$i" 2>/dev/null || true; done
  fi
}
trap cleanup EXIT

# --- Two generations, packed: A (served at start) and B (rolled out), with different ids. ---
mkdir -p "$WORK/extra"
printf -- '---\ntitle: Rollout marker\n---\n\n## Overview\n\nA monograph only generation B holds: rolloutmarker.\n' \
  >"$WORK/extra/rollout-marker.md"
"$PEPINDEX" build --corpus "$SRC/corpus" --index "$WORK/build-a" >/dev/null
"$PEPINDEX" build --corpus "$SRC/corpus" --corpus "$WORK/extra" --index "$WORK/build-b" >/dev/null
"$PEPINDEX" pack "$WORK/build-a" --out "$WORK/a.tar.zst" >/dev/null
"$PEPINDEX" pack "$WORK/build-b" --out "$WORK/b.tar.zst" >/dev/null
manifest_id() { sed -n 's/.*"id": *"\([0-9a-f]*\)".*/\1/p' "$1/current/generation.json" | head -n 1; }
ID_A="$(manifest_id "$WORK/build-a")"
ID_B="$(manifest_id "$WORK/build-b")"

# --- Addresses: a network namespace per replica (veth pair), or loopback ports. ---
MODE=loopback
if [ "$(id -u)" -eq 0 ]; then
  # Namespaces left by a run that was killed (ctest's timeout) hold the same addresses: remove them.
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep -E '^pepr[0-9]+-' || true); do
    pid="${ns#pepr}"
    pid="${pid%%-*}"
    kill -0 "$pid" 2>/dev/null || ip netns del "$ns" 2>/dev/null || true
  done
fi
if [ "$(id -u)" -eq 0 ] && ip netns add "$NS_PREFIX-probe" 2>/dev/null; then
  ip netns del "$NS_PREFIX-probe"
  MODE=netns
fi
free_port() {  # a port nothing listens on, from a range unlikely to be in use
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
ADDR=() NSEXEC=()
for i in 1 2 3; do
  if [ "$MODE" = netns ]; then
    ns="$NS_PREFIX-$i"
    ip netns add "$ns"
    ip link add "$NS_PREFIX-h$i" type veth peer name eth0 netns "$ns"
    ip addr add "10.213.$i.1/24" dev "$NS_PREFIX-h$i"
    ip link set "$NS_PREFIX-h$i" up
    ip -n "$ns" addr add "10.213.$i.2/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ADDR[i]="10.213.$i.2:8080"
    NSEXEC[i]="ip netns exec $ns"
  else
    ADDR[i]="127.0.0.1:$(free_port)"
    NSEXEC[i]=""
  fi
done
echo "replicas: ${ADDR[1]} ${ADDR[2]} ${ADDR[3]} ($MODE: $([ "$MODE" = netns ] && echo "each in its own network namespace, veth pairs" || echo "ip netns unavailable, loopback ports"))"

# --- Replicas: each its own copy of generation A, its own searchd with an access log. ---
start_replica() {
  local i="$1"
  # shellcheck disable=SC2086  # NSEXEC is a command prefix, split on purpose
  ${NSEXEC[i]} "$SEARCHD" --index "$WORK/r$i/index" --host "${ADDR[i]%:*}" --port "${ADDR[i]##*:}" --threads 4 \
    --access-log "$WORK/r$i/access.log" >>"$WORK/r$i/stdout" 2>>"$WORK/r$i/stderr" &
  PIDS[i]=$!
}
wait_ready() {  # wait_ready URL: up to 15 s for /readyz to answer 200
  local _
  for _ in $(seq 150); do
    curl -fsS -m 1 -o /dev/null "$1/readyz" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
for i in 1 2 3; do
  mkdir -p "$WORK/r$i"
  "$PEPINDEX" unpack "$WORK/a.tar.zst" --index "$WORK/r$i/index" >/dev/null
  start_replica "$i"
done
for i in 1 2 3; do wait_ready "http://${ADDR[i]}" || { echo "FAIL: replica r$i did not become ready"; cat "$WORK/r$i/stderr"; exit 1; }; done

# --- HAProxy: the example config, with this machine's addresses and paths. ---
LB_PORT="$(free_port)" ADMIN_PORT="$(free_port)" STATS_PORT="$(free_port)"
sed -e "s|^    log /dev/log local0|    log stdout format raw local0|" \
    -e "s|^    stats socket .*|    stats socket ipv4@127.0.0.1:$ADMIN_PORT level admin|" \
    -e "/^    user haproxy/d" -e "/^    group haproxy/d" -e "/^    daemon/d" \
    -e "s|^    bind :80|    bind 127.0.0.1:$LB_PORT|" \
    -e "s|^    bind 127.0.0.1:8404|    bind 127.0.0.1:$STATS_PORT|" \
    -e "s|^    server r1 .*|    server r1 ${ADDR[1]}|" \
    -e "s|^    server r2 .*|    server r2 ${ADDR[2]}|" \
    -e "s|^    server r3 .*|    server r3 ${ADDR[3]}|" \
    "$SRC/deploy/haproxy/haproxy.cfg" >"$WORK/haproxy.cfg"
haproxy -c -q -f "$WORK/haproxy.cfg"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
LB="http://127.0.0.1:$LB_PORT"
admin() { exec 5<>"/dev/tcp/127.0.0.1/$ADMIN_PORT"; printf '%s\n' "$1" >&5; cat <&5; exec 5>&-; }
server_status() {  # server_status rN: its check status in HAProxy (UP, DOWN, DRAIN, ...)
  admin "show stat" | awk -F, -v s="$1" '$1 == "pepsearch" && $2 == s { print $18 }'
}
all_up() { for s in r1 r2 r3; do [ "$(server_status "$s")" = UP ] || return 1; done; }
wait_all_up() { local _; for _ in $(seq 100); do all_up && return 0; sleep 0.1; done; return 1; }
if ! wait_ready "$LB" || ! wait_all_up; then
  echo "FAIL: HAProxy did not see three replicas up"
  admin "show stat"
  exit 1
fi

# --- Load: wrk through HAProxy in the background; its figures go to FILE. ---
run_load() {  # run_load FILE: starts wrk for SECONDS_PER_RUN seconds
  wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" --timeout 5s --latency -s "$SRC/tests/deploy/load.lua" "$LB" >"$1" 2>&1 &
  WRK_PID=$!
}
figure() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
report() {  # report NAME FILE: the figures, one line, and the share per replica and generation
  local f="$2"
  echo "$1: requests $(figure requests "$f"), ok $(figure ok "$f"), non-2xx $(figure non2xx "$f"), socket errors $(figure socket_errors "$f"), p50 $(figure p50_ms "$f") ms, p99 $(figure p99_ms "$f") ms, $(figure rps "$f") req/s"
  echo "$1: share per replica: $(awk '$1 == "replica" { printf "%s %s  ", $2, $3 }' "$f")"
  echo "$1: answers per generation id: $(awk '$1 == "generation" { printf "%s %s  ", substr($2, 1, 16), $3 }' "$f")"
}
no_failures() { [ "$(figure non2xx "$1")" = 0 ] && [ "$(figure socket_errors "$1")" = 0 ] && [ "$(figure requests "$1")" -gt 0 ]; }
# A response SIGKILL cuts after its status line went out cannot be retried by any proxy; HAProxy
# logs it SD (server aborted during data). Those are the only socket errors (b) allows.
cut_by_kill() { grep -c 'pepsearch/r2 .* SD--' "$WORK/haproxy.log" || true; }
no_failures_but_cut() {
  [ "$(figure non2xx "$1")" = 0 ] && [ "$(figure socket_errors "$1")" -le "$(cut_by_kill)" ] && [ "$(figure requests "$1")" -gt 0 ]
}
answers_of() { awk -v g="$1" '$1 == "generation" && $2 == g { print $3 }' "$2"; }
count_of() { local n; n="$(answers_of "$1" "$2")"; echo "${n:-0}"; }

echo "generation A ${ID_A:0:16}, generation B ${ID_B:0:16}; wrk -t2 -c8 -d${SECONDS_PER_RUN}s through HAProxy"

# (a) Rollout of B, one replica at a time, drained through HAProxy's admin socket.
run_load "$WORK/wrk-a.txt"
sleep 2
REPLICAS=()
for i in 1 2 3; do REPLICAS+=("r$i=$WORK/r$i/index@http://${ADDR[i]}"); done
"$SRC/deploy/rollout.sh" --haproxy-socket "127.0.0.1:$ADMIN_PORT" --drain-seconds 1 --pepindex "$PEPINDEX" \
  "$WORK/b.tar.zst" "${REPLICAS[@]}" >"$WORK/rollout.log" 2>&1 || { cat "$WORK/rollout.log"; echo "FAIL: rollout.sh exited non-zero"; FAILED=1; }
wait "$WRK_PID" || true
sed 's/^/  /' "$WORK/rollout.log"
report "(a) rollout" "$WORK/wrk-a.txt"
check "(a) zero failed requests during the rollout" no_failures "$WORK/wrk-a.txt"
check "(a) answers came from the old generation and the new one (mixed during the rollout)" \
  test "$(count_of "$ID_A" "$WORK/wrk-a.txt")" -gt 0 -a "$(count_of "$ID_B" "$WORK/wrk-a.txt")" -gt 0
after_ids=""
for _ in $(seq 30); do after_ids+="$(curl -fsS -D - -o /dev/null "$LB/api/search?q=thymosin" | tr -d '\r' | sed -n 's/^x-pepsearch-generation-id: *//Ip')"$'\n'; done
check "(a) after the rollout every answer is the new generation" test "$(sort -u <<<"${after_ids%$'\n'}")" = "$ID_B"
check "(a) every replica is back in the pool" wait_all_up

# (b) One replica killed with SIGKILL mid-load, restarted 2 s later.
run_load "$WORK/wrk-b.txt"
sleep 3
kill -KILL "${PIDS[2]}"
wait "${PIDS[2]}" 2>/dev/null || true
sleep 2
start_replica 2
wait "$WRK_PID" || true
report "(b) SIGKILL" "$WORK/wrk-b.txt"
echo "(b) SIGKILL: responses cut mid-send by the kill (HAProxy SD, not retryable): $(cut_by_kill)"
check "(b) zero failed requests while r2 was killed and restarted, but responses the kill cut mid-send" no_failures_but_cut "$WORK/wrk-b.txt"
check "(b) r2 restarted and is back in the pool" wait_all_up

# (c) r3's served generation damaged mid-load (a Xapian table truncated in place).
run_load "$WORK/wrk-c.txt"
sleep 3
table="$(readlink -f "$WORK/r3/index/current")/postlist.glass"
truncate -s "$(($(stat -c %s "$table") / 2))" "$table"
damaged_at="$(stat -c %.9Y "$table")"  # the moment of the damage: the truncated file's mtime
for _ in $(seq 50); do [ "$(server_status r3)" = DOWN ] && break; sleep 0.1; done
r3_status="$(server_status r3)"
wait "$WRK_PID" || true
report "(c) damage" "$WORK/wrk-c.txt"
ready_code="$(curl -s -o /dev/null -w '%{http_code}' "http://${ADDR[3]}/readyz")"
echo "(c) r3: /readyz $ready_code, HAProxy marks it $r3_status"
check "(c) the damaged replica fails /readyz (503)" test "$ready_code" = 503
check "(c) HAProxy took it out of the pool" test "$r3_status" = DOWN
# From r3's access log: searches answered 200 that started after the damage (time - latency).
late_ok="$(python3 - "$WORK/r3/access.log" "$damaged_at" <<'EOF'
import datetime, json, sys
damaged = float(sys.argv[2])
window = 0.1  # searchd looks for damage at most every 20 ms (EnginePool::kWatchInterval), plus scheduling
late = inflight = 0
latest = 0.0  # the latest start, after the damage, of a search answered from it
for line in open(sys.argv[1]):
    r = json.loads(line)
    if not r.get("path", "").startswith("/api/search") or r.get("status") != 200:
        continue
    end = datetime.datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
    start = end - r.get("latency_ms", 0) / 1000
    if start > damaged + window:
        late += 1
    elif end > damaged:
        inflight += 1
        latest = max(latest, start - damaged)
print(late, inflight, round(latest * 1000, 1))
EOF
)"
read -r late inflight latest_ms <<<"$late_ok"
echo "(c) r3 searches answered 200 after the damage: $late started more than 100 ms after it; $inflight in flight or started within $latest_ms ms of it (searchd checks every 20 ms)"
check "(c) no search reaching r3 after the damage was answered from its index" test "$late" = 0
check "(c) zero failed requests through HAProxy (503s retried on the other replicas)" no_failures "$WORK/wrk-c.txt"

# (d) Rollback of every replica to its previous generation (A), one at a time, under load; r3's
# rollback is also how a damaged replica is repaired.
run_load "$WORK/wrk-d.txt"
sleep 2
"$SRC/deploy/rollout.sh" --rollback --haproxy-socket "127.0.0.1:$ADMIN_PORT" --drain-seconds 1 --pepindex "$PEPINDEX" \
  "${REPLICAS[@]}" >"$WORK/rollback.log" 2>&1 || { cat "$WORK/rollback.log"; echo "FAIL: rollout.sh --rollback exited non-zero"; FAILED=1; }
wait "$WRK_PID" || true
sed 's/^/  /' "$WORK/rollback.log"
report "(d) rollback" "$WORK/wrk-d.txt"
check "(d) zero failed requests during the rollback" no_failures "$WORK/wrk-d.txt"
after_ids=""
for _ in $(seq 30); do after_ids+="$(curl -fsS -D - -o /dev/null "$LB/api/search?q=thymosin" | tr -d '\r' | sed -n 's/^x-pepsearch-generation-id: *//Ip')"$'\n'; done
check "(d) after the rollback every answer is the old generation again" test "$(sort -u <<<"${after_ids%$'\n'}")" = "$ID_A"
check "(d) every replica, r3 included, is back in the pool" wait_all_up

[ "$FAILED" -eq 0 ] && echo "replica test: all checks passed" || echo "replica test: FAILED (logs in $WORK)"
exit "$FAILED"
