#!/bin/sh
# Run the TUI test files RUNS times in a row (default 20) while two busy loops load the CPU, as on a loaded
# 2-core machine; print how many runs passed. Exit 1 when any run failed. Build first: npx tsc -p .
# Usage: scripts/stress-tui.sh [RUNS] [FILE-REGEX]   (default regex: every test file of dist/test/tui)
set -u
RUNS=${1:-20}
PATTERN=${2:-'\.test\.js$'}
cd "$(dirname "$0")/.." || exit 2
[ -d dist/test/tui ] || { echo "stress-tui: build first (npx tsc -p .)" >&2; exit 2; }
busy() { while :; do :; done; }
busy & LOOP1=$!
busy & LOOP2=$!
stop() { kill "$LOOP1" "$LOOP2" 2>/dev/null; }
trap stop EXIT INT TERM
passed=0
failed=0
i=1
while [ "$i" -le "$RUNS" ]; do
  if npx uvu dist/test/tui "$PATTERN" >"${TMPDIR:-/tmp}/stress-tui-run-$i.log" 2>&1; then
    passed=$((passed + 1))
    rm -f "${TMPDIR:-/tmp}/stress-tui-run-$i.log"
  else
    failed=$((failed + 1))
    echo "stress-tui: run $i failed (log: ${TMPDIR:-/tmp}/stress-tui-run-$i.log)" >&2
  fi
  i=$((i + 1))
done
echo "stress-tui: $passed of $RUNS runs passed under two busy loops ($failed failed)"
[ "$failed" -eq 0 ]
