#!/usr/bin/env bash
# serve_webhook.sh -- `skein serve --webhook URL`: a receiver on a loopback
# port (tests/lib/hookserver.py) checks each event's HMAC-SHA256 signature
# and answers 500 the first time.  Posting the first article of a story
# gives story.created, delivered again after the 500 with the same signed
# body; more articles in a burst give story.growing once the growth
# reaches --webhook-growth, not before and not twice; a restart sends
# nothing again, only what is new; bad option combinations are refused.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
command -v python3 >/dev/null || { echo "skipped: python3 is not installed (scripts/deps.sh)"; exit 0; }
tmp=$(mktemp -d)
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/serve.sh"
key=test-token-0123456789
printf '%s\n' "$key" >"$tmp/token"
python3 "$here/lib/hookserver.py" "$key" "$tmp/hooks.log" "$tmp/hook.port" &
hook_pid=$!
trap 'kill "$server_pid" "$hook_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/hook.port" ] && break; sleep 0.1; done
[ -s "$tmp/hook.port" ] || { echo "the receiver did not start"; exit 1; }
: >>"$tmp/hooks.log"
hook=http://127.0.0.1:$(cat "$tmp/hook.port")/hook
opts=(--token-file "$tmp/token" --webhook "$hook" --webhook-growth 2)

post() { # post FILE: the story of its first article
    curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$1" "$url/v1/articles" | jq -r '.articles[0].story'
}
until_log() { # until_log JQ: waits (up to 20 s) until the log's lines (an array) satisfy JQ
    for _ in $(seq 200); do
        jq -s -e "$1" "$tmp/hooks.log" >/dev/null && return 0
        sleep 0.1
    done
    echo "the receiver never saw: $1"; cat "$tmp/hooks.log"; cat "$tmp/server.err"; return 1
}
delivered() { echo "[.[] | select(.event == \"$1\" and .story == $2 and .status == 200)] | length"; }
head -n 1 "$SKEIN_FIXTURES/story.jsonl" >"$tmp/first.jsonl"
sed -n 2,4p "$SKEIN_FIXTURES/story.jsonl" >"$tmp/burst.jsonl"
sed -n 5p "$SKEIN_FIXTURES/story.jsonl" >"$tmp/late.jsonl"

start_server "$tmp/s.db" "${opts[@]}"
# A new story: story.created, refused once (500), then delivered.
story=$(post "$tmp/first.jsonl")
until_log "$(delivered story.created "$story") == 1"
jq -s -e --arg url "$url" --argjson s "$story" '
    [.[] | select(.event == "story.created" and .story == $s)] as $c
    | ($c | length) == 2 and $c[0].status == 500 and $c[1].status == 200
    and ($c[0].body == $c[1].body)
    and all(.[]; .valid and .header_event == .event and .type == "application/json")
    and ($c[1].body.story | .size == 1 and .outlets == 1 and .langs == ["en"]
         and .url == "\($url)/#/story/\($s)" and (.title | length > 0))
    and ($c[1].body.at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"))' \
    "$tmp/hooks.log" >/dev/null
grep -q "story.created of story $story to $hook: HTTP 500; attempt 1 of 6, again in 1 s" "$tmp/server.err"
# growth of one article is under 2: no story.growing yet
growth=$(curl -s "$url/v1/stories?top=1" | jq '.stories[0].growth')
jq -n -e "$growth < 2" >/dev/null
jq -s -e '[.[] | select(.event == "story.growing")] | length == 0' "$tmp/hooks.log" >/dev/null

# Three more within hours: growth reaches 2, story.growing (after its 500).
[ "$(post "$tmp/burst.jsonl")" = "$story" ]
until_log "$(delivered story.growing "$story") == 1"
jq -s -e --argjson s "$story" '[.[] | select(.event == "story.growing" and .status == 200)][0].body.story
    | .id == $s and .growth >= 2 and .size == 4 and .outlets == 4' "$tmp/hooks.log" >/dev/null
# one late article: growth falls, no event; no event was sent twice
[ "$(post "$tmp/late.jsonl")" = "$story" ]
sleep 2
# (every request counts: a third event would show its first, refused try)
jq -s -e 'all(.[]; .valid) and length == 4 and ([.[] | select(.status == 200)] | length == 2)' "$tmp/hooks.log" >/dev/null
stop_server

# A restart sends nothing again; a new story is announced.
start_server "$tmp/s.db" "${opts[@]}"
sleep 2
jq -s -e 'length == 4' "$tmp/hooks.log" >/dev/null
head -n 1 "$SKEIN_FIXTURES/crosslingual.jsonl" >"$tmp/other.jsonl"
other=$(post "$tmp/other.jsonl")
[ "$other" != "$story" ]
until_log "$(delivered story.created "$other") == 1"
jq -s -e --argjson s "$story" "$(delivered story.created '$s') == 1" "$tmp/hooks.log" >/dev/null
stop_server

# Refused: a reader sends nothing; no key; not an http address; growth alone.
refused() { # refused STATUS WORDS ARGS...: exits with STATUS saying WORDS
    local want=$1 words=$2; shift 2
    local got=0
    "$SKEIN" serve --db "$tmp/s.db" --listen 127.0.0.1:0 "$@" 2>"$tmp/err" || got=$?
    [ "$got" = "$want" ] && grep -q -- "$words" "$tmp/err" || { echo "$*: $got: $(cat "$tmp/err")"; return 1; }
}
refused 2 "read-only" --read-only --webhook "$hook"
refused 1 "webhook-secret-file" --webhook "$hook"
refused 2 "want an http" --webhook ftp://example.org/ --token-file "$tmp/token"
refused 2 "need --webhook" --webhook-growth 3
refused 2 "webhook-growth" --webhook "$hook" --webhook-growth -1
echo "ok"
