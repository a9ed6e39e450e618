#!/usr/bin/env bash
# Rolls a packed index generation (`pepindex pack` artifact) out to N searchd replicas, one replica
# at a time, or rolls them back (docs/operations.md, "Replicas"; docs/decisions/0015).
# First every replica gets a copy (rsync or cp of the artifact, or curl of its URL) that
# `pepindex verify` accepts there; nothing is switched unless every copy verifies. Then, replica by
# replica: drain it in HAProxy (when --haproxy-socket is given), publish with `pepindex unpack`
# (atomic), wait until its /readyz is 200 and names the new generation's manifest id in
# X-Pepsearch-Generation-Id, re-enable it, go on. A replica that does not come up stops the rollout
# (left drained, exit 1), so at most one replica is ever out.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/rollout.sh [options] ARTIFACT|URL REPLICA...
       deploy/rollout.sh --rollback [options] REPLICA...

REPLICA is NAME=INDEX_DIR@SEARCHD_URL:
  r1=/var/lib/pepsearch/index@http://127.0.0.1:8080        a local index directory
  r2=web2:/var/lib/pepsearch/index@http://10.0.0.12:8080   on host web2, through ssh and rsync
NAME is the replica's `server` name in HAProxy's backend. ARTIFACT is a local file; an http(s)://
URL is fetched with curl on each replica instead of copied.

options:
  --rollback               switch each replica back to its previous generation (pepindex rollback)
  --haproxy-socket S       HAProxy admin socket: a path (unix, needs socat) or HOST:PORT (tcp);
                           each replica is drained before its switch and re-enabled after
  --haproxy-backend B      the backend holding the replicas (default: pepsearch)
  --drain-seconds N        wait after draining, for requests in flight (default: 2)
  --ready-timeout N        seconds a replica has to serve the new generation (default: 60)
  --pepindex PATH          pepindex on the replicas (default: pepindex)
  -h, --help               this text

exit codes: 0 every replica serves the new (or previous) generation; 1 a copy did not verify or a
replica did not come up (the message names it; replicas already switched stay switched);
2 usage error.
EOF
}

die_usage() { echo "rollout: $*" >&2; echo "run deploy/rollout.sh --help for usage" >&2; exit 2; }
fail() { echo "rollout: $*" >&2; exit 1; }
say() { echo "rollout: $*"; }

ROLLBACK=0
SOCKET=""
BACKEND="pepsearch"
DRAIN_SECONDS=2
READY_TIMEOUT=60
PEPINDEX="pepindex"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rollback) ROLLBACK=1 ;;
    --haproxy-socket) [ $# -ge 2 ] || die_usage "$1 needs a value"; SOCKET="$2"; shift ;;
    --haproxy-backend) [ $# -ge 2 ] || die_usage "$1 needs a value"; BACKEND="$2"; shift ;;
    --drain-seconds) [ $# -ge 2 ] || die_usage "$1 needs a value"; DRAIN_SECONDS="$2"; shift ;;
    --ready-timeout) [ $# -ge 2 ] || die_usage "$1 needs a value"; READY_TIMEOUT="$2"; shift ;;
    --pepindex) [ $# -ge 2 ] || die_usage "$1 needs a value"; PEPINDEX="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; ARGS+=("$@"); break ;;
    -*) die_usage "unknown option $1" ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
[[ "$DRAIN_SECONDS" =~ ^[0-9]+$ ]] || die_usage "--drain-seconds takes a whole number of seconds"
[[ "$READY_TIMEOUT" =~ ^[0-9]+$ ]] || die_usage "--ready-timeout takes a whole number of seconds"

