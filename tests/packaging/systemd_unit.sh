#!/usr/bin/env bash
# `systemd-analyze verify` accepts packaging/systemd/pepsearch.service. The unit runs /usr/bin/searchd,
# which verify wants to exist: a copy of the unit points at the built searchd instead.
# Usage: systemd_unit.sh UNIT SEARCHD_BIN
set -euo pipefail
unit=$1 searchd=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "skipped: systemd-analyze missing (apt-get install systemd; scripts/install-deps.sh --test)"
  exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sed "s|^ExecStart=/usr/bin/searchd |ExecStart=$searchd |" "$unit" >"$scratch/pepsearch.service"
grep -q "^ExecStart=/usr/bin/searchd --config /etc/pepsearch/searchd.conf$" "$unit"
grep -q "^Type=notify$" "$unit"
grep -q "^User=pepsearch$" "$unit"
# verify prints problems it does not count as errors too: any output is a failure.
out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$scratch/pepsearch.service" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
echo "systemd-analyze verify: ok"
