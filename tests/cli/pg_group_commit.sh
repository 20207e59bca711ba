#!/usr/bin/env bash
# pg_group_commit.sh -- `skein serve` on a PostgreSQL store (a server of
# the test's own) commits concurrent POSTs together, each answered after its
# commit with its own results, all kept through a kill -9
# (tests/lib/group_commit.sh says what is checked).
set -eEu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
. "$here/lib/serve.sh"
. "$here/lib/group_commit.sh"
pg_need
pg_test_begin
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 1; }
pg_start main
gc_db=$(pg_url main)
printf 'test-token-0123456789\n' >"$tmp/token"
gc_kill() { kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
gc_query() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$gc_db" -c "$1"; }
start_server "$gc_db" --token-file "$tmp/token" --threads 2
pids+=("$server_pid")
gc_check