ARTIFACT=""
if [ "$ROLLBACK" -eq 0 ]; then
  [ ${#ARGS[@]} -ge 2 ] || die_usage "give the artifact and at least one replica"
  ARTIFACT="${ARGS[0]}"
  ARGS=("${ARGS[@]:1}")
  if [[ ! "$ARTIFACT" =~ ^https?:// ]] && [ ! -f "$ARTIFACT" ]; then
    die_usage "no artifact at $ARTIFACT (make one with pepindex pack)"
  fi
else
  [ ${#ARGS[@]} -ge 1 ] || die_usage "give at least one replica"
fi

NAMES=() HOSTS=() DIRS=() URLS=()
for spec in "${ARGS[@]}"; do
  [[ "$spec" =~ ^([A-Za-z0-9_.-]+)=(.+)@(https?://[^/]+)/?$ ]] || die_usage "replica '$spec' is not NAME=INDEX_DIR@http://HOST:PORT"
  NAMES+=("${BASH_REMATCH[1]}")
  URLS+=("${BASH_REMATCH[3]}")
  location="${BASH_REMATCH[2]}"
  if [[ "$location" =~ ^([^/:]+):(/.*)$ ]]; then
    HOSTS+=("${BASH_REMATCH[1]}")
    DIRS+=("${BASH_REMATCH[2]}")
  else
    HOSTS+=("")
    DIRS+=("$location")
  fi
done

# Runs a command on replica $1's machine: here, or through ssh (arguments quoted for its shell).
on_replica() {
  local host="$1"
  shift
  if [ -z "$host" ]; then "$@"; else ssh -o BatchMode=yes "$host" "$(printf '%q ' "$@")"; fi
}

# Sends one command to HAProxy's admin socket and prints the answer.
haproxy_command() {
  if [[ "$SOCKET" =~ ^([^/:]+):([0-9]+)$ ]]; then
    local fd
    exec {fd}<>"/dev/tcp/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}" || fail "cannot reach the HAProxy admin socket $SOCKET"
    printf '%s\n' "$1" >&"$fd"
    cat <&"$fd"
    exec {fd}>&-
  else
    command -v socat >/dev/null || fail "a unix admin socket needs socat (apt-get install socat), or give HOST:PORT"
    printf '%s\n' "$1" | socat - "UNIX-CONNECT:$SOCKET"
  fi
}

# Sets replica $1's state in HAProxy (drain | ready) when a socket was given.
set_state() {
  [ -n "$SOCKET" ] || return 0
  local answer
  answer="$(haproxy_command "set server $BACKEND/$1 state $2")"
  # HAProxy answers nothing (or a blank line) on success, a message otherwise.
  [ -z "${answer//[[:space:]]/}" ] || fail "HAProxy refused 'set server $BACKEND/$1 state $2': $answer"
  say "$1: $2 in HAProxy"
}

# The manifest id of the generation live in replica $1's index directory.
live_id() {
  on_replica "${HOSTS[$1]}" cat "${DIRS[$1]}/current/generation.json" |
    sed -n 's/.*"id": *"\([0-9a-f]*\)".*/\1/p' | head -n 1
}

# Waits until replica $1's /readyz answers 200 with X-Pepsearch-Generation-Id $2.
wait_serving() {
  local i="$1" want="$2" deadline=$((SECONDS + READY_TIMEOUT)) got=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    got="$(curl -fsS -m 2 -o /dev/null -D - "${URLS[$i]}/readyz" 2>/dev/null |
           tr -d '\r' | sed -n 's/^[Xx]-[Pp]epsearch-[Gg]eneration-[Ii]d: *//p')" || got=""
    [ "$got" = "$want" ] && return 0
    sleep 0.2
  done
  fail "${NAMES[$i]}: ${URLS[$i]}/readyz does not serve generation $want after ${READY_TIMEOUT}s (it says '${got:-not ready}'); it is left drained: see its searchd log"
}

# Copies (or fetches) the artifact to replica $1 beside its index directory and verifies it there.
stage() {
  local i="$1" staged="${DIRS[$1]%/}.incoming.tar.zst"
  if [[ "$ARTIFACT" =~ ^https?:// ]]; then
    on_replica "${HOSTS[$i]}" curl -fsSL --retry 3 -o "$staged" "$ARTIFACT" || fail "${NAMES[$i]}: cannot fetch $ARTIFACT"
  elif [ -z "${HOSTS[$i]}" ]; then
    cp -- "$ARTIFACT" "$staged" || fail "${NAMES[$i]}: cannot copy $ARTIFACT to $staged"
  else
    rsync -t -- "$ARTIFACT" "${HOSTS[$i]}:$staged" || fail "${NAMES[$i]}: cannot rsync $ARTIFACT to ${HOSTS[$i]}:$staged"
  fi
  on_replica "${HOSTS[$i]}" "$PEPINDEX" verify "$staged" >/dev/null || fail "${NAMES[$i]}: the copy $staged does not verify; nothing was switched"
  say "${NAMES[$i]}: copy verified"
}

# Switches replica $1 (drained around it): unpack or rollback, then wait for it to serve.
switch_one() {
  local i="$1" name="${NAMES[$1]}" before after
  before="$(live_id "$i" || true)"
  set_state "$name" drain
  sleep "$DRAIN_SECONDS"
  if [ "$ROLLBACK" -eq 1 ]; then
    on_replica "${HOSTS[$i]}" "$PEPINDEX" rollback "${DIRS[$i]}" || fail "$name: pepindex rollback failed (left drained)"
  else
    on_replica "${HOSTS[$i]}" "$PEPINDEX" unpack "${DIRS[$i]%/}.incoming.tar.zst" --index "${DIRS[$i]}" ||
      fail "$name: pepindex unpack failed (left drained)"
    on_replica "${HOSTS[$i]}" rm -f "${DIRS[$i]%/}.incoming.tar.zst"  # published: the generation is the copy now
  fi
  after="$(live_id "$i")"
  [ -n "$after" ] || fail "$name: no generation.json under ${DIRS[$i]}/current after the switch"
  wait_serving "$i" "$after"
  set_state "$name" ready
  say "$name: serves ${after:0:16} (was ${before:0:16})"
}

if [ "$ROLLBACK" -eq 0 ]; then
  for i in "${!NAMES[@]}"; do stage "$i"; done
fi
for i in "${!NAMES[@]}"; do switch_one "$i"; done
say "done: ${#NAMES[@]} replica(s) switched one at a time"
