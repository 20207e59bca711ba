#!/usr/bin/env bash
# serve_feeds.sh -- `skein serve --feeds`: the service follows feeds on a
# thread of its own (test outlets from tests/lib/feedserver.py): their
# articles appear in the API while it serves, and it stops cleanly.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
. "$here/lib/feeds.sh"
trap 'kill "$server_pid" 2>/dev/null || true; stop_feeds; rm -rf "$tmp"' EXIT
# the feeds' options without --feeds are refused, not ignored
for opt in "--interval 5" "--timeout=5" "--allow-private"; do
    if "$SKEIN" serve --db "$tmp/none.db" $opt 2>"$tmp/err"; then
        echo "serve $opt without --feeds started"; exit 1
    fi
    grep -q "needs --feeds" "$tmp/err"
done
start_feeds 3
printf '%s\n' "$base/feeds/rss.xml" "$base/feeds/atom.xml" >"$tmp/feeds.txt"
start_server "$tmp/s.db" --feeds "$tmp/feeds.txt" --allow-private --delay 0.01 --interval 1
n=0
for _ in $(seq 300); do # up to 30 s (valgrind)
    n=$(curl -s "$url/v1/stories?limit=50" | jq '[.stories[].size] | add // 0')
    [ "$n" = 4 ] && break
    sleep 0.1
done
[ "$n" = 4 ] || { echo "stories hold $n articles, not 4"; cat "$tmp/server.err"; exit 1; }
id=$(jq -rn --arg u "$base/feeds/pages/atom-2.html" '$u | @uri')
[ "$(status GET "/v1/articles/$id")" = 200 ]
jq -e '.text | startswith("The ferry that crosses Lake Orsen")' "$tmp/body" >/dev/null
# the next rounds ask conditionally and add nothing
for _ in $(seq 100); do
    [ "$(grep -c 'If-None-Match' "$feeds_log")" -ge 2 ] && break
    sleep 0.1
done
[ "$(grep -c 'If-None-Match' "$feeds_log")" -ge 2 ]
grep -q "feeds polled: 4 new articles, 0 errors" "$tmp/server.err"
stop_server
[ "$(sqlite3 "$tmp/s.db" 'SELECT count(*) FROM articles')" = 4 ]
echo ok
