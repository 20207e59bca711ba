#!/usr/bin/env bash
# serve_feeds_fail.sh -- a commit by the feeds' thread that fails costs
# only that commit: the next POST is stored and answered 200, not refused
# for the feeds' failure, and the feeds' next round stores the items.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
. "$here/lib/feeds.sh"
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 is not installed (scripts/deps.sh)"; exit 0; }
trap 'kill "$server_pid" 2>/dev/null || true; stop_feeds; rm -rf "$tmp"' EXIT
start_feeds 2 # the feed comes 2 s after it is asked for
printf '%s\n' "$base/slow/feeds/rss.xml" >"$tmp/feeds.txt"
printf 'test-token-0123456789\n' >"$tmp/token"
start_server "$tmp/s.db" --token-file "$tmp/token" --feeds "$tmp/feeds.txt" --allow-private --delay 0.01 --interval 5
# the feeds' commit fails (a trigger another client puts on the stories
# refuses their rows; skein's own commit is what fails, as on a lost
# connection or a full disk), then the trigger goes
sqlite3 "$tmp/s.db" "CREATE TRIGGER refuse BEFORE INSERT ON stories BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
for _ in $(seq 300); do
    grep -q "feeds polled" "$tmp/server.err" && break
    sleep 0.1
done
grep -q "feeds polled: 0 new articles" "$tmp/server.err" || { cat "$tmp/server.err"; exit 1; }
grep -q "refused by the test" "$tmp/server.err" || { cat "$tmp/server.err"; exit 1; }
sqlite3 "$tmp/s.db" "DROP TRIGGER refuse;"
code=$(status POST /v1/articles -H 'Authorization: Bearer test-token-0123456789' -H 'Content-Type: application/json' \
    --data '{"id":"after-1","title":"Ferry resumes crossings on Lake Orsen","text":"The ferry that crosses Lake Orsen resumed its crossings on Monday after repairs to its engine, the operator said."}')
[ "$code" = 200 ] || { echo "POST after the feeds' failure: $code $(cat "$tmp/body")"; cat "$tmp/server.err"; exit 1; }
for _ in $(seq 300); do
    grep -q "feeds polled: 2 new articles" "$tmp/server.err" && break
    sleep 0.1
done
grep -q "feeds polled: 2 new articles" "$tmp/server.err" || { cat "$tmp/server.err"; exit 1; }
stop_server
[ "$(sqlite3 "$tmp/s.db" "SELECT count(*) FROM articles WHERE id = 'after-1'")" = 1 ]
[ "$(sqlite3 "$tmp/s.db" "SELECT count(*) FROM articles")" = 3 ]
echo ok
