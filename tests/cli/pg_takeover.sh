#!/usr/bin/env bash
# pg_takeover.sh -- one writer, a standby that takes over: two `skein serve`
# on one PostgreSQL store (a server of the test's own).  Articles are posted
# in batches to whichever server is the writer; ten times, mid-stream, the
# writer is killed with SIGKILL and a new standby started in its place:
#   - the standby says so (/healthz "role":"standby") and refuses writes (503);
#   - it takes over within seconds (median and max printed), and then holds
#     every article acknowledged so far (a 200 answer), in its story;
#   - at the end the store holds the same stories, with the same ids, as one
#     uninterrupted run of the same stream into a SQLite store.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
pg_need
pg_test_begin
pg_start main
pg=$(pg_url main)
head -c 24 /dev/urandom | base64 >"$tmp/token"
auth="Authorization: Bearer $(cat "$tmp/token")"

awk -v n=2400 -v topics=40 -v prefix=t -f "$here/lib/gen_stream.awk" >"$tmp/in.jsonl"
split -l 40 -d -a 3 "$tmp/in.jsonl" "$tmp/batch."
"$SKEIN" cluster --db "$tmp/ref.db" "$tmp/in.jsonl" >/dev/null 2>&1
"$SKEIN" stories --db "$tmp/ref.db" >"$tmp/ref.stories"

n=0
start() { # starts server number $n; sets urls[$n], pids[$n]
    local err="$tmp/server.$n.err" u=
    : >"$err" # the server opens it after the fork; sed may look first
    "$SKEIN" serve --db "$pg" --listen 127.0.0.1:0 --token-file "$tmp/token" 2>"$err" &
    pids[$n]=$!
    for _ in $(seq 300); do
        u=$(sed -n 's|.*listening on \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$err")
        [ -n "$u" ] && break
        sleep 0.1
    done
    [ -n "$u" ] || { echo "server $n did not start:"; cat "$err"; exit 1; }
    urls[$n]=$u
    n=$((n + 1))
}
role() { curl -s --max-time 2 "$1/healthz" | jq -r .role 2>/dev/null || true; }
now_ms() { date +%s%3N; }

start
[ "$(role "${urls[0]}")" = writer ]
start
[ "$(role "${urls[1]}")" = standby ]
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "$auth" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$tmp/batch.000" "${urls[1]}/v1/articles")
[ "$code" = 503 ] || { echo "a standby took a write: $code"; exit 1; }
grep -q standby "$tmp/body"
writer=0

acked() { cat "$tmp"/ack.* 2>/dev/null | sort -u; }
stored() { "$PG_BIN/psql" -At "$pg" -c "SELECT id || ' ' || story FROM articles" | sort -u; }
post() { # post batch file $1 to the writer; 0 when acknowledged
    local code
    code=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 60 -H "$auth" \
        -H 'Content-Type: application/x-ndjson' --data-binary @"$1" "${urls[$writer]}/v1/articles") ||
        return 1
    [ "$code" = 200 ] || return 1
    jq -r '.articles[] | select(.story) | "\(.id) \(.story)"' "$tmp/body" >"$tmp/ack.$(basename "$1")"
}
find_writer() { # waits for a live server to say it is the writer
    local i
    for _ in $(seq 300); do
        for i in "${!urls[@]}"; do
            kill -0 "${pids[$i]}" 2>/dev/null || continue
            [ "$(role "${urls[$i]}")" = writer ] && { writer=$i; return 0; }
        done
        sleep 0.05
    done
    return 1
}

kills=0
times=()
b=0
for f in "$tmp"/batch.*; do
    b=$((b + 1))
    until post "$f"; do find_writer || { echo "no writer after a kill"; exit 1; }; done
    # a kill every 5 batches from the 3rd, ten in all
    if [ $kills -lt 10 ] && [ $((b % 5)) -eq 3 ]; then
        kill -9 "${pids[$writer]}"
        wait "${pids[$writer]}" 2>/dev/null || true
        t0=$(now_ms)
        dead=$writer
        find_writer || { echo "kill $((kills + 1)): no standby took over"; exit 1; }
        [ "$writer" != "$dead" ]
        times+=($(($(now_ms) - t0)))
        start # the next standby
        kills=$((kills + 1))
        missing=$(comm -23 <(acked) <(stored) | head -3)
        [ -z "$missing" ] || { echo "kill $kills: acknowledged but not stored: $missing"; exit 1; }
    fi
done
[ $kills -eq 10 ] || { echo "only $kills kills"; exit 1; }
grep -q 'skein_takeovers_total 1' <(curl -s "${urls[$writer]}/metrics")
grep -q 'skein_role{role="writer"} 1' <(curl -s "${urls[$writer]}/metrics")

# Everything acknowledged is there, and the stories are those of one run.
for p in "${!pids[@]}"; do kill -TERM "${pids[$p]}" 2>/dev/null || true; done
for p in "${!pids[@]}"; do wait "${pids[$p]}" 2>/dev/null || true; done
pids=()
missing=$(comm -23 <(acked) <(stored) | head -3)
[ -z "$missing" ] || { echo "acknowledged but not stored: $missing"; exit 1; }
[ "$(stored | wc -l)" -eq 2400 ]
"$SKEIN" stories --db "$pg" >"$tmp/pg.stories"
cmp -s "$tmp/ref.stories" "$tmp/pg.stories" || {
    echo "after $kills takeovers: stories differ from one uninterrupted run"
    diff <(jq -c '[.story,.size]' "$tmp/ref.stories") <(jq -c '[.story,.size]' "$tmp/pg.stories") | head
    exit 1
}
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "pg_takeover: $kills kills; takeover ms median $(echo "$sorted" | sed -n 5p), max $(echo "$sorted" | tail -1)"
