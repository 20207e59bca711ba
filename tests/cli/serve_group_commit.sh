#!/usr/bin/env bash
# serve_group_commit.sh -- `skein serve` on a SQLite store commits
# concurrent POSTs together, each answered after its commit with its own
# results, all kept through a kill -9 (tests/lib/group_commit.sh says what
# is checked).
set -eEu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
. "$here/lib/group_commit.sh"
trap 'kill -9 "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 1; }
printf 'test-token-0123456789\n' >"$tmp/token"
gc_db=$tmp/s.db
gc_kill() { kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
gc_query() { sqlite3 "$gc_db" "$1"; }
start_server "$gc_db" --token-file "$tmp/token" --threads 2
gc_check
