#!/usr/bin/env bash
# serve_threads.sh -- `skein serve --threads N`: a POST of many articles
# (with a bad one and a duplicate among them) gets the same answer, and the
# store the same stories, for N = 1 and N = 3.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
printf 'test-token-0123456789\n' >"$tmp/token"
auth=(-H 'Authorization: Bearer test-token-0123456789')
nd=(-H 'Content-Type: application/x-ndjson')
cat "$SKEIN_FIXTURES/crosslingual.jsonl" "$SKEIN_FIXTURES/story.jsonl" >"$tmp/in.jsonl"
printf '%s\n' '{"id":"blank","title":" ","text":""}' >>"$tmp/in.jsonl"
cat "$SKEIN_FIXTURES/events.jsonl" >>"$tmp/in.jsonl"
head -n 1 "$SKEIN_FIXTURES/story.jsonl" >>"$tmp/in.jsonl"

for n in 1 3; do
    start_server "$tmp/s$n.db" --token-file "$tmp/token" --threads "$n"
    code=$(status POST /v1/articles "${auth[@]}" "${nd[@]}" --data-binary @"$tmp/in.jsonl")
    [ "$code" = 200 ] || { echo "POST: $code $(head -c 300 "$tmp/body")"; exit 1; }
    cp "$tmp/body" "$tmp/post.$n"
    stop_server
    "$SKEIN" stories --db "$tmp/s$n.db" >"$tmp/stories.$n"
done
jq -e ".added == 48 and .refused == 2" "$tmp/post.1" >/dev/null
cmp "$tmp/post.1" "$tmp/post.3"
[ -s "$tmp/stories.1" ]
cmp "$tmp/stories.1" "$tmp/stories.3"

# A bad count is refused.
if "$SKEIN" serve --db "$tmp/x.db" --threads 0 2>"$tmp/err"; then exit 1; fi
grep -q "bad value '0'" "$tmp/err"
