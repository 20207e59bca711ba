#!/usr/bin/env bash
# pg_replica.sh -- many readers on a streaming replica, and a writer that
# loses its database.  A PostgreSQL primary and its replica (pg_basebackup -R),
# both started by the test; one `skein serve` writes the primary, two
# `skein serve --read-only` read the replica:
#   - while the writer ingests, both readers answer the list, a story and a
#     search (200), say "role":"reader", report their replication lag, and
#     refuse writes with 503 naming the writer's address;
#   - once the replica has caught up, the readers' answers equal the writer's;
#   - the primary stopped and started again under the writer: what is posted
#     meanwhile gets 503 (nothing kept), then the writer reconnects by itself
#     and everything acknowledged is there, the stories those of one run.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
pg_need
pg_test_begin
pg_start primary
pg_replica replica primary
primary=$(pg_url primary)
replica=$(pg_url replica)
head -c 24 /dev/urandom | base64 >"$tmp/token"
auth="Authorization: Bearer $(cat "$tmp/token")"
awk -v n=900 -v topics=20 -v prefix=r -f "$here/lib/gen_stream.awk" >"$tmp/in.jsonl"
split -l 30 -d -a 3 "$tmp/in.jsonl" "$tmp/batch."
"$SKEIN" cluster --db "$tmp/ref.db" "$tmp/in.jsonl" >/dev/null 2>&1
"$SKEIN" stories --db "$tmp/ref.db" >"$tmp/ref.stories"

n=0
start() { # start DB ARGS...: server number $n; sets urls[$n], pids[$n]
    local db=$1 err="$tmp/server.$n.err" u=
    shift
    : >"$err" # the server opens it after the fork; sed may look first
    "$SKEIN" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$err" &
    pids[$n]=$!
    for _ in $(seq 300); do
        u=$(sed -n 's|.*listening on \(http://[0-9.]*:[0-9]*\)/.*|\1|p' "$err")
        [ -n "$u" ] && break
        kill -0 "${pids[$n]}" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$u" ] || { echo "server $n did not start:"; cat "$err"; exit 1; }
    urls[$n]=$u
    n=$((n + 1))
}
post() { # post FILE: the status; acknowledged ids into $tmp/ack.*
    local code
    code=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 60 -H "$auth" \
        -H 'Content-Type: application/x-ndjson' --data-binary @"$1" "${urls[0]}/v1/articles") || true
    [ "$code" = 200 ] &&
        jq -r '.articles[] | select(.story) | "\(.id) \(.story)"' "$tmp/body" >"$tmp/ack.$(basename "$1")"
    echo "$code"
}
get() { curl -s -o "$tmp/got" -w '%{http_code}' --max-time 10 "$1"; }

# The writer makes the schema on the primary before the readers start.
start "$primary" --token-file "$tmp/token"
writer=${urls[0]}
[ "$(post "$tmp/batch.000")" = 200 ]
for _ in $(seq 100); do # the replica has the schema
    "$PG_BIN/psql" -At "$replica" -c 'SELECT version FROM skein_schema' >/dev/null 2>&1 && break
    sleep 0.1
done
start "$replica" --read-only --token-file "$tmp/token"
start "$replica" --read-only --token-file "$tmp/token"
for r in 1 2; do
    get "${urls[$r]}/healthz" >/dev/null
    jq -e '.role == "reader"' "$tmp/got" >/dev/null
done
jq -e '.role == "writer"' <(curl -s "$writer/healthz") >/dev/null

# Readers answer while the writer ingests.
word=$(head -1 "$tmp/in.jsonl" | jq -r .title | cut -d' ' -f1)
i=0
for f in "$tmp"/batch.0[0-1]*; do
    [ "$f" = "$tmp/batch.000" ] && continue
    [ "$(post "$f")" = 200 ] || { echo "post $f: $(cat "$tmp/body")"; exit 1; }
    r=$((1 + i % 2)); i=$((i + 1))
    for path in "/v1/stories?limit=5" "/v1/stories/1" "/v1/stories?q=$word"; do
        code=$(get "${urls[$r]}$path")
        [ "$code" = 200 ] || { echo "reader $r $path: $code $(head -c 300 "$tmp/got")"; exit 1; }
    done
done
jq -e '.stories | length > 0' <(curl -s "${urls[1]}/v1/stories?q=$word") >/dev/null
grep -q '^skein_replication_lag_seconds [0-9.]*$' <(curl -s "${urls[2]}/metrics")
grep -q 'skein_role{role="reader"} 1' <(curl -s "${urls[2]}/metrics")

# Writes to a reader: 503, and where the writer is.
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "$auth" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$tmp/batch.020" "${urls[1]}/v1/articles")
[ "$code" = 503 ] || { echo "a reader took a write: $code"; exit 1; }
jq -e --arg w "$writer" '.writer == $w and (.error | test("read"))' "$tmp/body" >/dev/null

# Caught up, the readers answer as the writer does.
same() { # same PATH: both readers' answers equal the writer's
    local want
    want=$(curl -s "$writer$1")
    [ "$(curl -s "${urls[1]}$1")" = "$want" ] && [ "$(curl -s "${urls[2]}$1")" = "$want" ]
}
for _ in $(seq 100); do same "/v1/stories?limit=1000" && break; sleep 0.1; done
same "/v1/stories?limit=1000"
same "/v1/stories/2"

# The primary goes away under the writer and comes back.
pg_stop primary fast
code=$(post "$tmp/batch.020")
[ "$code" = 503 ] || { echo "a post with the database down: $code"; exit 1; }
rm -f "$tmp/ack.batch.020"
pg_restart primary
for f in "$tmp"/batch.0[2-9]*; do
    ok=0
    for _ in $(seq 100); do # the writer reconnects: a 503 or two, then 200
        [ "$(post "$f")" = 200 ] && { ok=1; break; }
        sleep 0.1
    done
    [ $ok = 1 ] || { echo "the writer did not come back: $(cat "$tmp/body")"; cat "$tmp/server.0.err"; exit 1; }
done
grep -q 'skein_role{role="writer"} 1' <(curl -s "$writer/metrics")

for p in "${!pids[@]}"; do kill -TERM "${pids[$p]}"; done
for p in "${!pids[@]}"; do wait "${pids[$p]}"; done
pids=()
acked=$(cat "$tmp"/ack.* | sort -u)
stored=$("$PG_BIN/psql" -At "$primary" -c "SELECT id || ' ' || story FROM articles" | sort -u)
[ -z "$(comm -23 <(echo "$acked") <(echo "$stored"))" ] || { echo "acknowledged but not stored"; exit 1; }
[ "$(echo "$stored" | wc -l)" -eq 900 ]
"$SKEIN" stories --db "$primary" | cmp - "$tmp/ref.stories"
echo "pg_replica: two readers on the replica, the writer back after its database restarted"
