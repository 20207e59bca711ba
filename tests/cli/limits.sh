#!/usr/bin/env bash
# limits.sh -- the limits of the CLI and the server (README, "Limits"), each
# tried at its edge: the line size of a stream, the request body, the
# connections at once, an idle connection, the page size of a list, the
# header size.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
fail() { echo "$*"; exit 1; }

# A line of a stream: --max-line-bytes N takes a line of N bytes (without the
# newline) and reports and skips one of N + 1; the lines after it go on.
line() { # line ID BYTES: an article line of exactly BYTES bytes
    local head="{\"id\":\"$1\",\"title\":\"Ferry sinks off Crete\",\"text\":\"" tail='"}'
    local pad=$(($2 - ${#head} - ${#tail}))
    printf '%s%s%s\n' "$head" "$(head -c "$pad" /dev/zero | tr '\0' 'a')" "$tail"
}
{ line at-cap 500; line over-cap 501; line after 300; } >"$tmp/s.jsonl"
[ "$(head -1 "$tmp/s.jsonl" | tr -d '\n' | wc -c)" = 500 ] || fail "the test line is not 500 bytes"
"$SKEIN" cluster --max-line-bytes 500 --assignments "$tmp/a.jsonl" "$tmp/s.jsonl" >/dev/null 2>"$tmp/err"
grep -q 's.jsonl:2: skipped: over the size cap' "$tmp/err" || fail "line 2 (501 bytes) not reported: $(cat "$tmp/err")"
[ "$(jq -r .id "$tmp/a.jsonl" | tr '\n' ' ')" = 'at-cap after ' ] || fail "assigned: $(cat "$tmp/a.jsonl")"

# A .txt file of a folder: the same cap on the whole file.
mkdir "$tmp/folder"
{ echo "Ferry sinks off Crete"; head -c 478 /dev/zero | tr '\0' 'a'; } >"$tmp/folder/a.txt"   # 500 bytes
{ echo "Ferry sinks off Crete"; head -c 479 /dev/zero | tr '\0' 'a'; } >"$tmp/folder/b.txt"   # 501 bytes
[ "$(wc -c <"$tmp/folder/a.txt")" = 500 ] || fail "a.txt is not 500 bytes"
"$SKEIN" cluster --max-line-bytes 500 --assignments "$tmp/f.jsonl" "$tmp/folder" >/dev/null 2>"$tmp/err"
grep -q 'folder/b.txt: skipped: over the size cap' "$tmp/err" || fail "b.txt not reported: $(cat "$tmp/err")"
[ "$(jq -r .id "$tmp/f.jsonl")" = a ] || fail "assigned: $(cat "$tmp/f.jsonl")"

# The request body: --max-body-bytes N takes N bytes and answers 413 to N + 1,
# told by Content-Length or found while a chunked body comes.
printf 'test-token-0123456789\n' >"$tmp/token"
auth=(-H 'Authorization: Bearer test-token-0123456789' -H 'Content-Type: application/json')
start_server "$tmp/db" --token-file "$tmp/token" --max-body-bytes 1000
line b1 1000 | tr -d '\n' >"$tmp/at-cap"
line b2 1001 | tr -d '\n' >"$tmp/over-cap"
[ "$(status POST /v1/articles "${auth[@]}" --data-binary @"$tmp/at-cap")" = 200 ] || fail "1000 bytes: $(cat "$tmp/body")"
[ "$(status POST /v1/articles "${auth[@]}" --data-binary @"$tmp/over-cap")" = 413 ] || fail "1001 bytes not 413"
[ "$(status POST /v1/articles "${auth[@]}" -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/over-cap")" = 413 ] ||
    fail "1001 bytes chunked not 413"
jq -e '.status == 413' "$tmp/body" >/dev/null

# A list page holds at most 1000 stories.
[ "$(status GET '/v1/stories?limit=1000')" = 200 ] || fail "limit=1000 refused"
[ "$(status GET '/v1/stories?limit=1001')" = 400 ] || fail "limit=1001 taken"
jq -e '.field == "limit"' "$tmp/body" >/dev/null

# Headers: libmicrohttpd keeps a request's line and headers in a pool of
# 32 KiB per connection (shared with its own bookkeeping, so not exact).
big=$(head -c 40000 /dev/zero | tr '\0' 'h')
got=$(status GET /healthz -H "X-Big: $big")
[ "$got" = 431 ] || fail "a 40 KB header got $got"
[ "$(status GET /healthz -H "X-Big: ${big:0:20000}")" = 200 ] || fail "a 20 KB header refused"

stop_server
server_pid=

# Connections: with --max-connections 2 a third connection is not taken
# while two are open: it waits (in the listen queue) until one closes.  An
# idle connection is closed after --timeout-seconds (2 here), which frees
# the room.  One idle connection leaves room: an answer at once (within a
# second: the server may run under valgrind).  A server of its own, so that
# the short timeout cannot cut the slower requests above.
start_server "$tmp/db" --max-connections 2 --timeout-seconds 2
port=${url##*:}
timed() { # timed: the status of GET /healthz and the seconds it took
    curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 "$url/healthz" || true
}
exec 3<>"/dev/tcp/127.0.0.1/$port"
read -r got took <<<"$(timed)"
[ "$got" = 200 ] && awk -v t="$took" 'BEGIN { exit !(t < 1) }' || fail "one idle connection: $got after ${took}s"
exec 3<&- 3>&-
sleep 0.2
exec 3<>"/dev/tcp/127.0.0.1/$port" 4<>"/dev/tcp/127.0.0.1/$port"
read -r got took <<<"$(timed)"
[ "$got" = 200 ] || fail "the third connection got $got"
awk -v t="$took" 'BEGIN { exit !(t > 1.2 && t < 8) }' || fail "the third connection was answered after ${took}s (want ~2 s)"
# the idle ones were closed by the server: their reads end at once
rc=0
read -r -t 3 -u 3 _ || rc=$?
[ "$rc" = 1 ] || fail "an idle connection was not closed by the server (read: $rc)"
exec 3<&- 3>&- 4<&- 4>&-
stop_server
server_pid=
